package io.touchbase.core.internal.cadence;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.SchedulerRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one db-scheduler task of Touchbase: the wake-up of an enrollment, whose instance id is the
 * enrollment id. The scheduler guarantees one instance runs it at a time. The run completes the
 * execution itself, in the transaction that records the round ({@link RoundRunner}), so the
 * scheduler's completion handler has nothing left to do.
 *
 * <p>A counted failure marks an attempt that may have been sent: db-scheduler counts one when the
 * run throws after sending (the record step failed) and, through our dead-execution handler, when
 * the instance running it died. A run that failed before it could send is retried without one.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class RoundTask {
  public static final String NAME = "touchbase-round";

  /** A run that failed after it may have sent is tried again with growing pauses. */
  private static final Duration FIRST_RETRY = Duration.ofSeconds(5);

  /**
   * A run that failed before sending (the database is away, say) is tried again after this, doubled
   * for each failure in a row up to {@link #NOTHING_SENT_RETRY_MAX}. The count is kept in memory:
   * it only paces the retries, and the database cannot hold it without a counted failure.
   */
  private static final Duration NOTHING_SENT_RETRY = Duration.ofSeconds(5);

  private static final Duration NOTHING_SENT_RETRY_MAX = Duration.ofHours(1);

  /** How long a run keeps trying to reschedule itself after failing before it sent. */
  private static final Duration RESCHEDULE_PATIENCE = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(RoundTask.class);

  /** The run completed the execution in its own transaction. */
  private static final CompletionHandler<Void> COMPLETED_BY_RUN = (complete, operations) -> {};

  private RoundTask() {}

  /**
   * @param dueNow asks the scheduler to look for due wake-ups now, for a run whose next step is due
   *     at once (the round's next channel, a resend)
   */
  public static CustomTask<Void> create(RoundRunner runner, Clock clock, Db db, SchedulerRows rows, Runnable dueNow) {
    Map<Long, Integer> failedBeforeSending = new ConcurrentHashMap<>();
    return Tasks.custom(NAME, Void.class)
        .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(FIRST_RETRY))
        // db-scheduler's own handler revives at the system time; ours keeps to the engine clock and
        // counts a failure dated at the dead run's last heartbeat, so that the revived run looks up
        // the attempt the dead one may have sent, once the provider can know of it.
        .onDeadExecution((complete, operations) -> {
          Execution dead = complete.getExecution();
          log.info("Reviving round of enrollment {} left by a dead instance", dead.taskInstance.getId());
          Instant lastAlive = dead.lastHeartbeat != null ? dead.lastHeartbeat : clock.instant();
          operations.reschedule(ExecutionComplete.failure(dead, lastAlive, lastAlive, null), clock.instant());
        })
        .execute(
            (instance, context) -> {
              Execution x = context.getExecution();
              long id = Long.parseLong(instance.getId());
              Optional<Instant> interruptedAt =
                  x.consecutiveFailures > 0 ? Optional.ofNullable(x.lastFailure) : Optional.empty();
              RoundRunner.Wake wake = new RoundRunner.Wake(id, x.version, interruptedAt);
              try {
                Optional<Instant> next = runner.run(wake);
                failedBeforeSending.remove(id);
                if (next.isPresent() && !next.get().isAfter(clock.instant())) {
                  dueNow.run();
                }
              } catch (SchedulerRows.WakeUpTakenOverException e) {
                failedBeforeSending.remove(id);
                log.info(e.getMessage());
              } catch (NothingSentException e) {
                int failures = failedBeforeSending.merge(id, 1, Integer::sum);
                Duration pause = NOTHING_SENT_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
                pause = pause.compareTo(NOTHING_SENT_RETRY_MAX) > 0 ? NOTHING_SENT_RETRY_MAX : pause;
                log.warn("Round of enrollment {} failed before sending; trying again in {}", id, pause, e.getCause());
                retryLater(db, rows, clock, wake, pause);
              }
              return COMPLETED_BY_RUN;
            });
  }

  /**
   * Reschedules a run that sent nothing, keeping the failure count. The database may be the reason
   * it failed, so this keeps trying for a while: giving up leaves the execution to be found dead,
   * which costs a look-up of an attempt that never went out.
   */
  private static void retryLater(Db db, SchedulerRows rows, Clock clock, RoundRunner.Wake wake, Duration pause) {
    // Waiting for the database is real time, whatever the engine clock says (a test may freeze it).
    long giveUpNanos = System.nanoTime() + RESCHEDULE_PATIENCE.toNanos();
    while (true) {
      try {
        Instant now = clock.instant();
        db.inTransaction("retry round later", c -> {
          rows.complete(c, wake.enrollmentId(), wake.version(), Optional.of(now.plus(pause)), now, true);
          return null;
        });
        return;
      } catch (SchedulerRows.WakeUpTakenOverException e) {
        log.info(e.getMessage());
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() - giveUpNanos >= 0) {
          throw e;
        }
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
