package io.touchbase.core.internal.store;

import io.touchbase.api.cadence.EnrollmentState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enrollments in JDBC. {@link #lock} takes the row lock that serialises a round's dispatch with
 * goals and cancels.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class EnrollmentStore {
  private static final String COLUMNS =
      "enrollment_id, contact_id, cadence_id, cadence_version, state, next_round, next_round_at,"
          + " last_touched_round, enrolled_at, updated_at, exit_reason, converted_round";

  /** Locks and reads an enrollment for update. */
  public Optional<EnrollmentRow> lock(Connection c, long id) throws SQLException {
    return Db.one(
        c, "select " + COLUMNS + " from tb_enrollment where enrollment_id = ? for update", EnrollmentStore::map, id);
  }

  public Optional<EnrollmentRow> find(Connection c, long id) throws SQLException {
    return Db.one(c, findQuery(id));
  }

  /** What {@link #find} reads, as a query to run with others ({@link Db#listAll}). */
  public Db.Query<EnrollmentRow> findQuery(long id) {
    return new Db.Query<>("select " + COLUMNS + " from tb_enrollment where enrollment_id = ?", EnrollmentStore::map, id);
  }

  public Optional<EnrollmentRow> findActive(Connection c, String contactId, String cadenceId)
      throws SQLException {
    return Db.one(
        c,
        "select " + COLUMNS + " from tb_enrollment where cadence_id = ? and active_contact_id = ?",
        EnrollmentStore::map,
        cadenceId,
        contactId);
  }

  /** The contact's active enrollments, locked, in id order so concurrent lockers cannot deadlock. */
  public List<EnrollmentRow> lockActiveOfContact(Connection c, String contactId) throws SQLException {
    return Db.list(c, lockActiveOfContactQuery(contactId));
  }

  /** What {@link #lockActiveOfContact} locks and reads, as a query to run with others ({@link Db#listAll}). */
  public Db.Query<EnrollmentRow> lockActiveOfContactQuery(String contactId) {
    return new Db.Query<>(
        "select " + COLUMNS + " from tb_enrollment where contact_id = ? and active_contact_id is not null"
            + " order by enrollment_id for update",
        EnrollmentStore::map,
        contactId);
  }

  /**
   * Every enrollment of two contacts, active or ended, locked in id order as {@link
   * #lockActiveOfContact} locks them: a contact merge takes them before it moves them, so a round
   * that is being recorded finishes first, and one recorded later sees the new contact.
   */
  public List<EnrollmentRow> lockOfContacts(Connection c, String first, String second) throws SQLException {
    return Db.list(
        c,
        "select " + COLUMNS + " from tb_enrollment where contact_id in (?, ?) order by enrollment_id for update",
        EnrollmentStore::map,
        first,
        second);
  }

  /** Moves every enrollment of one contact to another; the caller ended any that would clash. */
  public int moveToContact(Connection c, String from, String to) throws SQLException {
    return Db.update(
        c,
        "update tb_enrollment set contact_id = ?,"
            + " active_contact_id = case when active_contact_id is null then null else ? end where contact_id = ?",
        to,
        to,
        from);
  }

  public Optional<EnrollmentRow> latestOf(Connection c, String contactId, String cadenceId)
      throws SQLException {
    return Db.one(
        c,
        "select " + COLUMNS + " from tb_enrollment where contact_id = ? and cadence_id = ?"
            + " order by enrollment_id desc fetch first 1 rows only",
        EnrollmentStore::map,
        contactId,
        cadenceId);
  }

  public List<EnrollmentRow> ofContact(Connection c, String contactId) throws SQLException {
    return Db.list(
        c,
        "select " + COLUMNS + " from tb_enrollment where contact_id = ? order by enrollment_id",
        EnrollmentStore::map,
        contactId);
  }

  /** Writes the row's state, round bookkeeping and exit fields ({@link Db#writeLater}). */
  public void update(Connection c, EnrollmentRow r) throws SQLException {
    Db.writeLater(
        c,
        "update tb_enrollment set state = ?, next_round = ?, next_round_at = ?, last_touched_round = ?,"
            + " updated_at = ?, exit_reason = ?, converted_round = ?, active_contact_id = ?"
            + " where enrollment_id = ?",
        Db.ANY_COUNT,
        r.state().name(),
        r.nextRound(),
        r.nextRoundAt() == null ? Db.NullOf.TIMESTAMP : r.nextRoundAt(),
        r.lastTouchedRound() == null ? Db.NullOf.INT : r.lastTouchedRound(),
        r.updatedAt(),
        r.exitReason(),
        r.convertedRound() == null ? Db.NullOf.INT : r.convertedRound(),
        r.isActive() ? r.contactId() : null,
        r.id());
  }

  /** An active enrollment to insert: the contact and when its first round falls due. */
  public record NewEnrollment(String contactId, Instant firstDue) {}

  /**
   * Inserts active enrollments of one cadence version, batched. A contact that has an active
   * enrollment in the cadence makes the unique key reject the batch with the driver's {@link
   * SQLException} (see {@link Db#isUniqueViolationInBatch}).
   *
   * @return the enrollments inserted, as stored, by contact id: on PostgreSQL returned by the
   *     inserts themselves, on H2 read back
   */
  public Map<String, EnrollmentRow> insertActiveAll(Connection c, String cadenceId, int version,
      Collection<NewEnrollment> rows, Instant now) throws SQLException {
    String columns = "contact_id varchar, cadence_id varchar, cadence_version int4, state varchar, next_round int4,"
        + " next_round_at timestamptz, enrolled_at timestamptz, updated_at timestamptz, active_contact_id varchar";
    Db.RowParams<NewEnrollment> params =
        r -> new Object[] {r.contactId(), cadenceId, version, "ACTIVE", 1, r.firstDue(), now, now, r.contactId()};
    if (Dialect.of(c) != Dialect.POSTGRESQL) {
      Db.insertAll(c, "tb_enrollment", columns, rows, params);
      return findActiveAll(c, cadenceId, rows.stream().map(NewEnrollment::contactId).toList());
    }
    Map<String, EnrollmentRow> out = new HashMap<>();
    for (EnrollmentRow r : Db.insertAllReturning(c, "tb_enrollment", columns, rows, params, COLUMNS,
        EnrollmentStore::map)) {
      out.put(r.contactId(), r);
    }
    return out;
  }

  // "offset 0" keeps PostgreSQL from flattening a lateral probe into a join, which it runs as a
  // hash join over every enrollment of the cadence when the table has no statistics yet (a bulk
  // enrolment filling it): see ContactStore's batched reads.

  /** One probe of the unique key per contact id. */
  static final String ACTIVE_OF_CONTACTS_POSTGRES =
      "select e.* from unnest(?) as x(cid) cross join lateral (select " + COLUMNS
          + " from tb_enrollment e where e.cadence_id = ? and e.active_contact_id = x.cid offset 0) e";

  /** One probe of the contact index per contact id. */
  static final String LATEST_OF_CONTACTS_POSTGRES =
      "select e.* from unnest(?) as x(cid) cross join lateral (select " + COLUMNS
          + " from tb_enrollment e where e.contact_id = x.cid and e.cadence_id = ? order by enrollment_id offset 0)"
          + " e order by e.enrollment_id";

  /** The active enrollments in the cadence of those of {@code contactIds} that have one, by contact id. */
  public Map<String, EnrollmentRow> findActiveAll(Connection c, String cadenceId, Collection<String> contactIds)
      throws SQLException {
    Map<String, EnrollmentRow> out = new HashMap<>();
    if (contactIds.isEmpty()) {
      return out;
    }
    // One probe of the unique key per contact: a lateral subquery on PostgreSQL, a join that H2
    // runs as one look-up per row (it uses only the first column for "= any(?)" here).
    for (EnrollmentRow r : Db.list(
        c,
        Dialect.choose(c,
            ACTIVE_OF_CONTACTS_POSTGRES,
            "select " + prefixed("e") + " from unnest(?) as x(cid)"
                + " join tb_enrollment e on e.cadence_id = ? and e.active_contact_id = x.cid"),
        EnrollmentStore::map,
        Db.varchars(c, contactIds), cadenceId)) {
      out.put(r.contactId(), r);
    }
    return out;
  }

  /** The latest enrollment in the cadence of those of {@code contactIds} that ever had one, by contact id. */
  public Map<String, EnrollmentRow> latestOfAll(Connection c, String cadenceId, Collection<String> contactIds)
      throws SQLException {
    Map<String, EnrollmentRow> out = new HashMap<>();
    if (contactIds.isEmpty()) {
      return out;
    }
    for (EnrollmentRow r : Db.list(
        c,
        Dialect.choose(c,
            LATEST_OF_CONTACTS_POSTGRES,
            "select " + COLUMNS + " from tb_enrollment where contact_id = any(?) and cadence_id = ?"
                + " order by enrollment_id"),
        EnrollmentStore::map,
        Db.varchars(c, contactIds), cadenceId)) {
      out.put(r.contactId(), r); // ascending ids: the last one put is the latest
    }
    return out;
  }

  private static String prefixed(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }

  private static EnrollmentRow map(ResultSet rs) throws SQLException {
    return new EnrollmentRow(
        rs.getLong("enrollment_id"),
        rs.getString("contact_id"),
        rs.getString("cadence_id"),
        rs.getInt("cadence_version"),
        EnrollmentState.valueOf(rs.getString("state")),
        rs.getInt("next_round"),
        Db.instant(rs, "next_round_at"),
        Db.intOrNull(rs, "last_touched_round"),
        Db.instant(rs, "enrolled_at"),
        Db.instant(rs, "updated_at"),
        rs.getString("exit_reason"),
        Db.intOrNull(rs, "converted_round"));
  }
}
