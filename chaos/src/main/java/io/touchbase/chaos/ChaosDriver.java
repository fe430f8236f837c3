package io.touchbase.chaos;

import io.touchbase.api.Touchbase;
import io.touchbase.api.contact.ContactId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a chaos round trip: one embedded PostgreSQL owned here, a {@link FakeProviderMain}
 * process, three {@link InstanceMain} processes; enrols the contacts through an instance of its
 * own (which runs rounds too until it is closed), then {@code kill -9}s a random instance every
 * few seconds and restarts it, stops PostgreSQL for a while in the middle, waits until every
 * enrollment has ended, and {@linkplain Audit audits} the database against the provider's log.
 *
 * <p>{@code main} takes {@code size=small|full} and any {@link Options} field as {@code key=value}.
 */
public final class ChaosDriver {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosDriver.class);
  private static final int INSTANCES = 3;
  /** The exit status of a process killed by SIGKILL on Linux: 128 + 9. */
  private static final int SIGKILL_EXIT = 137;

  /**
   * The size of a run.
   *
   * @param enrolments contacts enrolled, each in the three-round cadence
   * @param chaosSeconds how long instances are killed, from the end of enrolment, at the least
   * @param minKills kills before the chaos ends, at the least
   * @param killEverySeconds pause between two kills
   * @param outageSeconds how long PostgreSQL is away, starting half-way through the chaos
   * @param deadlineSeconds how long to wait, after the chaos, for every enrollment to end
   * @param seed seed of the kills and of the provider's faults
   * @param faultRate share of sends the provider answers with a fault
   * @param speed speed of the {@link ChaosClock}
   * @param roundWait the wait before rounds 2 and 3, on the chaos clock
   * @param workDir where the data directory, the provider's log and the processes' logs go
   */
  public record Options(int enrolments, int chaosSeconds, int minKills, int killEverySeconds, int outageSeconds,
      int deadlineSeconds, long seed, double faultRate, int speed, Duration roundWait, Path workDir) {

    /** The size the normal test suite runs: a couple of minutes, at least five kills. */
    public static Options small(Path workDir) {
      return new Options(150, 30, 6, 3, 8, 240, 42, 0.2, 4, Duration.ofSeconds(20), workDir);
    }

    /** The size of the issue: 20,000 enrolments, three rounds, a 30-second outage. */
    public static Options full(Path workDir) {
      return new Options(20_000, 240, 10, 5, 30, 1800, 42, 0.2, 4, Duration.ofSeconds(60), workDir);
    }
  }

  /**
   * What a run did and what the audit found.
   *
   * @param audit the audit
   * @param kills instances killed with SIGKILL
   * @param outageSeconds how long PostgreSQL was away
   * @param seconds wall-clock length of the run, for the table only
   */
  public record Result(Audit audit, int kills, long outageSeconds, long seconds) {
    /** The run as a table of counts. */
    public String table() {
      Map<String, Object> rows = new LinkedHashMap<>();
      rows.put("enrolments", audit.enrollments());
      rows.put("  still active at the end", audit.unfinished());
      rows.put("rounds", audit.rounds());
      rows.put("  sent", audit.sent());
      rows.put("    of which recovered by look-up", audit.recoveredSends());
      rows.put("  suppressed", audit.suppressed());
      rows.put("  failed (with reason)", audit.failed());
      rows.put("  in doubt", audit.inDoubt());
      rows.put("    of which the provider had accepted", audit.inDoubtAccepted());
      rows.put("  without an outcome", audit.noOutcome());
      rows.put("  with more than one outcome", audit.multipleOutcomes());
      rows.put("  failed without a reason", audit.failedWithoutReason());
      rows.put("provider accepted", audit.accepted());
      rows.put("  recorded sent, never accepted", audit.sentNotAccepted());
      rows.put("  accepted, recorded failed/suppressed", audit.acceptedNotSent());
      rows.put("LOST", audit.lost());
      rows.put("DUPLICATED", audit.duplicated());
      rows.put("kills (SIGKILL)", kills);
      rows.put("outage seconds", outageSeconds);
      audit.faults().forEach((k, v) -> rows.put("provider fault " + k.toLowerCase(Locale.ROOT), v));
      rows.put("run seconds", seconds);
      StringBuilder b = new StringBuilder("| count | value |\n| --- | ---: |\n");
      rows.forEach((k, v) -> b.append("| ").append(k.replace("  ", "&nbsp;&nbsp;")).append(" | ").append(v)
          .append(" |\n"));
      return b.toString();
    }
  }

  private final Options options;
  private final Random random;
  private final List<Process> instances = new ArrayList<>();
  private final List<Process> everyChild = new ArrayList<>();
  private Process provider;
  private EmbeddedPostgres postgres;
  private int pgPort;
  private Path dataDir;

  public ChaosDriver(Options options) {
    this.options = options;
    this.random = new Random(options.seed());
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = ChaosSetup.args(args);
    Path work = Path.of(a.getOrDefault("workDir", "target/chaos-run"));
    Options o = "full".equals(a.getOrDefault("size", System.getProperty("chaos.size", "small")))
        ? Options.full(work) : Options.small(work);
    Result r = new ChaosDriver(o).run();
    System.out.println(r.table());
    System.exit(r.audit().lost() == 0 && r.audit().duplicated() == 0 ? 0 : 1);
  }

  /** Runs the whole thing and returns the audit; children and PostgreSQL are stopped on return. */
  public Result run() throws Exception {
    long started = System.nanoTime();
    Path work = options.workDir().toAbsolutePath();
    deleteRecursively(work);
    Files.createDirectories(work);
    dataDir = work.resolve("pgdata");
    Path providerLog = work.resolve("provider.log");
    Files.createFile(providerLog);
    Path logback = work.resolve("logback-child.xml");
    Files.writeString(logback, CHILD_LOGBACK, StandardCharsets.UTF_8);
    Thread cleanup = new Thread(this::stopEverything, "chaos-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      pgPort = freePort();
      startPostgres();
      String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
      int providerPort = freePort();
      // The origin a little in the past keeps the chaos clock from starting before any stored time.
      ChaosSetup setup = new ChaosSetup(jdbcUrl, "http://127.0.0.1:" + providerPort, System.currentTimeMillis(),
          options.speed(), options.roundWait());
      provider = start("fake-provider", FakeProviderMain.class, List.of("port=" + providerPort, "log=" + providerLog,
          "calm=" + work.resolve("calm"),
          "seed=" + options.seed(), "faultRate=" + options.faultRate(), "origin=" + setup.originMillis(),
          "speed=" + setup.speed()), work, logback);
      awaitPort(providerPort);

      // The schema comes with the first instance; enrol through one of our own that starts it.
      enrol(setup);
      for (int i = 0; i < INSTANCES; i++) {
        instances.add(startInstance(i, setup, work, logback));
      }

      int kills = 0;
      long outageMillis = 0;
      Thread outage = null;
      long chaosEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.chaosSeconds());
      long outageAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.chaosSeconds()) / 2;
      while (System.nanoTime() < chaosEnd || kills < options.minKills()) {
        Thread.sleep(options.killEverySeconds() * 1000L);
        if (outage == null && System.nanoTime() >= outageAt) {
          outage = new Thread(this::outage, "chaos-outage");
          outage.start();
          outageMillis = options.outageSeconds() * 1000L;
        }
        int i = random.nextInt(INSTANCES);
        awaitReady(i, work);
        Process victim = instances.get(i);
        victim.destroyForcibly();
        int exit = victim.waitFor();
        if (exit != SIGKILL_EXIT) {
          throw new IllegalStateException("instance " + i + " exited with " + exit + ", not by SIGKILL (137)");
        }
        kills++;
        LOG.info("Killed instance {} (pid {}), kill {}", i, victim.pid(), kills);
        instances.set(i, startInstance(i, setup, work, logback));
      }
      if (outage != null) {
        outage.join();
      }
      // No new faults from here on: what is left is recovery from those already dealt.
      Files.createFile(work.resolve("calm"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.deadlineSeconds());
      long active;
      while ((active = activeEnrollments(jdbcUrl)) > 0 && System.nanoTime() < deadline) {
        LOG.info("{} enrollments still active", active);
        Thread.sleep(2000);
      }
      stopChildren();
      Audit audit;
      try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
        audit = Audit.of(c, providerLog);
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      return new Result(audit, kills, outageMillis / 1000, seconds);
    } finally {
      stopEverything();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // shutting down already
      }
    }
  }

  private void enrol(ChaosSetup setup) {
    // One thread and a long polling interval: this instance is here to enrol, not to run rounds,
    // though it may run a few that enrolment itself wakes.
    try (Touchbase t = setup.builder("driver").schedulerThreads(1).pollingInterval(Duration.ofHours(1)).build()) {
      for (int i = 0; i < options.enrolments(); i++) {
        t.contacts().upsert(ChaosSetup.contact(i));
        t.cadences().enroll(ContactId.of(ChaosSetup.contactId(i)), ChaosSetup.CADENCE);
        if ((i + 1) % 1000 == 0) {
          LOG.info("Enrolled {} contacts", i + 1);
        }
      }
    }
  }

  private void outage() {
    try {
      LOG.info("Stopping PostgreSQL for {} s", options.outageSeconds());
      postgres.close();
      Thread.sleep(options.outageSeconds() * 1000L);
      startPostgres();
      LOG.info("PostgreSQL is back on port {}", pgPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(pgPort)
        .setServerConfig("max_connections", "300").start();
  }

  private Process startInstance(int i, ChaosSetup setup, Path work, Path logback) throws IOException {
    List<String> args = new ArrayList<>(setup.toArgs());
    args.add("name=instance-" + i);
    Path ready = work.resolve("instance-" + i + ".ready");
    Files.deleteIfExists(ready);
    args.add("ready=" + ready);
    return start("instance-" + i, InstanceMain.class, args, work, logback);
  }

  private synchronized Process start(String name, Class<?> main, List<String> args, Path work, Path logback)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:+UseSerialGC");
    command.add("-Dlogback.configurationFile=" + logback);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    Path log = work.resolve(name + ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    everyChild.add(p);
    return p;
  }

  /** Waits until instance {@code i} runs; a kill during its start-up would test nothing. */
  private static void awaitReady(int i, Path work) throws InterruptedException {
    Path ready = work.resolve("instance-" + i + ".ready");
    for (int n = 0; n < 1200 && !Files.exists(ready); n++) {
      Thread.sleep(100);
    }
  }

  private static long activeEnrollments(String jdbcUrl) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from tb_enrollment where state = 'ACTIVE'")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      LOG.warn("Cannot count active enrollments yet: {}", e.getMessage());
      return Long.MAX_VALUE;
    }
  }

  private synchronized void stopChildren() throws InterruptedException {
    for (Process p : everyChild) {
      p.destroy();
    }
    for (Process p : everyChild) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private synchronized void stopEverything() {
    for (Process p : everyChild) {
      p.destroyForcibly();
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        LOG.warn("Could not stop PostgreSQL: {}", e.getMessage());
      }
      postgres = null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("the fake provider did not open port " + port);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static final String CHILD_LOGBACK = """
      <configuration>
        <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <logger name="io.touchbase" level="INFO"/>
        <logger name="com.github.kagkarlsson" level="WARN"/>
        <logger name="com.zaxxer.hikari" level="WARN"/>
        <logger name="org.flywaydb" level="WARN"/>
        <root level="WARN"><appender-ref ref="OUT"/></root>
      </configuration>
      """;
}
