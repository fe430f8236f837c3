package io.touchbase.channel.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.testkit.fuzz.FuzzInputs;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes decryption: the input as Base64 text ({@code text}), and the input's bytes as the
 * ciphertext itself, Base64-encoded, so that the padding, length and receiveid checks see every
 * shape ({@code bytes}). A decryption either returns a message or throws {@link
 * CallbackRejectedException}.
 */
class WxCryptoFuzzTest {
  private static final WxCrypto ZERO_KEY = WxCrypto.of("A".repeat(43), "wx1", WxTests.fixedRandom("r"));
  private static final WxCrypto ENC_E = WxCrypto.of("A".repeat(43), "wx134c8103faa5a59e", WxTests.fixedRandom("r"));

  @FuzzTest(maxDuration = "60s")
  void text(byte[] data) {
    String input = FuzzInputs.text(data);
    decrypt(ENC_E, input);
    decrypt(ZERO_KEY, input);
  }

  @FuzzTest(maxDuration = "60s")
  void bytes(byte[] data) {
    // Whole blocks decrypt; other lengths are refused before decryption.
    decrypt(ZERO_KEY, Base64.getEncoder().encodeToString(data));
  }

  private static void decrypt(WxCrypto crypto, String input) {
    try {
      assertThat(crypto.decrypt(input)).isNotNull();
    } catch (CallbackRejectedException e) {
      assertThat(e.status()).isEqualTo(401);
      FuzzInputs.assertNoDigitRunOfInput(input, e);
    }
    FuzzInputs.assertNoPiiLogged();
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "text", 1000, this::text);
    FuzzInputs.boundedRun(getClass(), "bytes", 1000, this::bytes);
  }
}
