package io.touchbase.channel.wechat.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Fixtures shared by the tests of this package. */
final class WxTests {
  private WxTests() {}

  /** A random source that repeats the bytes of {@code seed} forever, for the vector tests. */
  static SecureRandom fixedRandom(String seed) {
    byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++) {
          out[i] = bytes[i % bytes.length];
        }
      }
    };
  }
}
