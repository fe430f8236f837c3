package io.touchbase.api.task;

import io.touchbase.api.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of one staff call, reported with {@link StaffTasks#complete}. {@link #toString()}
 * leaves the note out, since agents may write personal data into it.
 *
 * @param result how the call went
 * @param callBackAt when the contact asked to be called back; present if and only if the result is
 *     {@link CallResult#CALL_BACK}
 * @param note the agent's free-text note, at most {@value #MAX_NOTE_LENGTH} characters; stored with
 *     the task, never logged
 */
public record CallOutcome(CallResult result, Optional<Instant> callBackAt, Optional<String> note) {
  /** The longest note kept. */
  public static final int MAX_NOTE_LENGTH = 1_000;

  public CallOutcome {
    Checks.notNull(result, "outcome.result");
    Checks.notNull(callBackAt, "outcome.callBackAt");
    Checks.notNull(note, "outcome.note");
    if (result == CallResult.CALL_BACK && callBackAt.isEmpty()) {
      throw new IllegalArgumentException("outcome.callBackAt is required when the result is CALL_BACK");
    }
    if (result != CallResult.CALL_BACK && callBackAt.isPresent()) {
      throw new IllegalArgumentException(
          "outcome.callBackAt must be empty unless the result is CALL_BACK, but the result was " + result);
    }
    if (note.isPresent()) {
      String n = note.get().strip();
      if (n.length() > MAX_NOTE_LENGTH) {
        throw new IllegalArgumentException(
            "outcome.note must be at most " + MAX_NOTE_LENGTH + " characters, but was " + n.length());
      }
      note = n.isEmpty() ? Optional.empty() : Optional.of(n);
    }
  }

  /** An outcome without call-back time or note; use {@link #callBack(Instant)} for call-backs. */
  public static CallOutcome of(CallResult result) {
    return new CallOutcome(result, Optional.empty(), Optional.empty());
  }

  public static CallOutcome answered() {
    return of(CallResult.ANSWERED);
  }

  public static CallOutcome noAnswer() {
    return of(CallResult.NO_ANSWER);
  }

  public static CallOutcome busy() {
    return of(CallResult.BUSY);
  }

  /** The contact asked to be called back at {@code at}. */
  public static CallOutcome callBack(Instant at) {
    Checks.notNull(at, "outcome.callBackAt");
    return new CallOutcome(CallResult.CALL_BACK, Optional.of(at), Optional.empty());
  }

  public static CallOutcome wrongNumber() {
    return of(CallResult.WRONG_NUMBER);
  }

  public static CallOutcome refused() {
    return of(CallResult.REFUSED);
  }

  public static CallOutcome converted() {
    return of(CallResult.CONVERTED);
  }

  /** This outcome with the agent's note. */
  public CallOutcome withNote(String note) {
    return new CallOutcome(result, callBackAt, Optional.of(Checks.notNull(note, "outcome.note")));
  }

  @Override
  public String toString() {
    return "CallOutcome{" + result + callBackAt.map(t -> " callBackAt=" + t).orElse("")
        + note.map(n -> " note=" + n.length() + " chars").orElse("") + "}";
  }
}
