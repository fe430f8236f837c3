package io.touchbase.core.internal.store;

import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.cadence.EnrollmentId;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.contact.ContactId;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An enrollment as stored, with the engine's bookkeeping ({@code lastTouchedRound}). Immutable;
 * the {@code with...} methods return changed copies.
 *
 * <p>This class is internal and is hence not for public use.
 */
public record EnrollmentRow(
    long id,
    String contactId,
    String cadenceId,
    int cadenceVersion,
    EnrollmentState state,
    int nextRound,
    Instant nextRoundAt,
    Integer lastTouchedRound,
    Instant enrolledAt,
    Instant updatedAt,
    String exitReason,
    Integer convertedRound) {

  public boolean isActive() {
    return state == EnrollmentState.ACTIVE;
  }

  public EnrollmentRow scheduled(int round, Instant at, Instant now) {
    return new EnrollmentRow(id, contactId, cadenceId, cadenceVersion, state, round, at,
        lastTouchedRound, enrolledAt, now, exitReason, convertedRound);
  }

  public EnrollmentRow touched(int round) {
    return new EnrollmentRow(id, contactId, cadenceId, cadenceVersion, state, nextRound, nextRoundAt,
        round, enrolledAt, updatedAt, exitReason, convertedRound);
  }

  /** The row as it reads once a merge moved it to another contact. */
  public EnrollmentRow ofContact(String contact) {
    return new EnrollmentRow(id, contact, cadenceId, cadenceVersion, state, nextRound, nextRoundAt,
        lastTouchedRound, enrolledAt, updatedAt, exitReason, convertedRound);
  }

  public EnrollmentRow ended(EnrollmentState end, String reason, Integer converted, Instant now) {
    return new EnrollmentRow(id, contactId, cadenceId, cadenceVersion, end, nextRound, null,
        lastTouchedRound, enrolledAt, now, reason, converted);
  }

  public Enrollment toEnrollment() {
    return new Enrollment(
        EnrollmentId.of(id),
        ContactId.of(contactId),
        cadenceId,
        cadenceVersion,
        state,
        nextRound,
        Optional.ofNullable(isActive() ? nextRoundAt : null),
        enrolledAt,
        updatedAt,
        Optional.ofNullable(exitReason),
        convertedRound == null ? OptionalInt.empty() : OptionalInt.of(convertedRound));
  }
}
