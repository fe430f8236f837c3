package io.touchbase.channel.wechat.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-1 signatures of WeChat and WeCom callbacks: {@code hex(SHA1(concat(sort(parts))))},
 * over {@code [token, timestamp, nonce]} for the URL signature of WeChat pushes and over {@code
 * [token, timestamp, nonce, Encrypt]} (or {@code echostr}) for message signatures (providers.md
 * §4.4, §4.5, §5). Stateless and thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WxSignatures {
  private static final HexFormat HEX = HexFormat.of();

  private WxSignatures() {}

  /** Lower-case hex SHA-1 of the parts sorted lexicographically (by UTF-16 code unit) and joined. */
  static String sign(String... parts) {
    String[] sorted = parts.clone();
    for (String p : sorted) {
      Objects.requireNonNull(p, "part");
    }
    Arrays.sort(sorted);
    String joined = String.join("", sorted);
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-1").digest(joined.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE provides SHA-1", e);
    }
  }

  /**
   * Whether {@code actual} equals {@code expected}, in time that depends on neither: both are
   * hashed first, so a wrong guess tells nothing by how long it took to refuse.
   */
  static boolean matches(String expected, String actual) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] e = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
      byte[] a = sha.digest(actual.getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(e, a);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE provides SHA-256", e);
    }
  }
}
