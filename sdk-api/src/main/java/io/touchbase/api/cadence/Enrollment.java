package io.touchbase.api.cadence;

import io.touchbase.api.contact.ContactId;
import io.touchbase.api.internal.Checks;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One contact walking one cadence version. Its history is in the touchpoints (query by cadence or
 * contact).
 *
 * @param id the enrollment id
 * @param contactId the contact
 * @param cadenceId the cadence
 * @param cadenceVersion the version the enrollment started with and keeps
 * @param state where it stands
 * @param nextRound the 1-based round that runs next; one past the last round after it (during
 *     the attribution window and once finished)
 * @param nextRoundAt when the next round is due, while active
 * @param enrolledAt when the contact was enrolled
 * @param updatedAt when the enrollment last changed
 * @param exitReason why it ended: the goal event, the cancel reason, or {@code completed}
 * @param convertedRound the 1-based round a conversion is attributed to
 */
public record Enrollment(
    EnrollmentId id,
    ContactId contactId,
    String cadenceId,
    int cadenceVersion,
    EnrollmentState state,
    int nextRound,
    Optional<Instant> nextRoundAt,
    Instant enrolledAt,
    Instant updatedAt,
    Optional<String> exitReason,
    OptionalInt convertedRound) {

  public Enrollment {
    Checks.notNull(id, "enrollment.id");
    Checks.notNull(contactId, "enrollment.contactId");
    Checks.notBlank(cadenceId, "enrollment.cadenceId");
    Checks.notNull(state, "enrollment.state");
    Checks.notNull(nextRoundAt, "enrollment.nextRoundAt");
    Checks.notNull(enrolledAt, "enrollment.enrolledAt");
    Checks.notNull(updatedAt, "enrollment.updatedAt");
    Checks.notNull(exitReason, "enrollment.exitReason");
    Checks.notNull(convertedRound, "enrollment.convertedRound");
  }

  public boolean isActive() {
    return state == EnrollmentState.ACTIVE;
  }
}
