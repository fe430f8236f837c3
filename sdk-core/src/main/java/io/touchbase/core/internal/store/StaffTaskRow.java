package io.touchbase.core.internal.store;

import io.touchbase.api.cadence.EnrollmentId;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.task.CallOutcome;
import io.touchbase.api.task.CallResult;
import io.touchbase.api.task.StaffTask;
import io.touchbase.api.task.StaffTaskId;
import io.touchbase.api.task.StaffTaskKind;
import io.touchbase.api.task.StaffTaskState;
import java.time.Instant;
import java.util.Optional;

/**
 * A staff task as stored, with the full address and the step the engine took after it ({@code
 * nextStep}: a {@code CallPolicy.Action} name, or {@code CONVERT}). Nullable fields are null until
 * they apply. {@link #toString()} masks the address and leaves script and note out.
 *
 * <p>This class is internal and is hence not for public use.
 */
public record StaffTaskRow(
    long id,
    StaffTaskKind kind,
    String queue,
    String channel,
    String contactId,
    String cadenceId,
    int cadenceVersion,
    long enrollmentId,
    int round,
    int attempt,
    Address address,
    String script,
    Instant dueAt,
    Instant deadline,
    StaffTaskState state,
    String claimedBy,
    Instant claimedAt,
    CallResult result,
    Instant callBackAt,
    String note,
    Instant completedAt,
    String nextStep,
    String endReason,
    Instant createdAt,
    Instant updatedAt) {

  /** The step after a task whose channel the round must not use again. */
  public static final String FALL_BACK = "FALL_BACK";

  /** A new open task. */
  public static StaffTaskRow open(
      StaffTaskKind kind, String queue, String channel, EnrollmentRow e, int round, int attempt, Address address,
      String script, Instant dueAt, Instant deadline, Instant now) {
    return new StaffTaskRow(0, kind, queue, channel, e.contactId(), e.cadenceId(), e.cadenceVersion(),
        e.id(), round, attempt, address, script, dueAt, deadline, StaffTaskState.OPEN, null, null, null, null, null,
        null, null, null, now, now);
  }

  /** OPEN or CLAIMED: the enrollment is waiting for it. */
  public boolean isOpen() {
    return !state.isClosed();
  }

  public StaffTaskId taskId() {
    return StaffTaskId.of(id);
  }

  public StaffTask toTask() {
    Optional<CallOutcome> outcome = result == null
        ? Optional.empty()
        : Optional.of(new CallOutcome(result, Optional.ofNullable(callBackAt), Optional.ofNullable(note)));
    return new StaffTask(
        StaffTaskId.of(id),
        kind,
        queue,
        channel,
        ContactId.of(contactId),
        cadenceId,
        EnrollmentId.of(enrollmentId),
        round,
        attempt,
        address.masked(),
        Optional.ofNullable(script),
        dueAt,
        deadline,
        state,
        Optional.ofNullable(claimedBy),
        Optional.ofNullable(claimedAt),
        outcome,
        Optional.ofNullable(completedAt),
        Optional.ofNullable(endReason));
  }

  @Override
  public String toString() {
    return "StaffTaskRow{#" + id + " " + state + " enrollment=" + enrollmentId + " round=" + round + " attempt="
        + attempt + " channel=" + channel + " to=" + address + "}";
  }
}
