package io.touchbase.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM and by the PostgreSQL server processes on this machine between two
 * readings. On a shared machine a rate swings from run to run with whatever else runs; the CPU a
 * unit of work costs swings far less, so comparisons of code read it. PostgreSQL's share comes from
 * {@code /proc} (Linux only; absent elsewhere) and counts every process named {@code postgres},
 * including the children the server has reaped, so run nothing else on PostgreSQL meanwhile.
 */
final class CpuMeter {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ; 100 on every Linux platform Java runs on

  private final long jvmStart;
  private final Optional<Double> postgresStart;

  private CpuMeter(boolean postgres) {
    this.jvmStart = jvmNanos();
    this.postgresStart = postgres ? postgresSeconds() : Optional.empty();
  }

  /**
   * Starts measuring now.
   *
   * @param postgres whether to count PostgreSQL's processes too (not for H2, which runs in the JVM)
   */
  static CpuMeter start(boolean postgres) {
    return new CpuMeter(postgres);
  }

  /**
   * CPU seconds since {@link #start}.
   *
   * @param jvm this JVM, every thread (the JIT and the collector too)
   * @param postgres the PostgreSQL processes; empty for H2 and where {@code /proc} cannot tell
   */
  record Spent(double jvm, Optional<Double> postgres) {
    /** JVM and PostgreSQL together, in seconds. */
    double total() {
      return jvm + postgres.orElse(0.0);
    }

    /** Microseconds of CPU per unit of work, JVM and PostgreSQL apart, e.g. {@code "JVM 41 µs + PostgreSQL 60 µs"}. */
    String perUnit(long units) {
      String jvmPart = String.format(Locale.ROOT, "JVM %.0f µs", jvm * 1e6 / units);
      return postgres.map(p -> String.format(Locale.ROOT, "%s + PostgreSQL %.0f µs = %.0f µs",
          jvmPart, p * 1e6 / units, (jvm + p) * 1e6 / units)).orElse(jvmPart);
    }
  }

  Spent spent() {
    double jvm = (jvmNanos() - jvmStart) / 1e9;
    Optional<Double> postgres = postgresStart.flatMap(start -> postgresSeconds().map(now -> now - start));
    return new Spent(jvm, postgres);
  }

  private static long jvmNanos() {
    return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
  }

  /** utime + stime + cutime + cstime of every {@code postgres} process, in seconds. */
  private static Optional<Double> postgresSeconds() {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return Optional.empty();
    }
    long ticks = 0;
    try (Stream<Path> entries = Files.list(proc)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String stat;
        try {
          stat = Files.readString(p.resolve("stat"));
        } catch (IOException gone) {
          continue; // the process ended meanwhile
        }
        // pid (comm) state ppid ...: comm may hold spaces, so fields are counted after its ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0 || !stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
          continue;
        }
        String[] f = stat.substring(close + 2).split(" ");
        // After comm: state is field 3 of stat(5), so utime (14) .. cstime (17) are f[11] .. f[14].
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(ticks / TICKS_PER_SECOND);
  }
}
