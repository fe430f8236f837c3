package io.touchbase.api.cadence;

import io.touchbase.api.contact.ContactId;
import java.util.List;
import java.util.Optional;

/** The cadences API: register definitions, enrol contacts, cancel enrollments. Thread-safe. */
public interface Cadences {

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
