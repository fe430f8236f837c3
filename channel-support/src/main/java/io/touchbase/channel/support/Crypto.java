package io.touchbase.channel.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC, SHA-256 and constant-time comparison for the signers of this package. */
final class Crypto {
  private static final HexFormat HEX = HexFormat.of();

  private Crypto() {}

  static byte[] hmac(String algorithm, byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      // Every JRE must provide HmacSHA1 and HmacSHA256.
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  static byte[] hmacSha1(byte[] key, String data) {
    return hmac("HmacSHA1", key, data);
  }

  static byte[] hmacSha256(byte[] key, String data) {
    return hmac("HmacSHA256", key, data);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static String sha256Hex(byte[] data) {
    return hex(sha256(data));
  }

  static String sha256Hex(String data) {
    return sha256Hex(data.getBytes(StandardCharsets.UTF_8));
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Compares two strings in time that depends on neither content nor length: both are hashed
   * first, so a caller learns nothing about the expected value from how long a wrong guess takes.
   */
  static boolean constantTimeEquals(String expected, String actual) {
    return MessageDigest.isEqual(sha256(utf8(expected)), sha256(utf8(actual)));
  }
}
