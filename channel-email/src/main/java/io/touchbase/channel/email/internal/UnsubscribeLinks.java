package io.touchbase.channel.email.internal;

import io.touchbase.channel.support.BindingSettings;
import io.touchbase.spi.channel.DispatchId;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The unsubscribe headers of marketing email (RFC 2369 and RFC 8058), from settings {@code
 * unsubscribeUrl} (an HTTPS base URL the host routes to {@code touchbase.callbacks()}) and
 * {@code unsubscribeMailto}, and secret {@code unsubscribeKey}:
 *
 * <pre>
 * List-Unsubscribe: &lt;https://shop.example/u/TOKEN&gt;, &lt;mailto:unsubscribe@shop.example?subject=unsubscribe&gt;
 * List-Unsubscribe-Post: List-Unsubscribe=One-Click
 * </pre>
 *
 * Immutable and thread-safe.
 *
 * <p>This class is internal and is hence not for public use.
 *
 * @param baseUrl the URL the token is appended to as its last path segment, without a trailing
 *     slash
 * @param mailto the address of the {@code mailto:} alternative, if any
 * @param tokens the token maker and checker
 */
record UnsubscribeLinks(String baseUrl, Optional<String> mailto, UnsubscribeTokens tokens) {
  static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
  static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
  /** The one value RFC 8058 allows for {@code List-Unsubscribe-Post}, which is also the POST body. */
  static final String ONE_CLICK = "List-Unsubscribe=One-Click";

  /**
   * Reads the settings: none of them, or {@code unsubscribeUrl} and secret {@code
   * unsubscribeKey} together (with {@code unsubscribeMailto} optional).
   *
   * @return empty when unsubscribe links are not configured
   */
  static Optional<UnsubscribeLinks> from(BindingSettings s) {
    Optional<String> url = s.optional("unsubscribeUrl");
    Optional<String> key = s.optionalSecret("unsubscribeKey");
    Optional<String> mailto = s.optional("unsubscribeMailto");
    if (key.isEmpty() && s.optionalSecret("unsubscribeKeyPrevious").isPresent()) {
      throw s.error("secret 'unsubscribeKeyPrevious' needs secret 'unsubscribeKey', the key that replaces it");
    }
    if (url.isEmpty() && key.isEmpty() && mailto.isEmpty()) {
      return Optional.empty();
    }
    if (url.isEmpty()) {
      throw s.error("setting 'unsubscribeUrl' is required when 'unsubscribeMailto' or secret 'unsubscribeKey' is set:"
          + " RFC 8058 needs an HTTPS link");
    }
    if (key.isEmpty()) {
      throw s.error("secret 'unsubscribeKey' is required when setting 'unsubscribeUrl' is set");
    }
    byte[] keyBytes = key.get().getBytes(StandardCharsets.UTF_8);
    if (keyBytes.length < UnsubscribeTokens.MIN_KEY_BYTES) {
      throw s.error("secret 'unsubscribeKey' must have at least " + UnsubscribeTokens.MIN_KEY_BYTES
          + " bytes (a random string of 32 characters is good)");
    }
    Optional<byte[]> previous = s.optionalSecret("unsubscribeKeyPrevious").map(p -> p.getBytes(StandardCharsets.UTF_8));
    if (previous.isPresent() && previous.get().length < UnsubscribeTokens.MIN_KEY_BYTES) {
      throw s.error("secret 'unsubscribeKeyPrevious' must have at least " + UnsubscribeTokens.MIN_KEY_BYTES
          + " bytes, as 'unsubscribeKey' had to");
    }
    if (previous.isPresent() && Arrays.equals(previous.get(), keyBytes)) {
      throw s.error("secret 'unsubscribeKeyPrevious' must differ from 'unsubscribeKey': give the new key as"
          + " 'unsubscribeKey' and the one it replaces as 'unsubscribeKeyPrevious'");
    }
    return Optional.of(new UnsubscribeLinks(baseUrl(s, url.get()), mailto.map(m -> mailto(s, m)),
        new UnsubscribeTokens(keyBytes, previous)));
  }

  private static String baseUrl(BindingSettings s, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw s.error("setting 'unsubscribeUrl' must be an https URL, but was '" + value + "'");
    }
    if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
      throw s.error("setting 'unsubscribeUrl' must be an https URL (RFC 8058 requires HTTPS), but was '"
          + value + "'");
    }
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw s.error("setting 'unsubscribeUrl' must be an https URL with a host and no query, fragment or user,"
          + " but was '" + value + "'");
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  private static String mailto(BindingSettings s, String value) {
    // An address only: anything that would need escaping in a mailto: URI is refused.
    if (!value.matches("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")) {
      throw s.error("setting 'unsubscribeMailto' must be a plain email address, but was '"
          + SmtpConfig.maskEmail(value) + "'");
    }
    return value;
  }

  /** The one-click URL of a dispatch. */
  String urlFor(DispatchId dispatchId) {
    return baseUrl + "/" + tokens.tokenFor(dispatchId);
  }

  /** The value of {@code List-Unsubscribe}: the HTTPS URL first, then the {@code mailto:}, on one line. */
  String listUnsubscribe(DispatchId dispatchId) {
    return "<" + urlFor(dispatchId) + ">" + mailto.map(m -> ", <mailto:" + m + "?subject=unsubscribe>").orElse("");
  }

  @Override
  public String toString() {
    return "unsubscribeUrl=" + baseUrl + mailto.map(m -> ", unsubscribeMailto=" + SmtpConfig.maskEmail(m)).orElse("");
  }
}
