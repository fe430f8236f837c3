package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.testkit.fuzz.FuzzInputs;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fuzzes the URL token check: it passes only for the one right token, else rejects with 401. */
class CallbackTokensFuzzTest {
  private static final String TOKEN = "callback-token-0001";

  @FuzzTest(maxDuration = "60s")
  void require(byte[] data) {
    CallbackRequest request = FuzzInputs.request("sms", data);
    try {
      CallbackTokens.require(request, Optional.of(TOKEN));
      assertThat(Forms.queryOf(request.url()).get(CallbackTokens.QUERY_PARAMETER)).isEqualTo(List.of(TOKEN));
    } catch (CallbackRejectedException e) {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.getMessage()).doesNotContain(TOKEN);
      FuzzInputs.assertNoDigitRunOfInput(FuzzInputs.text(data), e);
    }
    assertThat(catchRejection(request)).as("without a configured token").isNotNull();
  }

  private static CallbackRejectedException catchRejection(CallbackRequest request) {
    try {
      CallbackTokens.require(request, Optional.empty());
      return null;
    } catch (CallbackRejectedException e) {
      return e;
    }
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "require", 1000, this::require);
  }
}
