package io.touchbase.benchmarks;

import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.BulkEnrollment;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Bulk import: streams generated contacts, batch by batch, through {@code contacts().upsertAll}
 * and {@code cadences().enrollAll} into each database, and prints contacts per second and the
 * JVM's peak heap use. The generator is lazy and each batch is dropped once written, so the heap
 * holds one batch whatever the number of contacts; run it with {@code -Xmx256m} to show that
 * ({@code exec:exec@bulk} does). Arguments are {@code --name=value}:
 *
 * <ul>
 *   <li>{@code --contacts=1000000} contacts to import into each database
 *   <li>{@code --warmup=100000} contacts imported first into a database of their own, untimed, so that
 *       the timed import runs compiled code as an application's would; {@code 0} measures a cold JVM
 *   <li>{@code --batch=1000} contacts per {@code upsertAll} and {@code enrollAll} call
 *   <li>{@code --threads=4} callers importing batches side by side, as a host's import job would
 *   <li>{@code --databases=postgres,h2} which databases
 *   <li>{@code --durable=true} PostgreSQL with {@code fsync} and {@code synchronous_commit} on
 *   <li>{@code --work-dir=target/bench} where H2 files go
 * </ul>
 *
 * <p>From the repository root ({@code exec.executable} satisfies the exec plugin in the modules
 * that skip it):
 *
 * <pre>{@code
 * mvn -B -pl benchmarks -am package exec:exec@bulk -DskipTests
 * mvn -B -pl benchmarks -am package exec:exec@bulk -DskipTests \
 *     -Dbulk.args="--contacts=100000 --batch=2000 --databases=postgres"
 * }</pre>
 */
public final class BulkBenchmark {
  static final String CADENCE = "bulk-welcome";

  private BulkBenchmark() {}

  /**
   * What a run does.
   *
   * @param contacts contacts imported into each database
   * @param warmup contacts imported first, untimed, into a database of their own
   * @param batch contacts per call
   * @param threads callers importing batches side by side
   * @param databases {@code postgres} and/or {@code h2}
   * @param durable PostgreSQL with durable commits
   * @param workDir where H2 files go
   */
  public record Options(
      int contacts, int warmup, int batch, int threads, List<String> databases, boolean durable, Path workDir) {

    /** Parses {@code --name=value} arguments over the defaults. */
    public static Options parse(String[] args) {
      Set<String> known = Set.of("contacts", "warmup", "batch", "threads", "databases", "durable", "work-dir");
      Map<String, String> a = BenchArguments.parse(args, known);
      Options o = new Options(
          Integer.parseInt(a.getOrDefault("contacts", "1000000")),
          Integer.parseInt(a.getOrDefault("warmup", "100000")),
          Integer.parseInt(a.getOrDefault("batch", "1000")),
          Integer.parseInt(a.getOrDefault("threads", "4")),
          Stream.of(a.getOrDefault("databases", "postgres,h2").split(",")).map(String::strip)
              .filter(s -> !s.isEmpty()).toList(),
          Boolean.parseBoolean(a.getOrDefault("durable", "true")),
          Path.of(a.getOrDefault("work-dir", "target/bench")));
      if (o.contacts() <= 0 || o.contacts() > 99_999_999) {
        throw new IllegalArgumentException("--contacts must be between 1 and 99,999,999, but was " + o.contacts());
      }
      if (o.warmup() < 0 || o.warmup() > 99_999_999) {
        throw new IllegalArgumentException("--warmup must be between 0 and 99,999,999, but was " + o.warmup());
      }
      if (o.batch() <= 0 || o.batch() > io.touchbase.api.contact.Contacts.MAX_BATCH_SIZE) {
        throw new IllegalArgumentException("--batch must be between 1 and "
            + io.touchbase.api.contact.Contacts.MAX_BATCH_SIZE + ", but was " + o.batch());
      }
      if (o.threads() < 1 || o.threads() > 64) {
        throw new IllegalArgumentException("--threads must be between 1 and 64, but was " + o.threads());
      }
      for (String d : o.databases()) {
        if (!d.equals("postgres") && !d.equals("h2")) {
          throw new IllegalArgumentException("--databases: '" + d + "' is neither postgres nor h2");
        }
      }
      return o;
    }
  }

  public static void main(String[] args) throws Exception {
    run(Options.parse(args), System.out);
    System.exit(0); // embedded servers leave non-daemon threads behind
  }

  /** Imports into each selected database, printing a line per database and the table last. */
  public static List<Row> run(Options o, PrintStream out) throws IOException {
    Runtime rt = Runtime.getRuntime();
    out.printf(Locale.ROOT, "Machine: %d cores (availableProcessors), max heap %,d MiB, Java %s (%s)%n"
            + "Bulk import: %,d contacts per database in batches of %,d, after an untimed warm-up of %,d;"
            + " PostgreSQL embedded (zonky), %s%n",
        rt.availableProcessors(), rt.maxMemory() >> 20, System.getProperty("java.version"),
        System.getProperty("java.vm.name"), o.contacts(), o.batch(), o.warmup(),
        o.durable() ? "fsync=on, synchronous_commit=on (durable)" : "fsync=off, synchronous_commit=off (not durable)");
    Files.createDirectories(o.workDir());
    Path work = Files.createTempDirectory(o.workDir().toAbsolutePath(), "bulk-");
    List<Row> rows = new ArrayList<>();
    for (String name : o.databases()) {
      try (BenchDatabase db =
          name.equals("h2") ? BenchDatabase.h2File(work) : BenchDatabase.postgres(work, o.durable())) {
        Row row = importInto(db, o);
        rows.add(row);
        out.println("  " + MacroBenchmarks.format(row));
      }
    }
    out.println();
    out.println(MacroBenchmarks.table(rows));
    return rows;
  }

  /**
   * One database: the warm-up, untimed, into a database of its own; then a fresh engine on a fresh
   * database, the whole stream, timed, and a count of what was stored.
   */
  static Row importInto(BenchDatabase db, Options o) {
    if (o.warmup() > 0) {
      Database warm = db.freshForEngine("bulk-warmup");
      try (Touchbase t = engine(warm)) {
        importStream(t, o.warmup(), o);
      }
    }
    Database database = db.freshForEngine("bulk");
    System.gc();
    try (HeapWatch heap = new HeapWatch(); Touchbase t = engine(database)) {
      CpuMeter cpu = CpuMeter.start(db.kind() == BenchDatabase.Kind.POSTGRES);
      Imported run = importStream(t, o.contacts(), o);
      CpuMeter.Spent spent = cpu.spent();
      Map<String, Long> stored = counts(database);
      for (Map.Entry<String, Long> e : stored.entrySet()) {
        if (e.getValue() != o.contacts()) {
          throw new IllegalStateException("bulk: " + e.getKey() + " holds " + e.getValue() + " rows, expected "
              + o.contacts());
        }
      }
      String warmup = o.warmup() > 0
          ? String.format(Locale.ROOT, "after an untimed warm-up of %,d contacts into a database of its own", o.warmup())
          : "cold JVM, no warm-up";
      return new Row("bulk upsertAll + enrollAll", db.label(), String.format(Locale.ROOT,
          "%,d contacts, batches of %,d, %d threads", o.contacts(), o.batch(), o.threads()), o.contacts() / run.seconds(),
          "contacts/s",
          String.format(Locale.ROOT, "target >= 20,000 on PostgreSQL; %.1f s in all, %s; CPU per contact: %s; "
                  + "per caller upsertAll %,.0f/s, enrollAll %,.0f/s; peak heap used %,d MiB of %,d MiB max; "
                  + "rows checked: %s",
              run.seconds(), warmup, spent.perUnit(o.contacts()), o.threads() * o.contacts() / run.upsertSeconds(),
              o.threads() * o.contacts() / run.enrolSeconds(), heap.peak() >> 20,
              Runtime.getRuntime().maxMemory() >> 20, stored.keySet()));
    }
  }

  /** What one stream took: wall time, and the callers' time in each call summed. */
  private record Imported(double seconds, double upsertSeconds, double enrolSeconds) {}

  /** Streams {@code contacts} generated contacts through {@code t}, {@code o.threads()} callers side by side. */
  private static Imported importStream(Touchbase t, int contacts, Options o) {
    LongAdder upsertNanos = new LongAdder();
    LongAdder enrolNanos = new LongAdder();
    LongAdder enrolled = new LongAdder();
    LongAdder skipped = new LongAdder();
    long began = System.nanoTime();
    Iterator<List<Contact>> batches = new Batches(new Generator(contacts), o.batch());
    Runnable importer = () -> {
      while (true) {
        List<Contact> batch;
        synchronized (batches) {
          if (!batches.hasNext()) {
            return;
          }
          batch = batches.next();
        }
        long a = System.nanoTime();
        t.contacts().upsertAll(batch);
        long b = System.nanoTime();
        BulkEnrollment r = t.cadences().enrollAll(CADENCE, batch.stream().map(Contact::id).toList());
        enrolNanos.add(System.nanoTime() - b);
        upsertNanos.add(b - a);
        enrolled.add(r.enrolled().size());
        skipped.add(r.skipped().size());
      }
    };
    runAll(importer, o.threads());
    double seconds = (System.nanoTime() - began) / 1e9;
    if (enrolled.sum() != contacts || skipped.sum() != 0) {
      throw new IllegalStateException("bulk: enrolled " + enrolled + " and skipped " + skipped + " of " + contacts);
    }
    return new Imported(seconds, upsertNanos.sum() / 1e9, enrolNanos.sum() / 1e9);
  }

  /** Runs {@code work} on {@code threads} threads and rethrows the first failure. */
  private static void runAll(Runnable work, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        running.add(pool.submit(work));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bulk import interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("bulk import failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  static Touchbase engine(Database database) {
    return Touchbase.builder()
        .database(database)
        .instanceName("bulk")
        .defaultZone(ZoneOffset.UTC)
        .quietHours(QuietHours.none())
        .channel("sms", "dry-run")
        .template("welcome", "Welcome, {{name}}.")
        // Due in a day: the import is measured alone, with no round running beside it.
        .cadence(CadenceDefinition.builder(CADENCE)
            .purpose(Purpose.MARKETING)
            .round(r -> r.waitFor(Duration.ofDays(1)).channel("sms").template("welcome"))
            .build())
        .build();
  }

  private static Map<String, Long> counts(Database database) {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Connection c = BenchDatabase.connect(database); Statement s = c.createStatement()) {
      for (String table :
          List.of("tb_contact", "tb_contact_address", "tb_consent", "tb_enrollment", "scheduled_tasks")) {
        try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
          r.next();
          out.put(table, r.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("bulk: counting rows failed", e);
    }
    return out;
  }

  /**
   * Contact {@code b<i>}: a mainland mobile number of its own, two attributes and an SMS marketing
   * opt-in, made when asked for and never kept.
   */
  static final class Generator implements Iterator<Contact> {
    private static final Instant CONSENTED = Instant.parse("2026-01-01T00:00:00Z");
    private final int count;
    private int next;

    Generator(int count) {
      this.count = count;
    }

    @Override
    public boolean hasNext() {
      return next < count;
    }

    @Override
    public Contact next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int i = next++;
      return Contact.builder(ContactId.of("b" + i))
          .phone(phone(i))
          .attribute("name", "Member " + i)
          .attribute("tier", i % 10 == 0 ? "gold" : "silver")
          .consent(Consent.optIn(ChannelType.SMS, Purpose.MARKETING, CONSENTED, "bulk import"))
          .build();
    }
  }

  /**
   * {@code +86138} and {@code i} in eight digits. Not {@code String.format}, which cost a twentieth
   * of the callers' time: the benchmark measures the SDK, not its own generator.
   */
  static String phone(int i) {
    String digits = Integer.toString(i);
    return "+86138" + "00000000".substring(digits.length()) + digits;
  }

  /** Groups an iterator into lists of at most {@code size}, one list at a time. */
  static final class Batches implements Iterator<List<Contact>> {
    private final Iterator<Contact> source;
    private final int size;

    Batches(Iterator<Contact> source, int size) {
      this.source = source;
      this.size = size;
    }

    @Override
    public boolean hasNext() {
      return source.hasNext();
    }

    @Override
    public List<Contact> next() {
      List<Contact> batch = new ArrayList<>(size);
      while (batch.size() < size && source.hasNext()) {
        batch.add(source.next());
      }
      if (batch.isEmpty()) {
        throw new NoSuchElementException();
      }
      return batch;
    }
  }

  /** Samples heap use every 10 ms on a daemon thread and keeps the highest value seen. */
  static final class HeapWatch implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    HeapWatch() {
      sampler = new Thread(() -> {
        while (running) {
          peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "bulk-heap-watch");
      sampler.setDaemon(true);
      sampler.start();
    }

    long peak() {
      return Math.max(peak.get(), memory.getHeapMemoryUsage().getUsed());
    }

    @Override
    public void close() {
      running = false;
    }
  }
}
