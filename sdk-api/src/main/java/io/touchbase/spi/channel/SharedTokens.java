package io.touchbase.spi.channel;

import io.touchbase.api.internal.Checks;
import java.time.Instant;

/**
 * Provider access tokens shared by every engine instance on one database. Providers such as
 * WeChat invalidate the previous token when a new one is fetched, so a token must be fetched by
 * one instance at a time and reused by all: the engine stores it in its database and lets one
 * instance refresh while the others wait for the result. Offered to channels as {@code
 * context.service(SharedTokens.class)}; thread-safe.
 *
 * <p>A stored token is treated as expired one minute before its {@link IssuedToken#expiresAt()}.
 * Tokens are kept in the engine's database in clear, like the provider's own SDKs keep them in
 * their caches; they never appear in logs or exception messages.
 */
public interface SharedTokens {

  /**
   * A valid token for {@code key}: the stored one while it is valid, otherwise one fetched from
   * {@code source} by this instance while the others wait, stored, and returned.
   *
   * @param key the provider's key for the token, e.g. {@code wechat:wx1234}; at most 200
   *     characters, no secrets
   * @throws ChannelException what {@code source} threw, when it was asked and failed
   */
  String token(String key, TokenSource source);

  /**
   * A new token after the provider rejected {@code rejected} as invalid or expired: fetched from
   * {@code source} if the stored token is still the rejected one, or the one another instance
   * already stored instead. Several callers holding the same rejected token cause one fetch.
   *
   * @throws ChannelException what {@code source} threw, when it was asked and failed
   */
  String replace(String key, String rejected, TokenSource source);

  /** Fetches a new token from the provider. */
  @FunctionalInterface
  interface TokenSource {
    /**
     * @throws ChannelException when the provider refused or could not be reached
     */
    IssuedToken fetch();
  }

  /**
   * A token as the provider issued it. {@link #toString()} does not show the value.
   *
   * @param value the token
   * @param expiresAt when the provider says it expires
   */
  record IssuedToken(String value, Instant expiresAt) {
    public IssuedToken {
      Checks.notBlank(value, "token.value");
      if (value.length() > 2048) {
        throw new IllegalArgumentException("token.value must be at most 2048 characters, but was " + value.length());
      }
      Checks.notNull(expiresAt, "token.expiresAt");
    }

    @Override
    public String toString() {
      return "IssuedToken{chars=" + value.length() + ", expiresAt=" + expiresAt + "}";
    }
  }
}
