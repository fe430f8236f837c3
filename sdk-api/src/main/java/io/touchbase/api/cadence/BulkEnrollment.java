package io.touchbase.api.cadence;

import io.touchbase.api.contact.ContactId;
import io.touchbase.api.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link Cadences#enrollAll} call did: every given contact id is in exactly one of the
 * two lists, each in the order of the given ids.
 *
 * @param enrolled the enrollments the call started
 * @param skipped the contacts the call did not enrol, each with its reason
 */
public record BulkEnrollment(List<Enrollment> enrolled, List<Skipped> skipped) {

  public BulkEnrollment {
    Checks.notNull(enrolled, "enrolled");
    Checks.notNull(skipped, "skipped");
    enrolled = List.copyOf(enrolled);
    skipped = List.copyOf(skipped);
  }

  /** Why a contact was not enrolled. */
  public enum SkipReason {
    /** The contact has an active enrollment in the cadence; {@link Skipped#enrollment()} holds it. */
    ALREADY_ACTIVE,
    /**
     * The cadence's re-entry policy is {@link ReentryPolicy#NEVER} and the contact walked it before;
     * {@link Skipped#enrollment()} holds the latest earlier enrollment.
     */
    REENTRY_NOT_ALLOWED,
    /** No contact has this id. */
    UNKNOWN_CONTACT,
    /** The contact lacks an attribute that a template of the cadence needs; the detail names it. */
    MISSING_VARIABLE
  }

  /**
   * A contact the call did not enrol.
   *
   * @param index the contact's position in the given list
   * @param contactId the contact
   * @param reason why it was skipped
   * @param enrollment the enrollment that stands in the way, for {@link SkipReason#ALREADY_ACTIVE}
   *     and {@link SkipReason#REENTRY_NOT_ALLOWED}; empty otherwise
   * @param detail a sentence for logs and operators; names ids and fields, never an address
   */
  public record Skipped(
      int index, ContactId contactId, SkipReason reason, Optional<Enrollment> enrollment, String detail) {
    public Skipped {
      Checks.notNull(contactId, "skipped.contactId");
      Checks.notNull(reason, "skipped.reason");
      Checks.notNull(enrollment, "skipped.enrollment");
      Checks.notBlank(detail, "skipped.detail");
      if (index < 0) {
        throw new IllegalArgumentException("skipped.index must not be negative, but was " + index);
      }
    }
  }

  /** The skipped contacts with the given reason, in the order of the given ids. */
  public List<Skipped> skipped(SkipReason reason) {
    return skipped.stream().filter(s -> s.reason() == reason).toList();
  }
}
