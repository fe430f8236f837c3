package io.touchbase.channel.phone.internal;

import io.touchbase.spi.channel.DispatchId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Encodes a dispatch id into Aliyun Voice's {@code OutId}, which holds 1 to 15 bytes. A dispatch
 * id that fits is passed as it is, so call results echo it and correlate by dispatch id; a longer
 * one becomes the first 15 characters of the base64url form of its SHA-256, which is deterministic
 * (a retry of the same attempt sends the same OutId) but cannot be turned back into the dispatch
 * id. Results of such calls correlate by {@code CallId}, which the engine keeps as the provider
 * message id.
 */
final class AliyunOutId {
  /** The longest OutId Aliyun Voice accepts, in bytes. */
  static final int MAX_BYTES = 15;

  private AliyunOutId() {}

  /** The OutId to send for {@code dispatchId}. */
  static String of(DispatchId dispatchId) {
    byte[] utf8 = dispatchId.value().getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_BYTES) {
      return dispatchId.value();
    }
    // 15 base64url characters carry 90 bits of the hash: collisions among one account's calls are
    // not a practical concern, and the characters are all OutId-safe ASCII.
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(utf8)).substring(0, MAX_BYTES);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
