package io.touchbase.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Writes db-scheduler executions inside our own transactions, so an enrollment and its wake-up
 * commit together or not at all. Rows that are picked are touched only by the run that picked them
 * ({@link #complete}); every other write leaves them alone.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class SchedulerRows {
  private final String taskName;

  public SchedulerRows(String taskName) {
    this.taskName = taskName;
  }

  /** Schedules the wake-up of an enrollment (data is empty: the enrollment row is the state). */
  public void insert(Connection c, long enrollmentId, Instant due) throws SQLException {
    try (var ps =
        c.prepareStatement(
            "insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,"
                + " version) values (?, ?, null, ?, false, 1)")) {
      ps.setString(1, taskName);
      ps.setString(2, Long.toString(enrollmentId));
      // Same binding as db-scheduler's own writes, so its due-time comparisons agree with ours.
      ps.setTimestamp(3, Db.schedulerTimestamp(due));
      ps.executeUpdate();
    }
  }

  /** A wake-up to schedule: the enrollment and when it is due. */
  public record Wake(long enrollmentId, Instant due) {}

  /** Schedules wake-ups of new enrollments, in bulk; the same rows as {@link #insert} writes. */
  public void insertAll(Connection c, Collection<Wake> wakes) throws SQLException {
    Db.insertAll(
        c,
        "scheduled_tasks",
        "task_name text, task_instance text, execution_time timestamptz, picked bool, version int8",
        wakes,
        w -> new Object[] {taskName, Long.toString(w.enrollmentId()), Db.schedulerTimestamp(w.due()), false, 1L});
  }


  /**
   * Moves the wake-up of an enrollment to {@code due}, as an API call that changed the enrollment
   * (a staff task's outcome) needs. A wake-up that is running is left alone: it reads the
   * enrollment under its row lock and reschedules itself. Inserts the wake-up if there is none.
   */
  public void reschedule(Connection c, long enrollmentId, Instant due) throws SQLException {
    int moved;
    try (var ps =
        c.prepareStatement(
            "update scheduled_tasks set execution_time = ?, version = version + 1"
                + " where task_name = ? and task_instance = ? and picked = false")) {
      ps.setTimestamp(1, Db.schedulerTimestamp(due));
      ps.setString(2, taskName);
      ps.setString(3, Long.toString(enrollmentId));
      moved = ps.executeUpdate();
    }
    if (moved == 0 && !exists(c, enrollmentId)) {
      insert(c, enrollmentId, due);
    }
  }

  private boolean exists(Connection c, long enrollmentId) throws SQLException {
    return Db.one(
            c,
            "select 1 from scheduled_tasks where task_name = ? and task_instance = ?",
            rs -> true,
            taskName,
            Long.toString(enrollmentId))
        .isPresent();
  }

  /**
   * Completes a running wake-up inside the caller's transaction, as db-scheduler's own completion
   * would, so that a round's outcome and its next wake-up commit together: rescheduled to {@code
   * next}, or removed when empty. Conditional on the version db-scheduler picked: a wake-up taken
   * over by another instance meanwhile (found dead) is not ours to complete.
   *
   * @param keepFailures leave the failure count as it is: an interrupted attempt is still to be
   *     looked up. Otherwise the run succeeded and the count is cleared.
   * @throws WakeUpTakenOverException when the version no longer matches, at the latest when the
   *     transaction commits ({@link Db#writeLater}); roll back
   */
  public void complete(Connection c, long enrollmentId, long version, Optional<Instant> next, Instant now,
      boolean keepFailures) throws SQLException {
    Db.CountCheck ours = done -> {
      if (done != 1) {
        throw new WakeUpTakenOverException(enrollmentId);
      }
    };
    String instance = Long.toString(enrollmentId);
    if (next.isEmpty()) {
      Db.writeLater(c, "delete from scheduled_tasks where task_name = ? and task_instance = ? and version = ?",
          ours, taskName, instance, version);
    } else if (keepFailures) {
      Db.writeLater(c, "update scheduled_tasks set picked = false, picked_by = null, last_heartbeat = null,"
          + " execution_time = ?, version = version + 1 where task_name = ? and task_instance = ? and version = ?",
          ours, Db.schedulerTimestamp(next.get()), taskName, instance, version);
    } else {
      Db.writeLater(c, "update scheduled_tasks set picked = false, picked_by = null, last_heartbeat = null,"
          + " execution_time = ?, last_success = ?, consecutive_failures = 0, version = version + 1"
          + " where task_name = ? and task_instance = ? and version = ?",
          ours, Db.schedulerTimestamp(next.get()), Db.schedulerTimestamp(now), taskName, instance, version);
    }
  }

  /** A running wake-up changed hands before its run could complete it. */
  public static final class WakeUpTakenOverException extends RuntimeException {
    public WakeUpTakenOverException(long enrollmentId) {
      super("The wake-up of enrollment " + enrollmentId + " was taken over by another run (it was found dead);"
          + " this run's outcome is left to that one");
    }
  }

  /** Removes a wake-up that is not running; a running one ends itself on completion ({@link Db#writeLater}). */
  public void deleteIfIdle(Connection c, long enrollmentId) throws SQLException {
    Db.writeLater(
        c,
        "delete from scheduled_tasks where task_name = ? and task_instance = ? and picked = false",
        Db.ANY_COUNT,
        taskName,
        Long.toString(enrollmentId));
  }

  /** Executions due at or before {@code now}, running ones included. */
  public int countDue(Connection c, Instant now) throws SQLException {
    try (var ps =
        c.prepareStatement(
            "select count(*) from scheduled_tasks where task_name = ? and execution_time <= ?")) {
      ps.setString(1, taskName);
      ps.setTimestamp(2, Db.schedulerTimestamp(now));
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
