package io.touchbase.channel.phone.internal;

import io.touchbase.api.touchpoint.TouchpointKind;
import java.util.Optional;

/**
 * What a Twilio call status means for the touchpoint. Answered is {@code completed} with a
 * duration above zero; a call that completed without one was never picked up.
 *
 * @param kind the touchpoint kind to record
 * @param reason why the call was not answered or failed; empty when answered
 */
record TwilioCallOutcome(TouchpointKind kind, Optional<String> reason) {

  /**
   * Classifies a {@code CallStatus}.
   *
   * @param callStatus the status Twilio reported
   * @param durationSeconds {@code CallDuration}, 0 when absent
   * @return empty for states on the way to a result (queued, initiated, ringing, in-progress) and
   *     for statuses this version does not know
   */
  static Optional<TwilioCallOutcome> of(String callStatus, long durationSeconds) {
    return switch (callStatus) {
      case "completed" -> Optional.of(
          durationSeconds > 0
              ? new TwilioCallOutcome(TouchpointKind.CALL_ANSWERED, Optional.empty())
              : notAnswered("no-answer"));
      case "no-answer" -> Optional.of(notAnswered("no-answer"));
      case "busy" -> Optional.of(notAnswered("busy"));
      case "failed", "canceled" -> Optional.of(
          new TwilioCallOutcome(TouchpointKind.FAILED, Optional.of(callStatus)));
      default -> Optional.empty();
    };
  }

  private static TwilioCallOutcome notAnswered(String reason) {
    return new TwilioCallOutcome(TouchpointKind.CALL_NOT_ANSWERED, Optional.of(reason));
  }
}
