package io.touchbase.channel.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.touchpoint.TouchpointKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioCallOutcomeTest {

  @Test
  void completedWithDurationIsAnswered() {
    assertThat(TwilioCallOutcome.of("completed", 12))
        .contains(new TwilioCallOutcome(TouchpointKind.CALL_ANSWERED, Optional.empty()));
  }

  @ParameterizedTest
  @CsvSource({
    "completed, 0, CALL_NOT_ANSWERED, no-answer",
    "no-answer, 0, CALL_NOT_ANSWERED, no-answer",
    "busy, 0, CALL_NOT_ANSWERED, busy",
    "failed, 0, FAILED, failed",
    "canceled, 0, FAILED, canceled",
  })
  void otherResults(String status, long duration, TouchpointKind kind, String reason) {
    assertThat(TwilioCallOutcome.of(status, duration)).contains(new TwilioCallOutcome(kind, Optional.of(reason)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"queued", "initiated", "ringing", "in-progress", "something-new"})
  void statesOnTheWayAreNoResult(String status) {
    assertThat(TwilioCallOutcome.of(status, 0)).isEmpty();
  }
}
