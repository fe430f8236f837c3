package io.touchbase.api.task;

import io.touchbase.api.cadence.EnrollmentId;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * One task for a person, created by the engine when a round picks a staff channel. The address
 * is shown masked; the agent holding the claim reads it in full with {@link
 * StaffTasks#revealAddress}. {@link #toString()} leaves the script out.
 *
 * @param id the task id
 * @param kind what to do
 * @param queue the queue agents claim from (the channel's setting {@code queue})
 * @param channel the configured staff channel that created the task
 * @param contactId the contact to call
 * @param cadenceId the cadence of the enrollment
 * @param enrollmentId the enrollment waiting for the outcome
 * @param round the 1-based round
 * @param attempt the 1-based attempt on this round and channel
 * @param maskedAddress the number for display, e.g. {@code +861******8000}
 * @param script the round's template rendered for the contact; empty when Touchbase has no
 *     template of that id
 * @param dueAt when the call should be made; {@code claimNext} hands the task out from then on
 * @param deadline when the task expires unless completed
 * @param state where the task stands
 * @param claimedBy the agent holding the task, while claimed, and the one who completed it
 * @param claimedAt when it was claimed
 * @param outcome the reported outcome, once completed
 * @param completedAt when the outcome was reported
 * @param endReason why an expired or cancelled task ended
 */
public record StaffTask(
    StaffTaskId id,
    StaffTaskKind kind,
    String queue,
    String channel,
    ContactId contactId,
    String cadenceId,
    EnrollmentId enrollmentId,
    int round,
    int attempt,
    String maskedAddress,
    Optional<String> script,
    Instant dueAt,
    Instant deadline,
    StaffTaskState state,
    Optional<String> claimedBy,
    Optional<Instant> claimedAt,
    Optional<CallOutcome> outcome,
    Optional<Instant> completedAt,
    Optional<String> endReason) {

  public StaffTask {
    Checks.notNull(id, "task.id");
    Checks.notNull(kind, "task.kind");
    Checks.notBlank(queue, "task.queue");
    Checks.notBlank(channel, "task.channel");
    Checks.notNull(contactId, "task.contactId");
    Checks.notBlank(cadenceId, "task.cadenceId");
    Checks.notNull(enrollmentId, "task.enrollmentId");
    Checks.positive(round, "task.round");
    Checks.positive(attempt, "task.attempt");
    Checks.notNull(maskedAddress, "task.maskedAddress");
    Checks.notNull(script, "task.script");
    Checks.notNull(dueAt, "task.dueAt");
    Checks.notNull(deadline, "task.deadline");
    Checks.notNull(state, "task.state");
    Checks.notNull(claimedBy, "task.claimedBy");
    Checks.notNull(claimedAt, "task.claimedAt");
    Checks.notNull(outcome, "task.outcome");
    Checks.notNull(completedAt, "task.completedAt");
    Checks.notNull(endReason, "task.endReason");
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("StaffTask{#").append(id).append(' ').append(kind).append(' ').append(state);
    s.append(" queue=").append(queue).append(" channel=").append(channel).append(" contact=").append(contactId);
    s.append(" cadence=").append(cadenceId).append(" round=").append(round).append(" attempt=").append(attempt);
    s.append(" to=").append(maskedAddress).append(" due=").append(dueAt).append(" deadline=").append(deadline);
    claimedBy.ifPresent(a -> s.append(" claimedBy=").append(a));
    outcome.ifPresent(o -> s.append(" outcome=").append(o.result()));
    endReason.ifPresent(r -> s.append(" reason=").append(r));
    return s.append('}').toString();
  }
}
