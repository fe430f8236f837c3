package io.touchbase.core.internal.cadence;

import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.Dialect;
import io.touchbase.core.internal.store.DispatchRow;
import io.touchbase.core.internal.store.DispatchStore;
import io.touchbase.core.internal.store.EnrollmentRow;
import io.touchbase.core.internal.store.EnrollmentStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What deciding a round reads: the enrollment, its attempts, and its contact with addresses and
 * consents. {@link #unlocked} fetches them all in one round trip on PostgreSQL, where five round
 * trips cost more than the reads themselves; {@link #locked} reads each when asked, on the
 * connection that holds the enrollment's row lock.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class RoundReads {
  private final EnrollmentStore enrollments;
  private final DispatchStore dispatches;
  private final ContactStore contacts;

  RoundReads(EnrollmentStore enrollments, DispatchStore dispatches, ContactStore contacts) {
    this.enrollments = enrollments;
    this.dispatches = dispatches;
    this.contacts = contacts;
  }

  /** The reads of one round's decision. */
  interface Reads {
    /** The enrollment; locked when the reads are. */
    Optional<EnrollmentRow> enrollment() throws SQLException;

    /** Every attempt of the round, oldest first. */
    List<DispatchRow> attempts(int round) throws SQLException;

    /** The contact, following a merge as {@link ContactStore#find} does. */
    Optional<Contact> contact(String contactId) throws SQLException;
  }

  /**
   * The reads of the enrollment's round without its lock. On PostgreSQL they are fetched together,
   * each query seeing the data as of its own start, as separate reads would; a contact that changed
   * between them is read again. H2, in process, has no round trip to save and reads each when asked,
   * by key.
   */
  Reads unlocked(Connection c, long enrollmentId) throws SQLException {
    if (Dialect.of(c) != Dialect.POSTGRESQL) {
      return oneByOne(c, enrollmentId, false);
    }
    Db.Query<EnrollmentRow> enrollment = enrollments.findQuery(enrollmentId);
    Db.Query<DispatchRow> attempts = dispatches.ofEnrollmentQuery(enrollmentId);
    ContactStore.EnrollmentContact contact = contacts.ofEnrollment(enrollmentId);
    Db.Results r = Db.listAll(c, List.of(enrollment, attempts, contact.row(), contact.addresses(), contact.consents()));
    return new Reads() {
      @Override
      public Optional<EnrollmentRow> enrollment() {
        return r.of(enrollment).stream().findFirst();
      }

      @Override
      public List<DispatchRow> attempts(int round) {
        return r.of(attempts).stream().filter(d -> d.round() == round).toList();
      }

      @Override
      public Optional<Contact> contact(String contactId) throws SQLException {
        Optional<Contact> fetched = contacts.contactOf(r, contact, contactId);
        return fetched.isPresent() ? fetched : contacts.find(c, ContactId.of(contactId));
      }
    };
  }

  /** Reads one by one, the enrollment under its row lock. */
  Reads locked(Connection c, long enrollmentId) {
    return oneByOne(c, enrollmentId, true);
  }

  private Reads oneByOne(Connection c, long enrollmentId, boolean lock) {
    return new Reads() {
      @Override
      public Optional<EnrollmentRow> enrollment() throws SQLException {
        return lock ? enrollments.lock(c, enrollmentId) : enrollments.find(c, enrollmentId);
      }

      @Override
      public List<DispatchRow> attempts(int round) throws SQLException {
        return dispatches.ofRound(c, enrollmentId, round);
      }

      @Override
      public Optional<Contact> contact(String contactId) throws SQLException {
        return contacts.find(c, ContactId.of(contactId));
      }
    };
  }
}
