package io.touchbase.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * The engine floor: bare db-scheduler one-time tasks with a no-op handler, all due at once, with the
 * engine's polling settings ({@code lock-and-fetch} on PostgreSQL, {@code fetch} on H2, limits 0.5
 * and 3.0 of the thread count) and pool size, on the same kind of database as Touchbase.
 *
 * <p>The figure depends heavily on how warm the JIT is: on H2, where a no-op execution costs little
 * but the database's own code, the CPU time per execution falls several-fold over the first few
 * hundred thousand executions of a JVM. Callers therefore run {@link #warmUp} first.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class Floor {
  /** db-scheduler's table as in the engine's first migration. */
  static final String DDL = """
      create table scheduled_tasks (
        task_name text not null,
        task_instance text not null,
        task_data bytea,
        execution_time timestamp with time zone not null,
        picked BOOLEAN not null,
        picked_by text,
        last_success timestamp with time zone,
        last_failure timestamp with time zone,
        consecutive_failures INT,
        last_heartbeat timestamp with time zone,
        version BIGINT not null,
        priority SMALLINT,
        PRIMARY KEY (task_name, task_instance)
      )""";

  private Floor() {}

  /** What one floor run measured. */
  record Result(long executions, double executionsPerSecond, Map<String, Double> perExecution, CpuMeter.Spent cpu) {}

  static Result run(BenchDatabase db, int tasks, int threads, Duration pollingInterval, Duration timeout) {
    try (HikariDataSource ds = db.fresh("floor", Math.max(10, threads + 6))) {
      BenchDatabase.execute(ds, DDL);
      BenchDatabase.execute(ds, "create index execution_time_idx on scheduled_tasks (execution_time)");
      BenchDatabase.execute(ds, "create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
      BenchDatabase.execute(ds,
          "create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)");
      AtomicLong done = new AtomicLong();
      OneTimeTask<Void> task =
          Tasks.oneTime("floor-no-op", Void.class).execute((instance, ctx) -> done.incrementAndGet());
      SchedulerClient client = SchedulerClient.Builder.create(ds, task)
          .jdbcCustomization(db.kind() == BenchDatabase.Kind.POSTGRES
              ? new PostgreSqlJdbcCustomization(false, false) : new DefaultJdbcCustomization(false))
          .build();
      Instant due = Instant.now().minusSeconds(1);
      for (int from = 0; from < tasks; from += 1_000) {
        List<TaskInstance<?>> batch = new ArrayList<>();
        for (int i = from; i < Math.min(tasks, from + 1_000); i++) {
          batch.add(task.instance("t" + i));
        }
        client.scheduleBatch(batch, due);
      }
      // The handler's counter, not a polled count(*), so that waiting costs the database nothing while
      // the run lasts (Touchbase runs are waited for by a listener); then done when the last execution
      // is removed, as one-time tasks are on completion.
      return timed(db, ds, task, threads, pollingInterval, tasks, done, timeout,
          () -> BenchDatabase.count(ds, "select count(*) from scheduled_tasks") == 0);
    }
  }

  /**
   * Starts a scheduler of {@code task} with the engine's polling settings on executions already due,
   * and times it until its handler has counted {@code tasks} runs and {@code settled} says the last of
   * them has completed; measures CPU and, on PostgreSQL, the database's activity over that span.
   */
  static Result timed(BenchDatabase db, DataSource ds, Task<?> task, int threads, Duration pollingInterval,
      int tasks, AtomicLong done, Duration timeout, BooleanSupplier settled) {
    boolean postgres = db.kind() == BenchDatabase.Kind.POSTGRES;
    var b = Scheduler.create(ds, task).threads(threads).pollingInterval(pollingInterval)
        .enableImmediateExecution();
    if (postgres) {
      b.jdbcCustomization(new PostgreSqlJdbcCustomization(false, false)).pollUsingLockAndFetch(0.5, 3.0);
    } else {
      b.jdbcCustomization(new DefaultJdbcCustomization(false)).pollUsingFetchAndLockOnExecute(0.5, 3.0);
    }
    Scheduler scheduler = b.build();
    Map<String, Long> before = postgres ? TouchbaseRuns.activity(ds) : Map.of();
    CpuMeter cpu = CpuMeter.start(postgres);
    long start = System.nanoTime();
    scheduler.start();
    try {
      long deadline = start + timeout.toNanos();
      while (done.get() < tasks) {
        checkDeadline(deadline, done.get(), tasks, timeout);
        sleep(5);
      }
      while (!settled.getAsBoolean()) {
        checkDeadline(deadline, done.get(), tasks, timeout);
        sleep(1);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      CpuMeter.Spent spent = cpu.spent();
      Map<String, Double> perExecution = new LinkedHashMap<>();
      if (postgres) {
        TouchbaseRuns.activity(ds).forEach((k, v) -> perExecution.put(k, (v - before.get(k)) / (double) tasks));
      }
      return new Result(done.get(), tasks / seconds, perExecution, spent);
    } finally {
      scheduler.stop();
    }
  }

  /**
   * Runs the floor untimed with {@code tasks} executions, so that the JIT has compiled the database
   * driver's and db-scheduler's hot paths before anything is timed.
   */
  static void warmUp(BenchDatabase db, int tasks, int threads, Duration pollingInterval, Duration timeout) {
    if (tasks > 0) {
      run(db, tasks, threads, pollingInterval, timeout);
    }
  }

  private static void checkDeadline(long deadline, long done, int tasks, Duration timeout) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("floor: " + done + " of " + tasks + " executions in " + timeout);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
