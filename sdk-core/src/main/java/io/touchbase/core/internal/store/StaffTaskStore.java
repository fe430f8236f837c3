package io.touchbase.core.internal.store;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.task.CallOutcome;
import io.touchbase.api.task.CallResult;
import io.touchbase.api.task.StaffTaskKind;
import io.touchbase.api.task.StaffTaskQuery;
import io.touchbase.api.task.StaffTaskState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Staff tasks in JDBC. Claims are conditional updates whose row count says who won, so they are
 * safe across threads and instances on H2 and PostgreSQL without a lock held between statements.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class StaffTaskStore {
  private static final String COLUMNS =
      "task_id, kind, queue, channel, contact_id, cadence_id, cadence_version, enrollment_id, round, attempt,"
          + " address_kind, address_scope, address, script, due_at, deadline, state, claimed_by, claimed_at, result,"
          + " call_back_at, note, completed_at, next_step, end_reason, created_at, updated_at";

  /** Inserts an open task and returns it with its id. */
  public StaffTaskRow insert(Connection c, StaffTaskRow t) throws SQLException {
    long id = Db.insertReturningId(
        c,
        "insert into tb_staff_task (kind, queue, channel, contact_id, cadence_id, cadence_version, enrollment_id,"
            + " round, attempt, address_kind, address_scope, address, script, due_at, deadline, state, created_at,"
            + " updated_at, open_enrollment_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)",
        t.kind().name(), t.queue(), t.channel(), t.contactId(), t.cadenceId(), t.cadenceVersion(), t.enrollmentId(),
        t.round(), t.attempt(), t.address().kind().id(), t.address().scope(), t.address().value(), t.script(),
        t.dueAt(), t.deadline(), t.createdAt(), t.updatedAt(), t.enrollmentId());
    return new StaffTaskRow(id, t.kind(), t.queue(), t.channel(), t.contactId(), t.cadenceId(), t.cadenceVersion(),
        t.enrollmentId(), t.round(), t.attempt(), t.address(), t.script(), t.dueAt(), t.deadline(), t.state(),
        null, null, null, null, null, null, null, null, t.createdAt(), t.updatedAt());
  }

  /** Moves every task of one contact to another (a contact merge). */
  public int moveToContact(Connection c, String from, String to) throws SQLException {
    return Db.update(c, "update tb_staff_task set contact_id = ? where contact_id = ?", to, from);
  }

  public Optional<StaffTaskRow> find(Connection c, long id) throws SQLException {
    return Db.one(c, "select " + COLUMNS + " from tb_staff_task where task_id = ?", StaffTaskStore::map, id);
  }

  /** Reads a task under its row lock. */
  public Optional<StaffTaskRow> lock(Connection c, long id) throws SQLException {
    return Db.one(
        c, "select " + COLUMNS + " from tb_staff_task where task_id = ? for update", StaffTaskStore::map, id);
  }

  /** The enrollment's OPEN or CLAIMED task; there is at most one. */
  public Optional<StaffTaskRow> openOf(Connection c, long enrollmentId) throws SQLException {
    return Db.one(
        c, "select " + COLUMNS + " from tb_staff_task where open_enrollment_id = ?", StaffTaskStore::map,
        enrollmentId);
  }

  /**
   * The open tasks of a contact's active enrollments, as a query to run with others ({@link
   * Db#listAll}), e.g. after the query that locks those enrollments.
   */
  public Db.Query<StaffTaskRow> openOfContactQuery(String contactId) {
    return new Db.Query<>(
        "select " + COLUMNS + " from tb_staff_task where open_enrollment_id in (select enrollment_id"
            + " from tb_enrollment where contact_id = ? and active_contact_id is not null)",
        StaffTaskStore::map,
        contactId);
  }

  /** Every task of a round, oldest first. */
  public List<StaffTaskRow> ofRound(Connection c, long enrollmentId, int round) throws SQLException {
    return Db.list(
        c,
        "select " + COLUMNS + " from tb_staff_task where enrollment_id = ? and round = ? order by task_id",
        StaffTaskStore::map,
        enrollmentId,
        round);
  }

  public List<StaffTaskRow> query(Connection c, StaffTaskQuery q) throws SQLException {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    q.queue().ifPresent(v -> {
      conditions.add("queue = ?");
      params.add(v);
    });
    if (!q.states().isEmpty()) {
      conditions.add("state in (" + String.join(", ", q.states().stream().map(s -> "?").toList()) + ")");
      q.states().stream().sorted().forEach(s -> params.add(s.name()));
    }
    q.claimedBy().ifPresent(v -> {
      conditions.add("claimed_by = ?");
      params.add(v);
    });
    q.contactId().ifPresent(v -> {
      conditions.add("contact_id = ?");
      params.add(v.value());
    });
    q.dueBefore().ifPresent(v -> {
      conditions.add("due_at <= ?");
      params.add(v);
    });
    params.add(q.limit());
    String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    return Db.list(
        c,
        "select " + COLUMNS + " from tb_staff_task" + where + " order by due_at, task_id fetch first ? rows only",
        StaffTaskStore::map,
        params.toArray());
  }

  /** Ids of the earliest due open call tasks of a queue whose deadline has not passed. */
  public List<Long> claimCandidates(Connection c, String queue, Instant now, int limit) throws SQLException {
    return Db.list(
        c,
        "select task_id from tb_staff_task where queue = ? and state = 'OPEN' and due_at <= ? and deadline > ?"
            + " and kind = 'CALL'"
            + " order by due_at, task_id fetch first ? rows only",
        rs -> rs.getLong(1),
        queue, now, now, limit);
  }

  /**
   * Claims an open call task that is not past its deadline; false when another claim or a state
   * change won, or when the task is not a call (the provider reports the outcome of the others).
   */
  public boolean claim(Connection c, long id, String agent, Instant now) throws SQLException {
    return Db.update(
        c,
        "update tb_staff_task set state = 'CLAIMED', claimed_by = ?, claimed_at = ?, updated_at = ?"
            + " where task_id = ? and state = 'OPEN' and deadline > ? and kind = 'CALL'",
        agent, now, now, id, now) == 1;
  }

  /** Gives the agent's claim back to the queue; false when the agent does not hold it. */
  public boolean release(Connection c, long id, String agent, Instant now) throws SQLException {
    return Db.update(
        c,
        "update tb_staff_task set state = 'OPEN', claimed_by = null, claimed_at = null, updated_at = ?"
            + " where task_id = ? and state = 'CLAIMED' and claimed_by = ?",
        now, id, agent) == 1;
  }

  /** Records the outcome of a claimed task and the step taken after it. */
  public void complete(Connection c, long id, CallOutcome outcome, String nextStep, Instant now)
      throws SQLException {
    Db.update(
        c,
        "update tb_staff_task set state = 'COMPLETED', result = ?, call_back_at = ?, note = ?, completed_at = ?,"
            + " next_step = ?, updated_at = ?, open_enrollment_id = null where task_id = ?",
        outcome.result().name(),
        outcome.callBackAt().isPresent() ? outcome.callBackAt().get() : Db.NullOf.TIMESTAMP,
        outcome.note().orElse(null),
        now,
        nextStep,
        now,
        id);
  }

  /**
   * Ends an open {@code CONFIRM_MESSAGE} task as COMPLETED with what the provider reported.
   *
   * @param staffId the staff member who sent or refused the message, when the provider says; kept
   *     as the task's {@code claimedBy}
   */
  public void confirmed(Connection c, long id, String staffId, String nextStep, String reason, Instant now)
      throws SQLException {
    Db.update(
        c,
        "update tb_staff_task set state = 'COMPLETED', claimed_by = ?, completed_at = ?, next_step = ?,"
            + " end_reason = ?, updated_at = ?, open_enrollment_id = null where task_id = ?",
        staffId, now, nextStep, clip(reason), now, id);
  }

  /** Ends an open task as EXPIRED or CANCELLED. */
  public void close(Connection c, long id, StaffTaskState state, String nextStep, String reason, Instant now)
      throws SQLException {
    Db.update(
        c,
        "update tb_staff_task set state = ?, next_step = ?, end_reason = ?, updated_at = ?, open_enrollment_id = null"
            + " where task_id = ?",
        state.name(), nextStep, clip(reason), now, id);
  }

  private static String clip(String reason) {
    return reason == null || reason.length() <= 512 ? reason : reason.substring(0, 509) + "...";
  }

  private static StaffTaskRow map(ResultSet rs) throws SQLException {
    String result = rs.getString("result");
    return new StaffTaskRow(
        rs.getLong("task_id"),
        StaffTaskKind.valueOf(rs.getString("kind")),
        rs.getString("queue"),
        rs.getString("channel"),
        rs.getString("contact_id"),
        rs.getString("cadence_id"),
        rs.getInt("cadence_version"),
        rs.getLong("enrollment_id"),
        rs.getInt("round"),
        rs.getInt("attempt"),
        new Address(AddressKind.of(rs.getString("address_kind")), rs.getString("address"),
            rs.getString("address_scope")),
        rs.getString("script"),
        Db.instant(rs, "due_at"),
        Db.instant(rs, "deadline"),
        StaffTaskState.valueOf(rs.getString("state")),
        rs.getString("claimed_by"),
        Db.instant(rs, "claimed_at"),
        result == null ? null : CallResult.valueOf(result),
        Db.instant(rs, "call_back_at"),
        rs.getString("note"),
        Db.instant(rs, "completed_at"),
        rs.getString("next_step"),
        rs.getString("end_reason"),
        Db.instant(rs, "created_at"),
        Db.instant(rs, "updated_at"));
  }
}
