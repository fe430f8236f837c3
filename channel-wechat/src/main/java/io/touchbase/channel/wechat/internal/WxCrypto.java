package io.touchbase.channel.wechat.internal;

import io.touchbase.spi.channel.CallbackRejectedException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The message encryption of WeChat's safe mode and of WeCom callbacks (providers.md §4.5, §5):
 * AES-256-CBC with key {@code Base64(EncodingAESKey + "=")} and IV = the key's first 16 bytes,
 * PKCS#7 padding to a multiple of 32 bytes done here (the JCE's PKCS5Padding pads to 16), over
 * {@code random(16) + length(4, big-endian) + message + receiveid}. The receiveid is the app id
 * for WeChat and the corp id for WeCom; decryption checks it. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WxCrypto {
  static final int BLOCK = 32;
  private static final int RANDOM_BYTES = 16;
  private static final int HEADER_BYTES = RANDOM_BYTES + 4;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/]{43}");

  private final byte[] key;
  private final byte[] receiveId;
  private final SecureRandom random;

  private WxCrypto(byte[] key, byte[] receiveId, SecureRandom random) {
    this.key = key;
    this.receiveId = receiveId;
    this.random = random;
  }

  /**
   * @param encodingAesKey the 43-character EncodingAESKey of the console
   * @param receiveId the app id (WeChat) or corp id (WeCom) that plaintexts end with
   * @param random where the 16 random bytes of each encryption come from
   * @throws IllegalArgumentException if the key is not 43 Base64 characters; the message never
   *     shows it
   */
  static WxCrypto of(String encodingAesKey, String receiveId, SecureRandom random) {
    Objects.requireNonNull(encodingAesKey, "encodingAesKey");
    if (!KEY.matcher(encodingAesKey).matches()) {
      throw new IllegalArgumentException(
          "an EncodingAESKey must be 43 characters of A-Z, a-z, 0-9, + and /, but had " + encodingAesKey.length()
              + " characters" + (encodingAesKey.length() == 43 ? " with others among them" : ""));
    }
    byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
    if (Objects.requireNonNull(receiveId, "receiveId").isBlank()) {
      throw new IllegalArgumentException("receiveId must not be blank");
    }
    return new WxCrypto(key, receiveId.getBytes(StandardCharsets.UTF_8), Objects.requireNonNull(random, "random"));
  }

  /** Encrypts {@code message} with 16 bytes from the random source; returns Base64. */
  String encrypt(String message) {
    byte[] prefix = new byte[RANDOM_BYTES];
    random.nextBytes(prefix);
    return encrypt(message, prefix);
  }

  /** Encrypts {@code message} behind the given 16 bytes; returns Base64. */
  String encrypt(String message, byte[] randomPrefix) {
    if (randomPrefix.length != RANDOM_BYTES) {
      throw new IllegalArgumentException("the random prefix must be 16 bytes, but was " + randomPrefix.length);
    }
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    int length = HEADER_BYTES + msg.length + receiveId.length;
    int pad = BLOCK - length % BLOCK;
    ByteBuffer plain = ByteBuffer.allocate(length + pad);
    plain.put(randomPrefix).putInt(msg.length).put(msg).put(receiveId);
    for (int i = 0; i < pad; i++) {
      plain.put((byte) pad);
    }
    return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, plain.array()));
  }

  /**
   * Decrypts Base64 {@code encrypted} and returns the message, after checking the padding, the
   * length and that the plaintext ends with this receiveid.
   *
   * @throws CallbackRejectedException (401) when any check fails; the reason shows no content
   */
  String decrypt(String encrypted) {
    byte[] data;
    try {
      data = Base64.getDecoder().decode(Objects.requireNonNull(encrypted, "encrypted").strip());
    } catch (IllegalArgumentException e) {
      throw CallbackRejectedException.unverified("Encrypt is not Base64");
    }
    if (data.length == 0 || data.length % BLOCK != 0) {
      throw CallbackRejectedException.unverified("Encrypt is not a whole number of 32-byte blocks");
    }
    byte[] plain = cipher(Cipher.DECRYPT_MODE, data);
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > BLOCK) {
      throw CallbackRejectedException.unverified("Encrypt has bad padding: wrong encodingAesKey?");
    }
    for (int i = plain.length - pad; i < plain.length; i++) {
      if ((plain[i] & 0xff) != pad) {
        throw CallbackRejectedException.unverified("Encrypt has bad padding: wrong encodingAesKey?");
      }
    }
    int content = plain.length - pad;
    if (content < HEADER_BYTES) {
      throw CallbackRejectedException.unverified("Encrypt is too short for a message");
    }
    int msgLength = ByteBuffer.wrap(plain, RANDOM_BYTES, 4).getInt();
    if (msgLength < 0 || msgLength > content - HEADER_BYTES) {
      throw CallbackRejectedException.unverified("Encrypt holds a message length beyond its end");
    }
    byte[] id = Arrays.copyOfRange(plain, HEADER_BYTES + msgLength, content);
    if (!MessageDigest.isEqual(receiveId, id)) {
      throw CallbackRejectedException.unverified("Encrypt was made for another receiveid (app id or corp id)");
    }
    try {
      CharBuffer msg = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(plain, HEADER_BYTES, msgLength));
      return msg.toString();
    } catch (CharacterCodingException e) {
      throw CallbackRejectedException.unverified("Encrypt holds a message that is not UTF-8");
    }
  }

  private byte[] cipher(int mode, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      // Every JRE has AES/CBC/NoPadding with 256-bit keys (no policy limit since 8u161), and input
      // lengths are whole blocks here.
      throw new IllegalStateException("AES-256-CBC failed", e);
    }
  }

  /** Shows neither key nor receiveid. */
  @Override
  public String toString() {
    return "WxCrypto{aes-256-cbc}";
  }
}
