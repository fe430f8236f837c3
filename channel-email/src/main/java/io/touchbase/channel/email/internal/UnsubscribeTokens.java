package io.touchbase.channel.email.internal;

import io.touchbase.spi.channel.DispatchId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque token of a one-click unsubscribe URL: {@code base64url(dispatchId) + "." +
 * base64url(HMAC-SHA256(key, dispatchId))}, without padding. It names our dispatch, never the
 * address, so a leaked URL tells nothing about the recipient, and only the holder of the key can
 * make one. A previous key may be kept while the key is rotated: tokens are made with the current
 * key and verified with either, so the links of email already sent keep working. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class UnsubscribeTokens {
  /** The shortest key accepted: 16 bytes, a 128-bit secret. */
  static final int MIN_KEY_BYTES = 16;
  // base64url of a 64-character dispatch id (86) + "." + base64url of 32 bytes (43).
  private static final int MAX_TOKEN_CHARS = 130;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final Optional<SecretKeySpec> previous;

  UnsubscribeTokens(byte[] key) {
    this(key, Optional.empty());
  }

  /**
   * @param previous the key before the last rotation, still accepted by {@link #verify}
   */
  UnsubscribeTokens(byte[] key, Optional<byte[]> previous) {
    this.key = spec(key, "key");
    this.previous = previous.map(p -> spec(p, "previous key"));
  }

  private static SecretKeySpec spec(byte[] key, String name) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(name + " must have at least " + MIN_KEY_BYTES + " bytes");
    }
    return new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** The token for a dispatch. */
  String tokenFor(DispatchId dispatchId) {
    byte[] id = dispatchId.value().getBytes(StandardCharsets.US_ASCII);
    return ENCODER.encodeToString(id) + "." + ENCODER.encodeToString(mac(key, id));
  }

  /**
   * The dispatch a token names, if the token is well formed and its MAC is right under the key or
   * the previous key (each compared in constant time, both always computed). Never throws on any
   * input.
   */
  Optional<DispatchId> verify(String token) {
    if (token.length() > MAX_TOKEN_CHARS || !token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    byte[] id;
    byte[] given;
    try {
      id = DECODER.decode(token.substring(0, dot));
      given = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // Only the MAC is secret: checking it first means a forged id teaches nothing about the key.
    boolean current = MessageDigest.isEqual(mac(key, id), given);
    boolean before = previous.isPresent() && MessageDigest.isEqual(mac(previous.get(), id), given);
    if (!current & !before) {
      return Optional.empty();
    }
    try {
      return Optional.of(DispatchId.of(new String(id, StandardCharsets.US_ASCII)));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // cannot happen for a token we made
    }
  }

  private static byte[] mac(SecretKeySpec with, byte[] data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(with);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      // Every JRE provides HmacSHA256.
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    }
  }

  @Override
  public String toString() {
    return "UnsubscribeTokens{HMAC-SHA256}";
  }
}
