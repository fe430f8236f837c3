package io.touchbase.api.cadence;

import io.touchbase.api.contact.ContactId;
import java.util.List;
import java.util.Optional;

/** The cadences API: register definitions, enrol contacts, cancel enrollments. Thread-safe. */
public interface Cadences {

  /** The most contacts one {@link #enrollAll} call takes. */
  int MAX_BATCH_SIZE = 10_000;

  /**
   * Registers a cadence version, stored durably so that running enrollments keep their version
   * across restarts. Registering the same id and version again with the same content is a
   * no-op; with different content it fails: register a new version instead.
   *
   * @throws IllegalArgumentException naming the field, e.g. {@code rounds[2].channels[0]} for an
   *     unknown channel
   */
  CadenceDefinition register(CadenceDefinition definition);

  /** The newest registered version of a cadence. */
  Optional<CadenceDefinition> definition(String cadenceId);

  /** A registered version of a cadence. */
  Optional<CadenceDefinition> definition(String cadenceId, int version);

  /**
   * Enrols a contact in the newest version of a cadence. Idempotent: while the contact has an
   * active enrollment in the cadence, that one is returned and nothing new starts. Under {@link
   * ReentryPolicy#NEVER} a contact's earlier enrollment is returned as it is.
   *
   * @throws UnknownCadenceException if the cadence was never registered
   * @throws io.touchbase.api.contact.ContactNotFoundException if the contact does not exist
   */
  Enrollment enroll(ContactId contactId, String cadenceId);

  /**
   * Enrols many contacts in the newest version of a cadence in one transaction, with the same
   * rules as {@link #enroll} for each contact, written with batched statements. A contact that
   * {@code enroll} would not enrol is skipped with its reason instead of failing the call: an
   * unknown contact, a contact that lacks a variable the cadence's templates need, a contact with
   * an active enrollment in the cadence, or one that walked it before under {@link
   * ReentryPolicy#NEVER}. Every given id is in the result exactly once, enrolled or skipped.
   *
   * @param cadenceId the cadence's id
   * @param contactIds at most {@link #MAX_BATCH_SIZE} ids, each at most once; may be empty
   * @throws IllegalArgumentException naming the parameter (or the failing element, e.g. {@code
   *     contactIds[3]}): for a null or invalid cadence id, a null list or element, more than {@link
   *     #MAX_BATCH_SIZE} ids, or an id given twice
   * @throws UnknownCadenceException if the cadence was never registered
   */
  BulkEnrollment enrollAll(String cadenceId, List<ContactId> contactIds);

  /**
   * Cancels the contact's active enrollment in the cadence, if any; its pending rounds never run.
   *
   * @return the cancelled enrollment, or empty if none was active
   */
  Optional<Enrollment> cancel(ContactId contactId, String cadenceId, String reason);

  /** Cancels an enrollment by id, if still active. */
  Optional<Enrollment> cancel(EnrollmentId enrollmentId, String reason);

  Optional<Enrollment> enrollment(EnrollmentId enrollmentId);

  /** The contact's active enrollment in the cadence. */
  Optional<Enrollment> activeEnrollment(ContactId contactId, String cadenceId);

  /** Every enrollment of the contact, oldest first. */
  List<Enrollment> enrollments(ContactId contactId);
}
