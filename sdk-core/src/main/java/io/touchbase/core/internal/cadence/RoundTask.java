package io.touchbase.core.internal.cadence;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one db-scheduler task of Touchbase: the wake-up of an enrollment, whose instance id is the
 * enrollment id. The scheduler guarantees one instance runs it at a time; the handler reschedules
 * the execution to the enrollment's next due time or removes it when the enrollment ended.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class RoundTask {
  public static final String NAME = "touchbase-round";

  /** A failing run (the database is away, say) is tried again with growing pauses. */
  private static final Duration FIRST_RETRY = Duration.ofSeconds(5);

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RoundTask.class);

  private RoundTask() {}

  public static CustomTask<Void> create(RoundRunner runner, Clock clock) {
    return Tasks.custom(NAME, Void.class)
        .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(FIRST_RETRY))
        // db-scheduler's own handler revives at the system time; ours keeps to the engine clock. The
        // revived run finds the dispatch its dead owner left pending and recovers it.
        .onDeadExecution((complete, operations) -> {
          log.info("Reviving round of enrollment {} left by a dead instance", complete.getExecution().taskInstance.getId());
          operations.reschedule(complete, clock.instant());
        })
        .execute(
            (instance, context) -> {
              Optional<Instant> next = runner.run(Long.parseLong(instance.getId()));
              if (next.isEmpty()) {
                return new CompletionHandler.OnCompleteRemove<>();
              }
              Instant at = next.get();
              return (complete, operations) -> operations.reschedule(complete, at);
            });
  }
}
