package io.touchbase.channel.support;

import io.touchbase.api.callback.CallbackRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes and checks Twilio's {@code X-Twilio-Signature}: Base64 HMAC-SHA1 with the auth token
 * over the full URL followed by the sorted form parameters. Handles form POSTs, GETs (URL only),
 * JSON bodies (URL with {@code bodySHA256}, then the body's hash is compared) and URLs signed with
 * or without the default port, as Twilio's own validator does. Stateless and thread-safe.
 */
public final class TwilioSignature {
  /** The header Twilio sends the signature in. */
  public static final String HEADER = "X-Twilio-Signature";

  private TwilioSignature() {}

  /**
   * The signature of a request.
   *
   * @param authToken the account's auth token
   * @param url the full URL as Twilio requested it, query included
   * @param formParams the form parameters of a POST; empty for a GET or a JSON body. Repeated
   *     names contribute each value, values sorted (unconfirmed: Twilio documents no order for
   *     repeated names; this is what its SDK does)
   */
  public static String compute(String authToken, String url, Map<String, List<String>> formParams) {
    Objects.requireNonNull(authToken, "authToken");
    StringBuilder data = new StringBuilder(Objects.requireNonNull(url, "url"));
    new TreeMap<>(formParams)
        .forEach(
            (name, values) ->
                values.stream().sorted().forEach(value -> data.append(name).append(value)));
    return Base64.getEncoder().encodeToString(Crypto.hmacSha1(Crypto.utf8(authToken), data.toString()));
  }

  /**
   * Whether the request carries a valid signature. A request without the header, with a body
   * that does not match its {@code bodySHA256}, or with a malformed URL or form is invalid.
   * Comparisons take constant time.
   */
  public static boolean isValid(String authToken, CallbackRequest request) {
    Objects.requireNonNull(authToken, "authToken");
    Optional<String> header = request.header(HEADER);
    if (header.isEmpty() || header.get().isBlank()) {
      return false;
    }
    Map<String, List<String>> params;
    Optional<String> bodyHash;
    try {
      bodyHash = Forms.first(Forms.queryOf(request.url()), "bodySHA256");
      params = bodyHash.isEmpty() && isForm(request) ? Forms.parse(request.bodyText()) : Map.of();
    } catch (IllegalArgumentException e) {
      return false;
    }
    boolean signed = false;
    for (String candidate : urlVariants(request.url())) {
      // Evaluate every variant, so timing does not tell which one matched.
      signed |= Crypto.constantTimeEquals(compute(authToken, candidate, params), header.get().strip());
    }
    if (!signed) {
      return false;
    }
    return bodyHash.isEmpty()
        || Crypto.constantTimeEquals(bodyHash.get().toLowerCase(Locale.ROOT), Crypto.sha256Hex(request.body()));
  }

  private static boolean isForm(CallbackRequest request) {
    if (!request.method().equals("POST")) {
      return false;
    }
    // Twilio posts forms; a POST without a content type is treated as one too.
    return request
        .header("Content-Type")
        .map(ct -> ct.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
        .orElse(true);
  }

  /** The URL as given, and with the default port added or removed. */
  static Set<String> urlVariants(String url) {
    Set<String> variants = new LinkedHashSet<>();
    variants.add(url);
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      int defaultPort = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
      if (defaultPort < 0 || uri.getRawAuthority() == null) {
        return variants;
      }
      if (uri.getPort() == -1) {
        variants.add(withAuthority(uri, uri.getRawAuthority() + ":" + defaultPort));
      } else if (uri.getPort() == defaultPort) {
        String authority = uri.getRawAuthority();
        variants.add(withAuthority(uri, authority.substring(0, authority.lastIndexOf(':'))));
      }
    } catch (URISyntaxException e) {
      // Only the URL as given; it will not verify.
    }
    return variants;
  }

  private static String withAuthority(URI uri, String authority) {
    List<String> parts = new ArrayList<>();
    parts.add(uri.getScheme() + "://" + authority);
    parts.add(uri.getRawPath() == null ? "" : uri.getRawPath());
    if (uri.getRawQuery() != null) {
      parts.add("?" + uri.getRawQuery());
    }
    if (uri.getRawFragment() != null) {
      parts.add("#" + uri.getRawFragment());
    }
    return String.join("", parts);
  }

  /**
   * The request as Twilio would sign it: the same method, URL and body, its content type (a form
   * one when absent) and a correct {@value #HEADER} for its URL and form parameters. For tests that
   * must reach a Twilio handler's parsing.
   */
  public static CallbackRequest sign(CallbackRequest request, String authToken) {
    Map<String, List<String>> form;
    try {
      form = request.method().equals("POST") ? Forms.parse(request.bodyText()) : Map.of();
    } catch (IllegalArgumentException e) {
      form = Map.of();
    }
    return CallbackRequest.builder(request.channel()).method(request.method()).url(request.url())
        .header("Content-Type", request.header("Content-Type").orElse("application/x-www-form-urlencoded"))
        .header(HEADER, compute(authToken, request.url(), form))
        .body(request.body()).build();
  }
}
