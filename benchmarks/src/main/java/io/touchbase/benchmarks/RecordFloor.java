package io.touchbase.benchmarks;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import io.touchbase.api.Touchbase;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.internal.cadence.RoundTask;
import io.touchbase.core.internal.engine.Effects;
import io.touchbase.core.internal.engine.TouchpointDraft;
import io.touchbase.core.internal.json.JsonCodec;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.Dialect;
import io.touchbase.core.internal.store.DispatchRow;
import io.touchbase.core.internal.store.DispatchState;
import io.touchbase.core.internal.store.DispatchStore;
import io.touchbase.core.internal.store.EnrollmentRow;
import io.touchbase.core.internal.store.EnrollmentStore;
import io.touchbase.core.internal.store.GroupCommit;
import io.touchbase.core.internal.store.SchedulerRows;
import io.touchbase.core.internal.store.TouchpointStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The floor with what a round cannot do without: bare db-scheduler runs Touchbase's own wake-ups
 * ({@link RoundTask#NAME}, on the engine's schema and enrollments), and each execution commits, in
 * one transaction with its completion and through the engine's own stores and {@link GroupCommit},
 * the writes of one {@link Level}; nothing else. No decision is read, no template rendered, no
 * channel called. Beside the bare floor and a Touchbase round it says where a round's cost lies:
 * in what the design writes per round, or in the engine.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class RecordFloor {
  /** How long after a round the enrollment next wakes, as the attribution window after a last round. */
  private static final Duration NEXT_WAKE = Duration.ofDays(7);

  /** What each execution writes. */
  enum Level {
    /**
     * Completes the wake-up by moving it to the enrollment's next wake-up, as every round of a
     * cadence does, where the bare floor's one-time task deletes its row.
     */
    RESCHEDULE("floor + completion that reschedules"),
    /**
     * The least any round could write while every round stays visible as a touchpoint, as the
     * audit requires: the {@code SENT} touchpoint and the completion that reschedules; no dispatch,
     * no row lock, no enrollment update.
     */
    TOUCHPOINT("floor + completion + the touchpoint alone"),
    /**
     * The record step of a sent dry-run round: the enrollment's row lock, a dispatch and a {@code
     * SENT} touchpoint inserted, the enrollment updated, and the completion that reschedules.
     */
    RECORD("floor + a sent round's record");

    final String label;

    Level(String label) {
      this.label = label;
    }
  }

  private RecordFloor() {}

  /**
   * Enrols {@code tasks} contacts through a Touchbase engine (so that schema and rows are the
   * engine's), stops it, makes every wake-up due, then times bare db-scheduler running them at
   * {@code level}.
   */
  static Floor.Result run(BenchDatabase db, Level level, int tasks, int threads, Duration pollingInterval,
      Duration timeout) {
    try (HikariDataSource ds = db.fresh("record", Math.max(10, threads + 6))) {
      TouchbaseRuns.EngineSettings settings = new TouchbaseRuns.EngineSettings(threads, pollingInterval);
      try (Touchbase t = TouchbaseRuns.engine(ds, new ShiftableClock(), settings, new TouchbaseRuns.SentCounter(),
          b -> b.channel("sms", "dry-run"))) {
        TouchbaseRuns.enrolInBatches(t, "c", tasks, TouchbaseRuns.NOTICE);
      }
      makeDue(ds);
      boolean postgres = db.kind() == BenchDatabase.Kind.POSTGRES;
      Dialect dialect = postgres ? Dialect.POSTGRESQL : Dialect.H2;
      Db store = new Db(ds, dialect);
      // As the engine groups its record steps: on PostgreSQL up to one round per scheduler thread.
      GroupCommit records = new GroupCommit(store, postgres ? threads : 1, 2);
      Writes writes = new Writes(new EnrollmentStore(), new DispatchStore(), new TouchpointStore(new JsonCodec()),
          new SchedulerRows(RoundTask.NAME));
      AtomicLong done = new AtomicLong();
      CustomTask<Void> task = Tasks.custom(RoundTask.NAME, Void.class).execute((instance, ctx) -> {
        long id = Long.parseLong(instance.getId());
        long version = ctx.getExecution().version;
        records.run(level.label, c -> {
          writes.write(c, level, id, version, Instant.now());
          return null;
        });
        done.incrementAndGet();
        return (complete, operations) -> {}; // completed in the transaction above, as the engine's rounds are
      });
      Floor.Result result = Floor.timed(db, ds, task, threads, pollingInterval, tasks, done, timeout, () -> true);
      verify(ds, level, tasks);
      return result;
    }
  }

  /** Checks that every execution wrote its level and completed itself, rescheduled and no longer picked. */
  private static void verify(DataSource ds, Level level, int tasks) {
    long touchpoints = BenchDatabase.count(ds, "select count(*) from tb_touchpoint where kind = 'SENT'");
    long dispatches = BenchDatabase.count(ds, "select count(*) from tb_dispatch where state = 'ACCEPTED'");
    long waiting = BenchDatabase.count(ds, "select count(*) from scheduled_tasks where picked = false"
        + " and last_success is not null and version = 3"); // inserted at 1, picked, completed
    long expectTouchpoints = level == Level.RESCHEDULE ? 0 : tasks;
    long expectDispatches = level == Level.RECORD ? tasks : 0;
    if (touchpoints != expectTouchpoints || dispatches != expectDispatches || waiting != tasks) {
      throw new IllegalStateException(level + ": " + touchpoints + " touchpoints, " + dispatches + " dispatches and "
          + waiting + " completed wake-ups for " + tasks + " executions");
    }
  }

  private static void makeDue(DataSource ds) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("update scheduled_tasks set execution_time = ?")) {
      ps.setTimestamp(1, Db.schedulerTimestamp(Instant.now().minusSeconds(1)));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not make the wake-ups due", e);
    }
  }

  /** The engine's stores, writing one execution's level. */
  private record Writes(EnrollmentStore enrollments, DispatchStore dispatches, TouchpointStore touchpoints,
      SchedulerRows rows) {

    void write(Connection c, Level level, long id, long version, Instant now) throws SQLException {
      Instant next = now.plus(NEXT_WAKE);
      String dispatchId = DispatchRow.idFor(id, 1, 1);
      String messageId = "dry-run-" + dispatchId;
      if (level == Level.TOUCHPOINT) {
        // The enrollment as the round's decision read it: the touchpoint names its cadence and contact.
        appendSent(c, enrollments.find(c, id).orElseThrow(), dispatchId, messageId, now);
      } else if (level == Level.RECORD) {
        EnrollmentRow e = enrollments.lock(c, id).orElseThrow();
        // The contact's number as the benchmark made it ("c" + i), as the dispatch keeps its address.
        Address to = TouchbaseRuns.contact("c", Integer.parseInt(e.contactId().substring(1)))
            .address(AddressKind.PHONE).orElseThrow();
        dispatches.insert(c, new DispatchRow(dispatchId, id, 1, 1, "sms", "dry-run", DispatchState.ACCEPTED,
            messageId, null, "bench", now, now, to));
        appendSent(c, e, dispatchId, messageId, now);
        enrollments.update(c, e.touched(1).scheduled(2, next, now));
      }
      rows.complete(c, id, version, Optional.of(next), now, false);
    }

    /** The {@code SENT} touchpoint of round 1, as a dry-run send records it. */
    private void appendSent(Connection c, EnrollmentRow e, String dispatchId, String messageId, Instant now)
        throws SQLException {
      new Effects(touchpoints).append(c, TouchpointDraft.ofRound(e, 1, TouchpointKind.SENT, now).channel("sms")
          .provider("dry-run").dispatch(dispatchId).providerMessageId(messageId));
    }
  }
}
