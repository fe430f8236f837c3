package io.touchbase.channel.support;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.spi.channel.CallbackRejectedException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies callbacks of providers that document no signature (Aliyun and Tencent Cloud pushes):
 * the callback URL configured in the provider's console carries a secret query parameter {@code
 * token}, which must equal the channel's secret {@code callbackToken}. Without a configured token
 * every callback is rejected, so an unprotected URL never records anything. Thread-safe.
 */
public final class CallbackTokens {
  /** The secret holding the expected token. */
  public static final String SECRET = "callbackToken";

  /** The query parameter carrying the token. */
  public static final String QUERY_PARAMETER = "token";

  private CallbackTokens() {}

  /**
   * Passes when the URL's {@code token} query parameter equals {@code expectedToken} (compared in
   * constant time).
   *
   * @throws CallbackRejectedException (401) otherwise; the reason never shows either token
   */
  public static void require(CallbackRequest request, Optional<String> expectedToken) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(expectedToken, "expectedToken");
    if (expectedToken.isEmpty() || expectedToken.get().isBlank()) {
      throw CallbackRejectedException.unverified(
          "no " + SECRET + " configured: callbacks of channel '" + request.channel() + "' cannot be verified");
    }
    List<String> tokens = tokensOf(request.url());
    if (tokens.isEmpty()) {
      throw CallbackRejectedException.unverified(
          "callback URL has no '" + QUERY_PARAMETER + "' query parameter");
    }
    if (tokens.size() > 1) {
      throw CallbackRejectedException.unverified(
          "callback URL has more than one '" + QUERY_PARAMETER + "' query parameter");
    }
    if (!Crypto.constantTimeEquals(expectedToken.get(), tokens.get(0))) {
      throw CallbackRejectedException.unverified(
          "callback token does not match the configured " + SECRET);
    }
  }

  private static List<String> tokensOf(String url) {
    try {
      return Forms.queryOf(url).getOrDefault(QUERY_PARAMETER, List.of());
    } catch (IllegalArgumentException e) {
      throw CallbackRejectedException.unverified("callback URL is malformed");
    }
  }
}
