package io.touchbase.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.touchbase.api.ChannelConfig;
import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.BulkEnrollment;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.cadence.EnrollmentId;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Contacts;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.event.EventOutcome;
import io.touchbase.api.event.TouchbaseListener;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.EngineControl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import javax.sql.DataSource;

/**
 * Touchbase measured end to end through its public API: contacts enrolled in a one-round
 * transactional cadence whose round falls due an hour after enrolment, so that enrolment is timed
 * apart; then the engine clock moves forward an hour and the timer runs until every round has its
 * {@code SENT} touchpoint.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class TouchbaseRuns {
  static final String NOTICE = "notice";
  static final String GOAL_CADENCE = "goal-watch";
  static final String GOAL_EVENT = "bench.converted";
  static final Duration LEAD = Duration.ofHours(1);
  private static final int ENROL_THREADS = 8;

  private TouchbaseRuns() {}

  /** What one run of due rounds measured. */
  record Result(double roundsPerSecond, double enrolmentsPerSecond, Map<String, Double> perRound,
      Map<String, Double> footprint, CpuMeter.Spent cpu) {}

  /** Settings shared by every engine a benchmark builds. */
  record EngineSettings(int threads, Duration pollingInterval) {}

  /**
   * Counts {@code SENT} touchpoints as the engine reports them after commit, so that waiting for a
   * run costs the database nothing (a polled count would add its own reads to the figures).
   */
  static class SentCounter implements TouchbaseListener {
    private final AtomicLong sent = new AtomicLong();

    @Override
    public void onTouchpoint(Touchpoint touchpoint) {
      if (touchpoint.kind() == TouchpointKind.SENT) {
        sent(touchpoint);
        sent.incrementAndGet();
      }
    }

    /** Called for each {@code SENT} touchpoint before it is counted. */
    void sent(Touchpoint touchpoint) {}

    long get() {
      return sent.get();
    }
  }

  /** Also keeps when each enrollment's round was sent (the {@code SENT} touchpoint's time). */
  static final class SentTimes extends SentCounter {
    private final Map<Long, Instant> times = new ConcurrentHashMap<>();

    @Override
    void sent(Touchpoint touchpoint) {
      times.put(touchpoint.enrollmentId().orElseThrow(), touchpoint.occurredAt());
    }

    Optional<Instant> of(long enrollmentId) {
      return Optional.ofNullable(times.get(enrollmentId));
    }
  }

  static Touchbase engine(DataSource ds, ShiftableClock clock, EngineSettings settings, TouchbaseListener counter,
      Consumer<Touchbase.Builder> channels) {
    Touchbase.Builder b = Touchbase.builder()
        .addListener(counter)
        .database(Database.dataSource(ds))
        .clock(clock)
        .defaultZone(ZoneOffset.UTC)
        .quietHours(QuietHours.none())
        .schedulerThreads(settings.threads())
        .pollingInterval(settings.pollingInterval())
        .instanceName("bench")
        .template(NOTICE, "Hello {{name}}, parcel {{parcel}} is on its way.")
        .cadence(CadenceDefinition.builder(NOTICE)
            .purpose(Purpose.TRANSACTIONAL)
            .round(r -> r.waitFor(LEAD).channel("sms").template(NOTICE).variable("parcel", "P-1001"))
            .build())
        .cadence(CadenceDefinition.builder(GOAL_CADENCE)
            .purpose(Purpose.TRANSACTIONAL)
            .round(r -> r.waitFor(Duration.ofDays(1)).channel("sms").template(NOTICE).variable("parcel", "P-2002"))
            .exitOn(GOAL_EVENT)
            .build());
    channels.accept(b);
    return b.build();
  }

  /** Contact {@code prefix + i} with a mainland mobile number of its own (numbers must not be shared). */
  static Contact contact(String prefix, int i) {
    int number = switch (prefix) {
      case "g" -> 50_000_000 + i;
      case "w" -> 60_000_000 + i;
      default -> i;
    };
    return Contact.builder(prefix + i).phone(String.format("+86138%08d", number)).attribute("name", "Member " + i)
        .build();
  }

  /**
   * Upserts and enrols {@code count} contacts from several threads; returns enrolments per second
   * and the enrollment ids in contact order.
   */
  static double enrol(Touchbase t, String prefix, int count, String cadence, long[] ids) {
    return enrolEach(t, prefix, count, cadence, i -> {}, (e, i) -> {
      if (ids != null) {
        ids[i] = e.id().value();
      }
    });
  }

  /**
   * Upserts and enrols {@code count} contacts from several threads, calling {@code before} on the
   * enrolling thread before contact {@code i} and {@code after} with its enrollment; returns
   * enrolments per second.
   */
  static double enrolEach(Touchbase t, String prefix, int count, String cadence, IntConsumer before,
      ObjIntConsumer<Enrollment> after) {
    ExecutorService pool = Executors.newFixedThreadPool(ENROL_THREADS);
    long start = System.nanoTime();
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int p = 0; p < ENROL_THREADS; p++) {
        int part = p;
        parts.add(pool.submit(() -> {
          for (int i = part; i < count; i += ENROL_THREADS) {
            before.accept(i);
            Contact c = t.contacts().upsert(contact(prefix, i));
            after.accept(t.cadences().enroll(c.id(), cadence), i);
          }
        }));
      }
      for (Future<?> f : parts) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("enrolment failed", e);
    } finally {
      pool.shutdown();
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  /** Upserts and enrols {@code prefix + 0 .. count - 1} through the batch calls, 1,000 per call. */
  static void enrolInBatches(Touchbase t, String prefix, int count, String cadence) {
    for (int from = 0; from < count; from += Contacts.MAX_BATCH_SIZE) {
      List<Contact> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + Contacts.MAX_BATCH_SIZE); i++) {
        batch.add(contact(prefix, i));
      }
      t.contacts().upsertAll(batch);
      BulkEnrollment r = t.cadences().enrollAll(cadence, batch.stream().map(Contact::id).toList());
      if (!r.skipped().isEmpty()) {
        throw new IllegalStateException("enrolment skipped " + r.skipped().size() + " contacts: "
            + r.skipped().get(0).detail());
      }
    }
  }

  static long sent(DataSource ds) {
    return BenchDatabase.count(ds, "select count(*) from tb_touchpoint where kind = 'SENT'");
  }

  /**
   * Enrols {@code rounds} contacts, makes their rounds due at once and times them until all are
   * sent. {@code channels} binds channel {@code sms}.
   */
  static Result dueRounds(BenchDatabase db, String purpose, int rounds, EngineSettings settings,
      Consumer<Touchbase.Builder> channels, boolean footprint, Duration timeout) {
    try (HikariDataSource ds = db.fresh(purpose, Math.max(10, settings.threads() + 6))) {
      ShiftableClock clock = new ShiftableClock();
      SentCounter counter = new SentCounter();
      try (Touchbase t = engine(ds, clock, settings, counter, channels)) {
        double enrolRate = enrol(t, "c", rounds, NOTICE, null);
        boolean postgres = db.kind() == BenchDatabase.Kind.POSTGRES;
        Map<String, Long> before = postgres ? activity(ds) : Map.of();
        clock.shift(LEAD.plusSeconds(1));
        CpuMeter cpu = CpuMeter.start(postgres);
        long start = System.nanoTime();
        // Wakes the poller now rather than at its next interval, as the floor's start() does.
        t.unwrap(EngineControl.class).orElseThrow().awaitIdle(Duration.ZERO);
        long deadline = start + timeout.toNanos();
        long done;
        while ((done = counter.get()) < rounds) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(purpose + ": " + done + " of " + rounds + " rounds sent in " + timeout);
          }
          Floor.sleep(10);
        }
        double rate = rounds / ((System.nanoTime() - start) / 1e9);
        CpuMeter.Spent spent = cpu.spent();
        // The listener runs after commit; the table must agree with it.
        if (sent(ds) != rounds) {
          throw new IllegalStateException(
              purpose + ": " + sent(ds) + " SENT touchpoints stored for " + rounds + " rounds");
        }
        Map<String, Double> perRound = new LinkedHashMap<>();
        if (postgres) {
          Map<String, Long> after = activity(ds);
          after.forEach((k, v) -> perRound.put(k, (v - before.get(k)) / (double) rounds));
        }
        Map<String, Double> sizes = footprint && postgres ? footprint(ds) : Map.of();
        return new Result(rate, enrolRate, perRound, sizes, spent);
      }
    }
  }

  /**
   * Commits and row operations of this database so far, from {@code pg_stat_database}, and the
   * server's write-ahead log so far, from {@code pg_stat_wal}: records, full-page images (a page's
   * first change after a checkpoint) and bytes. The benchmarks run one database at a time, so the
   * server's log is that database's.
   */
  static Map<String, Long> activity(DataSource ds) {
    String sql = "select xact_commit, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted,"
        + " w.wal_records, w.wal_fpi, w.wal_bytes"
        + " from pg_stat_database cross join pg_stat_wal w where datname = current_database()";
    Floor.sleep(1_000); // backends report their statistics up to half a second late
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("select pg_stat_clear_snapshot()");
      try (ResultSet r = s.executeQuery(sql)) {
        r.next();
        Map<String, Long> m = new LinkedHashMap<>();
        for (String k : List.of("commits", "returned", "fetched", "inserted", "updated", "deleted", "WAL records",
            "WAL full pages", "WAL bytes")) {
          m.put(k, r.getLong(m.size() + 1));
        }
        return m;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("pg_stat_database", e);
    }
  }

  /** Bytes per row, indexes and TOAST included, of the tables a round writes. */
  static Map<String, Double> footprint(DataSource ds) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String table : List.of("tb_contact", "tb_enrollment", "tb_dispatch", "tb_touchpoint")) {
      long rows = BenchDatabase.count(ds, "select count(*) from " + table);
      long bytes = BenchDatabase.count(ds, "select pg_total_relation_size('" + table + "')");
      if (rows > 0) {
        m.put(table, bytes / (double) rows);
      }
    }
    return m;
  }

  /**
   * What the goal-latency run measured, in milliseconds.
   *
   * @param p99WithReadBack the p99 of the call and a read of the enrollment after it, as a caller
   *     that checks the exit would see
   * @param loadedThroughout whether background rounds were still due when the last goal was timed,
   *     so that every goal ran under load
   */
  record Latency(double p50, double p99, double max, double p99WithReadBack, int samples,
      double backgroundRoundsPerSecond, boolean loadedThroughout) {}

  /**
   * Records goal events one after another while {@code background} due rounds run, each timed from
   * the call to {@code events().record(..)} until it returns: the enrollment's exit has committed by
   * then, and the outcome lists it. Each exit is then confirmed by reading the enrollment back; that
   * read is timed apart. The background contacts are enrolled in batches, so that enough of them to
   * outlast the sampling are ready quickly. Before sampling, a quarter of the background is sent and
   * a tenth as many goals as are timed are recorded, untimed, on contacts of their own: the goals are
   * timed at the background's steady pace and with the goal path compiled.
   */
  static Latency goalLatency(BenchDatabase db, int samples, int background, EngineSettings settings,
      Consumer<Touchbase.Builder> channels) {
    int warmup = Math.max(1, samples / 10);
    try (HikariDataSource ds = db.fresh("goal", Math.max(10, settings.threads() + 6))) {
      ShiftableClock clock = new ShiftableClock();
      SentCounter counter = new SentCounter();
      try (Touchbase t = engine(ds, clock, settings, counter, channels)) {
        long[] warmupIds = new long[warmup];
        long[] ids = new long[samples];
        enrol(t, "w", warmup, GOAL_CADENCE, warmupIds);
        enrol(t, "g", samples, GOAL_CADENCE, ids);
        enrolInBatches(t, "c", background, NOTICE);
        clock.shift(LEAD.plusSeconds(1));
        awaitSent(counter, background / 4, Duration.ofMinutes(5));
        goals(t, "w", warmupIds);
        long sentBefore = counter.get();
        long start = System.nanoTime();
        Timings timed = goals(t, "g", ids);
        double seconds = (System.nanoTime() - start) / 1e9;
        long backgroundDone = counter.get() - sentBefore;
        double[] millis = timed.record();
        return new Latency(percentile(millis, 50), percentile(millis, 99), millis[samples - 1],
            percentile(timed.withReadBack(), 99), samples, backgroundDone / seconds, counter.get() < background);
      }
    }
  }

  /**
   * Records the goal of contact {@code prefix + i} for each enrollment in {@code ids}, one after
   * another, checks that each ended its enrollment, and returns how long each took (see
   * {@link Timings}).
   */
  private static Timings goals(Touchbase t, String prefix, long[] ids) {
    Timings out = new Timings(new double[ids.length], new double[ids.length]);
    for (int i = 0; i < ids.length; i++) {
      EnrollmentId id = EnrollmentId.of(ids[i]);
      long t0 = System.nanoTime();
      EventOutcome outcome = t.events().record(ContactId.of(prefix + i), GOAL_EVENT);
      long t1 = System.nanoTime();
      boolean listed = outcome.converted().stream().anyMatch(e -> e.id().equals(id) && !e.isActive());
      if (!listed || t.cadences().enrollment(id).orElseThrow().isActive()) {
        throw new IllegalStateException("goal: enrollment " + ids[i] + " is still active after its goal");
      }
      out.record()[i] = (t1 - t0) / 1e6;
      out.withReadBack()[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(out.record());
    Arrays.sort(out.withReadBack());
    return out;
  }

  /** Milliseconds per goal, sorted: {@code events().record} alone, and with the read-back after it. */
  private record Timings(double[] record, double[] withReadBack) {}

  /** Waits until the background has sent {@code sent} rounds in all. */
  private static void awaitSent(SentCounter counter, long sent, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (counter.get() < sent) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("goal: the background sent " + counter.get() + " of " + sent
            + " rounds in " + timeout);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("goal: interrupted", e);
      }
    }
  }

  /** The nearest-rank percentile {@code p} (0 to 100] of {@code sorted}, which is in ascending order. */
  static double percentile(double[] sorted, double p) {
    return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
  }

  /**
   * What the scheduler-lag run measured; lags are sent minus due, in seconds.
   *
   * @param dueRate rounds falling due per second, as asked
   * @param dueSeconds from the first due time to the last, as enrolled
   * @param midLag the lag of the round due halfway through the run
   * @param endLag the lag of the last round due
   * @param sentRate rounds sent per second over the second half of the sends, so that a stall early in
   *     the run that the engine then makes up does not count as falling behind
   */
  record Lag(double p50, double p99, double max, int rounds, double dueRate, double dueSeconds, double midLag,
      double endLag, double sentRate, double enrolmentsPerSecond) {

    /**
     * Whether the engine sent more slowly than rounds fell due, so that the lag grew through the run
     * and would keep growing however long it ran. A run that keeps up sends at the due rate, shifted by
     * its lag; 5 % is room for polling in bursts.
     */
    boolean fallsBehind() {
      return sentRate < 0.95 * dueRate;
    }
  }

  /** How long before the first due time the clock is set running, so that the poller is already going. */
  static final Duration LAG_LEAD_IN = Duration.ofSeconds(2);

  /**
   * Rounds falling due at a steady {@code rate} per second for {@code length}, each timed from its due
   * time to its {@code SENT} touchpoint. Contacts are enrolled ahead of time, each with the clock
   * pinned (on the enrolling thread only) so that its round falls due at {@code t0 + i / rate}, where
   * {@code t0} is an hour after the first enrolment; then the clock is set to run in real time from
   * {@link #LAG_LEAD_IN} before {@code t0}, and the scheduler meets each due time as it comes.
   */
  static Lag schedulerLag(BenchDatabase db, int rate, Duration length, EngineSettings settings,
      Consumer<Touchbase.Builder> channels, Duration timeout) {
    int rounds = (int) Math.max(2, Math.round(rate * (length.toNanos() / 1e9)));
    long nanosApart = Math.round(1e9 / rate);
    try (HikariDataSource ds = db.fresh("lag", Math.max(10, settings.threads() + 6))) {
      ShiftableClock clock = new ShiftableClock();
      SentTimes sent = new SentTimes();
      try (Touchbase t = engine(ds, clock, settings, sent, channels)) {
        Instant base = Instant.now();
        long[] ids = new long[rounds];
        Instant[] due = new Instant[rounds];
        double enrolRate = enrolEach(t, "c", rounds, NOTICE, i -> clock.pin(base.plusNanos(i * nanosApart)),
            (e, i) -> {
              clock.unpin();
              ids[i] = e.id().value();
              due[i] = e.nextRoundAt().orElseThrow();
            });
        Instant t0 = due[0];
        clock.set(t0.minus(LAG_LEAD_IN));
        long deadline = System.nanoTime() + LAG_LEAD_IN.plus(length).plus(timeout).toNanos();
        long done;
        while ((done = sent.get()) < rounds) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("lag: " + done + " of " + rounds + " rounds sent in " + timeout
                + " after the last fell due");
          }
          Floor.sleep(50);
        }
        if (sent(ds) != rounds) {
          throw new IllegalStateException("lag: " + sent(ds) + " SENT touchpoints stored for " + rounds + " rounds");
        }
        double[] lags = new double[rounds];
        Instant[] sentAt = new Instant[rounds];
        for (int i = 0; i < rounds; i++) {
          sentAt[i] = sent.of(ids[i]).orElseThrow();
          lags[i] = Duration.between(due[i], sentAt[i]).toNanos() / 1e9;
        }
        double midLag = lags[rounds / 2];
        double endLag = lags[rounds - 1];
        Arrays.sort(lags);
        Arrays.sort(sentAt);
        int mid = rounds / 2;
        double secondHalf = Math.max(1e-3, Duration.between(sentAt[mid], sentAt[rounds - 1]).toNanos() / 1e9);
        double dueSeconds = Duration.between(due[0], due[rounds - 1]).toNanos() / 1e9;
        return new Lag(percentile(lags, 50), percentile(lags, 99), lags[rounds - 1], rounds, rate, dueSeconds,
            midLag, endLag, (rounds - 1 - mid) / secondHalf, enrolRate);
      }
    }
  }
}
