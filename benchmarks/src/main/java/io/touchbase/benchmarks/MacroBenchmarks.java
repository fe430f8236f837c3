package io.touchbase.benchmarks;

import io.touchbase.api.ChannelConfig;
import io.touchbase.api.Touchbase;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The macro benchmarks: Touchbase beside the bare db-scheduler floor, scheduler lag at a steady due
 * rate, an I/O-bound provider, goal latency and storage footprint. One run prints one table; beside
 * each floor comparison's rate ratio it prints the CPU a round and a floor execution cost ({@link
 * CpuMeter}) and their ratio. Floor and rounds are measured in turns, {@code --repeats} pairs of
 * them, and the pair with the middle ratio is shown beside every pair's ratio: on a shared machine
 * one pair's ratio can be a third off another's. Arguments are {@code --name=value}:
 *
 * <ul>
 *   <li>{@code --rounds=10000} due Touchbase rounds per floor comparison
 *   <li>{@code --floor-tasks=100000} bare db-scheduler executions per floor measurement, as the issue
 *       measured the floor
 *   <li>{@code --warmup=100000} untimed floor executions, followed by one untimed Touchbase run of
 *       {@code --rounds} rounds, on each database before its first timed comparison (0: none)
 *   <li>{@code --repeats=3} floor measurements and Touchbase runs, in turns, per floor comparison
 *   <li>{@code --threads=10,20} scheduler thread counts for the floor comparison; the first for lag and goal
 *   <li>{@code --databases=postgres,h2} which databases
 *   <li>{@code --durable=true} PostgreSQL with {@code fsync} and {@code synchronous_commit} on
 *   <li>{@code --io-rounds=5000}, {@code --io-threads=50}, {@code --io-delay-ms=50} the I/O benchmark
 *   <li>{@code --goal-samples=2000}, {@code --goal-background=20000} the goal latency benchmark
 *   <li>{@code --lag-rate=1000}, {@code --lag-seconds=60} the scheduler lag benchmark: rounds due per
 *       second, and for how long
 *   <li>{@code --only=floor,ceiling,lag,io,goal,footprint} which benchmarks run (all unless set);
 *       {@code ceiling} adds to {@code floor}, at its first thread count, the floor with what a round must
 *       write ({@link RecordFloor}), in the same turns
 *   <li>{@code --polling=PT1S} the polling interval of floor and engine alike
 *   <li>{@code --work-dir=target/bench} where H2 files go
 * </ul>
 */
public final class MacroBenchmarks {
  private static final Duration TIMEOUT = Duration.ofMinutes(20);

  private MacroBenchmarks() {}

  /**
   * What a run does.
   *
   * @param rounds due Touchbase rounds per floor comparison
   * @param floorTasks bare db-scheduler executions per floor measurement
   * @param warmup untimed floor executions before each database's first comparison; with any, also
   *     one untimed Touchbase run
   * @param repeats floor measurements and Touchbase runs, in turns, per floor comparison
   * @param threads scheduler thread counts for the floor comparison
   * @param databases {@code postgres} and/or {@code h2}
   * @param durable PostgreSQL with durable commits
   * @param ioRounds rounds in the I/O-bound benchmark
   * @param ioThreads scheduler threads in the I/O-bound benchmark
   * @param ioDelay how long the fake provider takes to answer
   * @param goalSamples goal events timed
   * @param goalBackground due rounds running while goal events are timed
   * @param lagRate rounds falling due per second in the scheduler lag benchmark
   * @param lagLength how long rounds fall due at that rate
   * @param only benchmarks to run: {@code floor}, {@code lag}, {@code io}, {@code goal}, {@code footprint}
   * @param polling polling interval of floor and engine alike
   * @param workDir where H2 files go
   */
  public record Options(int rounds, int floorTasks, int warmup, int repeats, List<Integer> threads,
      List<String> databases, boolean durable, int ioRounds, int ioThreads, Duration ioDelay, int goalSamples,
      int goalBackground, int lagRate, Duration lagLength, Set<String> only, Duration polling, Path workDir) {

    /** The default run, a few minutes on a 2-core machine. */
    public static Options defaults() {
      return parse(new String[0]);
    }

    /** Parses {@code --name=value} arguments over the defaults. */
    public static Options parse(String[] args) {
      Set<String> known = Set.of("rounds", "floor-tasks", "warmup", "repeats", "threads", "databases", "durable",
          "io-rounds", "io-threads", "io-delay-ms", "goal-samples", "goal-background", "lag-rate", "lag-seconds", "only",
          "polling", "work-dir");
      Map<String, String> a = BenchArguments.parse(args, known);
      return new Options(
          Integer.parseInt(a.getOrDefault("rounds", "10000")),
          positive("floor-tasks", Integer.parseInt(a.getOrDefault("floor-tasks", "100000"))),
          Math.max(0, Integer.parseInt(a.getOrDefault("warmup", "100000"))),
          positive("repeats", Integer.parseInt(a.getOrDefault("repeats", "3"))),
          list(a.getOrDefault("threads", "10,20")).stream().map(Integer::parseInt).toList(),
          list(a.getOrDefault("databases", "postgres,h2")),
          Boolean.parseBoolean(a.getOrDefault("durable", "true")),
          Integer.parseInt(a.getOrDefault("io-rounds", "5000")),
          Integer.parseInt(a.getOrDefault("io-threads", "50")),
          Duration.ofMillis(Long.parseLong(a.getOrDefault("io-delay-ms", "50"))),
          Integer.parseInt(a.getOrDefault("goal-samples", "2000")),
          Integer.parseInt(a.getOrDefault("goal-background", "20000")),
          positive("lag-rate", Integer.parseInt(a.getOrDefault("lag-rate", "1000"))),
          Duration.ofSeconds(positive("lag-seconds", Integer.parseInt(a.getOrDefault("lag-seconds", "60")))),
          Set.copyOf(list(a.getOrDefault("only", "floor,ceiling,lag,io,goal,footprint"))),
          Duration.parse(a.getOrDefault("polling", "PT1S")),
          Path.of(a.getOrDefault("work-dir", "target/bench")));
    }

    private static int positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("--" + name + " must be greater than 0, but was " + value);
      }
      return value;
    }

    private static List<String> list(String csv) {
      return Stream.of(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
  }

  /** Runs the benchmarks the arguments select and prints the table to standard output. */
  public static void main(String[] args) throws Exception {
    run(Options.parse(args), System.out);
    System.exit(0); // embedded servers leave non-daemon threads behind
  }

  /** Runs the selected benchmarks, printing the machine first and the table last. */
  public static List<Row> run(Options o, PrintStream out) throws IOException {
    out.println(machine(o));
    Files.createDirectories(o.workDir());
    Path work = Files.createTempDirectory(o.workDir().toAbsolutePath(), "run-");
    List<Row> rows = new ArrayList<>();
    Consumer<Row> emit = row -> {
      rows.add(row);
      out.println("  " + format(row));
    };
    for (String name : o.databases()) {
      if (!name.equals("h2") && !name.equals("postgres")) {
        throw new IllegalArgumentException("--databases: '" + name + "' is neither postgres nor h2");
      }
    }
    BenchDatabase postgres = null;
    try {
      if (o.databases().contains("postgres") || o.only().contains("io") || o.only().contains("goal")
          || o.only().contains("footprint")) {
        postgres = BenchDatabase.postgres(work, o.durable());
      }
      if (o.only().contains("floor") || o.only().contains("footprint")) {
        for (String name : o.databases()) {
          floorComparison(o, name.equals("h2") ? BenchDatabase.h2File(work) : postgres, emit);
        }
      }
      if (o.only().contains("lag")) {
        for (String name : o.databases()) {
          lag(o, name.equals("h2") ? BenchDatabase.h2File(work) : postgres, emit);
        }
      }
      if (o.only().contains("io")) {
        io(o, postgres, emit);
      }
      if (o.only().contains("goal")) {
        goal(o, postgres, emit);
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
    out.println();
    out.println(table(rows));
    return rows;
  }

  private static void floorComparison(Options o, BenchDatabase db, Consumer<Row> emit) {
    boolean footprintHere = o.only().contains("footprint") && db.kind() == BenchDatabase.Kind.POSTGRES;
    if (o.warmup() > 0) {
      // Neither side may pay for the JIT's first compilations: on H2 they cost the floor several-fold.
      int threads = o.threads().get(0);
      Floor.warmUp(db, o.warmup(), threads, o.polling(), TIMEOUT);
      if (o.only().contains("ceiling") && o.only().contains("floor")) {
        RecordFloor.run(db, RecordFloor.Level.RECORD, o.rounds(), threads, o.polling(), TIMEOUT);
      }
      TouchbaseRuns.dueRounds(db, "warmup", o.rounds(), new TouchbaseRuns.EngineSettings(threads, o.polling()),
          b -> b.channel("sms", "dry-run"), false, TIMEOUT);
    }
    for (int i = 0; i < o.threads().size(); i++) {
      int threads = o.threads().get(i);
      String setup = String.format(Locale.ROOT, "%d threads, %d due (floor %d)", threads, o.rounds(), o.floorTasks());
      boolean last = i == o.threads().size() - 1;
      List<Pair> pairs = new ArrayList<>();
      // What the design writes per round, timed beside the same floor: at the first thread count only.
      boolean ceilingHere = i == 0 && o.only().contains("ceiling") && o.only().contains("floor");
      Map<RecordFloor.Level, List<Floor.Result>> levels = new EnumMap<>(RecordFloor.Level.class);
      for (int r = 1; r <= o.repeats(); r++) {
        Floor.Result floor = Floor.run(db, o.floorTasks(), threads, o.polling(), TIMEOUT);
        for (RecordFloor.Level level : ceilingHere ? RecordFloor.Level.values() : new RecordFloor.Level[0]) {
          levels.computeIfAbsent(level, l -> new ArrayList<>())
              .add(RecordFloor.run(db, level, o.rounds(), threads, o.polling(), TIMEOUT));
        }
        TouchbaseRuns.Result run = TouchbaseRuns.dueRounds(db, "dryrun", o.rounds(),
            new TouchbaseRuns.EngineSettings(threads, o.polling()), b -> b.channel("sms", "dry-run"),
            footprintHere && last && r == o.repeats(), TIMEOUT);
        pairs.add(new Pair(floor, run));
      }
      TouchbaseRuns.Result tb = pairs.get(pairs.size() - 1).run();
      if (o.only().contains("floor")) {
        Turns turns = new Turns(pairs.stream().mapToDouble(Pair::ratio).toArray());
        Pair middle = pairs.get(turns.middle());
        Floor.Result floor = middle.floor();
        TouchbaseRuns.Result shown = middle.run();
        String ratios = pairs.size() == 1 ? "" : " (the middle of " + pairs.size() + " pairs in turns: "
            + turns.listed() + ")";
        String detail = String.format(Locale.ROOT, "floor %,.0f exec/s; ratio %.2f%s; enrolment %,.0f/s (8 threads); %s",
            floor.executionsPerSecond(), middle.ratio(), ratios, shown.enrolmentsPerSecond(), o.warmup() > 0
                ? String.format(Locale.ROOT, "after a warm-up of %,d floor executions and %,d rounds", o.warmup(),
                    o.rounds())
                : "no warm-up (cold JIT)");
        detail += String.format(Locale.ROOT, "; CPU per round: %s; floor per execution: %s; CPU ratio %.2f",
            shown.cpu().perUnit(o.rounds()), floor.cpu().perUnit(o.floorTasks()), cpuRatio(o, floor, shown.cpu()));
        if (!shown.perRound().isEmpty()) {
          detail += "; per round: " + perUnit(shown.perRound()) + "; floor per execution: "
              + perUnit(floor.perExecution());
        }
        emit.accept(new Row("dry-run rounds vs floor", db.label(), setup, shown.roundsPerSecond(), "rounds/s", detail));
        levels.forEach((level, results) -> emit.accept(levelRow(o, db, setup, level, pairs, results)));
      }
      if (!tb.footprint().isEmpty()) {
        Map<String, Double> f = tb.footprint();
        emit.accept(new Row("footprint", db.label(), "after " + o.rounds() + " rounds",
            f.getOrDefault("tb_enrollment", 0.0), "bytes/enrollment",
            String.format(Locale.ROOT, "%,.0f bytes/touchpoint; %,.0f bytes/dispatch; %,.0f bytes/contact "
                    + "(table + indexes, as left by the run)",
                f.getOrDefault("tb_touchpoint", 0.0), f.getOrDefault("tb_dispatch", 0.0),
                f.getOrDefault("tb_contact", 0.0))));
      }
    }
  }

  /**
   * A row for one {@link RecordFloor.Level}: its executions per second, and its ratio to the floor
   * measured in the same turn, the turn with the middle ratio shown as for the rounds.
   */
  private static Row levelRow(Options o, BenchDatabase db, String setup, RecordFloor.Level level, List<Pair> pairs,
      List<Floor.Result> results) {
    double[] ratios = new double[results.size()];
    for (int t = 0; t < results.size(); t++) {
      ratios[t] = results.get(t).executionsPerSecond() / pairs.get(t).floor().executionsPerSecond();
    }
    Turns turns = new Turns(ratios);
    int middle = turns.middle();
    Floor.Result shown = results.get(middle);
    Floor.Result floor = pairs.get(middle).floor();
    String detail = String.format(Locale.ROOT, "ratio to the floor %.2f (turns: %s), that turn's floor %,.0f exec/s; "
            + "the engine's schema, stores and group commit, no decision and no send; CPU per execution: %s; "
            + "CPU ratio %.2f",
        ratios[middle], turns.listed(), floor.executionsPerSecond(), shown.cpu().perUnit(o.rounds()),
        cpuRatio(o, floor, shown.cpu()));
    if (!shown.perExecution().isEmpty()) {
      detail += "; per execution: " + perUnit(shown.perExecution());
    }
    return new Row(level.label, db.label(), setup, shown.executionsPerSecond(), "exec/s", detail);
  }

  /** Ratios to the floor, one per turn, in turn order. */
  private record Turns(double[] ratios) {
    /** The turn whose ratio is in the middle (the lower middle of an even count). */
    int middle() {
      List<Integer> byRatio = new ArrayList<>();
      for (int t = 0; t < ratios.length; t++) {
        byRatio.add(t);
      }
      byRatio.sort(Comparator.comparingDouble(t -> ratios[t]));
      return byRatio.get((byRatio.size() - 1) / 2);
    }

    /** The ratios in turn order, two decimals each. */
    String listed() {
      return Arrays.stream(ratios).mapToObj(r -> String.format(Locale.ROOT, "%.2f", r))
          .collect(Collectors.joining(", "));
    }
  }

  /** CPU per floor execution over CPU per unit of {@code spent}, {@link Options#rounds} units. */
  private static double cpuRatio(Options o, Floor.Result floor, CpuMeter.Spent spent) {
    return (floor.cpu().total() / o.floorTasks()) / (spent.total() / o.rounds());
  }

  /** A floor measurement and the Touchbase run that followed it. */
  private record Pair(Floor.Result floor, TouchbaseRuns.Result run) {
    double ratio() {
      return run.roundsPerSecond() / floor.executionsPerSecond();
    }
  }

  private static void lag(Options o, BenchDatabase db, Consumer<Row> emit) {
    int threads = o.threads().get(0);
    TouchbaseRuns.Lag l = TouchbaseRuns.schedulerLag(db, o.lagRate(), o.lagLength(),
        new TouchbaseRuns.EngineSettings(threads, o.polling()), b -> b.channel("sms", "dry-run"), TIMEOUT);
    emit.accept(new Row("scheduler lag p99 (sent - due)", db.label(), String.format(Locale.ROOT,
        "%d threads, %,d due/s for %d s", threads, o.lagRate(), o.lagLength().toSeconds()), l.p99(), "s",
        lagDetail(l)));
  }

  /** The details of a lag row; says plainly when the engine could not keep up with the due rate. */
  static String lagDetail(TouchbaseRuns.Lag l) {
    String pace = l.fallsBehind()
        ? String.format(Locale.ROOT, "falls behind: sent %,.0f/s < due %,.0f/s, so the lag grows with the run's "
            + "length", l.sentRate(), l.dueRate())
        : String.format(Locale.ROOT, "keeps up: sent %,.0f/s for %,.0f/s due", l.sentRate(), l.dueRate());
    return String.format(Locale.ROOT, "target p99 <= 2 s; p50 %.2f s, max %.2f s; lag halfway %.2f s, at the end "
        + "%.2f s; %s (second half of the sends); %,d dry-run rounds due over %.2f s, enrolled ahead at %,.0f/s "
        + "(8 threads)", l.p50(), l.max(), l.midLag(), l.endLag(), pace, l.rounds(), l.dueSeconds(),
        l.enrolmentsPerSecond());
  }

  private static void io(Options o, BenchDatabase postgres, Consumer<Row> emit) {
    try (FakeAliyunSms fake = new FakeAliyunSms(o.ioDelay())) {
      Consumer<Touchbase.Builder> channel = b -> b.channel(ChannelConfig.builder("sms")
          .provider("aliyun-sms", p -> p.setting("endpoint", fake.endpoint())
              .setting("accessKeyId", FakeAliyunSms.KEY_ID).setting("signName", "Bench")
              .setting("template." + TouchbaseRuns.NOTICE + ".code", "SMS_900001")
              .setting("template." + TouchbaseRuns.NOTICE + ".params", "name,parcel")
              // Room for every scheduler thread to be in a call at once.
              .setting("resilience.maxConcurrentCalls", String.valueOf(Math.max(64, o.ioThreads())))
              .secret("accessKeySecret", FakeAliyunSms.SECRET))
          .build());
      TouchbaseRuns.Result r = TouchbaseRuns.dueRounds(postgres, "io", o.ioRounds(),
          new TouchbaseRuns.EngineSettings(o.ioThreads(), o.polling()), channel, false, TIMEOUT);
      if (fake.badSignatures() > 0 || fake.sends() < o.ioRounds()) {
        throw new IllegalStateException("io: the fake saw " + fake.sends() + " good sends and "
            + fake.badSignatures() + " bad signatures for " + o.ioRounds() + " rounds");
      }
      emit.accept(new Row("aliyun-sms, provider answers after " + o.ioDelay().toMillis() + " ms", postgres.label(),
          o.ioThreads() + " threads, " + o.ioRounds() + " due", r.roundsPerSecond(), "rounds/s",
          String.format(Locale.ROOT, "target >= 400; %,d provider calls, ACS3 checked on each; ceiling %,.0f/s "
              + "(threads / delay)", fake.sends(), o.ioThreads() * 1000.0 / o.ioDelay().toMillis())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void goal(Options o, BenchDatabase postgres, Consumer<Row> emit) {
    TouchbaseRuns.Latency l = TouchbaseRuns.goalLatency(postgres, o.goalSamples(), o.goalBackground(),
        new TouchbaseRuns.EngineSettings(o.threads().get(0), o.polling()), b -> b.channel("sms", "dry-run"));
    emit.accept(new Row("goal latency p99", postgres.label(),
        o.threads().get(0) + " threads, " + l.samples() + " goals", l.p99(), "ms",
        String.format(Locale.ROOT, "target p99 <= 20 ms; p50 %.2f ms, max %.2f ms; p99 with a read-back of the "
            + "enrollment %.2f ms; background %,.0f rounds/s sent while sampling, %s", l.p50(), l.max(),
            l.p99WithReadBack(), l.backgroundRoundsPerSecond(),
            l.loadedThroughout() ? "rounds still due at the last goal" : "BACKGROUND RAN OUT before the last goal")));
  }

  private static String perUnit(Map<String, Double> figures) {
    return figures.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %,.1f", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** The machine line printed above the table. */
  static String machine(Options o) {
    Runtime rt = Runtime.getRuntime();
    long physical = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      physical = os.getTotalMemorySize();
    }
    return String.format(Locale.ROOT,
        "Machine: %d cores (availableProcessors), %,d MiB RAM, max heap %,d MiB, Java %s (%s), %s %s%n"
            + "PostgreSQL: embedded (zonky), %s; polling interval %s for floor and engine alike",
        rt.availableProcessors(), physical >> 20, rt.maxMemory() >> 20, System.getProperty("java.version"),
        System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"),
        o.durable() ? "fsync=on, synchronous_commit=on, full_page_writes=on (durable)"
            : "zonky defaults fsync=off, synchronous_commit=off (not durable)",
        o.polling());
  }

  static String format(Row r) {
    return String.format(Locale.ROOT, "%s | %s | %s | %,.2f %s | %s", r.benchmark(), r.database(), r.setup(),
        r.value(), r.unit(), r.detail());
  }

  /** The rows as a Markdown table. */
  static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder("| benchmark | database | setup | figure | details |\n"
        + "| --- | --- | --- | ---: | --- |\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.2f %s | %s |%n", r.benchmark(), r.database(),
          r.setup(), r.value(), r.unit(), r.detail()));
    }
    return sb.toString();
  }
}
