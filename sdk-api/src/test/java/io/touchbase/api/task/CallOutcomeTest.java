package io.touchbase.api.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallOutcomeTest {
  private static final Instant AT = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void factoriesSetTheResult() {
    assertThat(CallOutcome.answered().result()).isEqualTo(CallResult.ANSWERED);
    assertThat(CallOutcome.noAnswer().result()).isEqualTo(CallResult.NO_ANSWER);
    assertThat(CallOutcome.busy().result()).isEqualTo(CallResult.BUSY);
    assertThat(CallOutcome.wrongNumber().result()).isEqualTo(CallResult.WRONG_NUMBER);
    assertThat(CallOutcome.refused().result()).isEqualTo(CallResult.REFUSED);
    assertThat(CallOutcome.converted().result()).isEqualTo(CallResult.CONVERTED);
    assertThat(CallOutcome.callBack(AT).callBackAt()).contains(AT);
    assertThat(CallResult.WRONG_NUMBER.kebab()).isEqualTo("wrong-number");
  }

  @Test
  void callBackTimeIsRequiredForCallBackOnly() {
    assertThatThrownBy(() -> CallOutcome.of(CallResult.CALL_BACK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outcome.callBackAt is required when the result is CALL_BACK");
    assertThatThrownBy(() -> new CallOutcome(CallResult.BUSY, Optional.of(AT), Optional.empty()))
        .hasMessage("outcome.callBackAt must be empty unless the result is CALL_BACK, but the result was BUSY");
    assertThatThrownBy(() -> new CallOutcome(null, Optional.empty(), Optional.empty()))
        .isInstanceOf(NullPointerException.class).hasMessage("outcome.result must not be null");
  }

  @Test
  void notesAreTrimmedBoundedAndKeptOutOfToString() {
    CallOutcome o = CallOutcome.noAnswer().withNote("  mailbox said +8613800138000  ");
    assertThat(o.note()).contains("mailbox said +8613800138000");
    assertThat(o.toString()).isEqualTo("CallOutcome{NO_ANSWER note=27 chars}").doesNotContain("138");
    assertThat(CallOutcome.busy().withNote("   ").note()).isEmpty();
    assertThatThrownBy(() -> CallOutcome.busy().withNote("x".repeat(1001)))
        .hasMessage("outcome.note must be at most 1000 characters, but was 1001");
  }
}
