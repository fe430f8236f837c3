package io.touchbase.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.touchbase.api.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Fresh databases of one kind for each measurement: a new database in one embedded PostgreSQL
 * server, or a new H2 file. Floor and Touchbase get the same kind, server and pool settings.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class BenchDatabase implements AutoCloseable {
  /** The kinds measured. */
  enum Kind { POSTGRES, H2_FILE }

  private final Kind kind;
  private final Path workDir;
  private final boolean durable;
  private final AtomicInteger counter = new AtomicInteger();
  private EmbeddedPostgres postgres;

  /**
   * With {@code -Dbench.pg-statements=true}, the embedded PostgreSQL loads
   * {@code pg_stat_statements} and, when it stops, prints the statements that took the most server
   * time: where a benchmark's database time goes, statement by statement, with the shared buffers
   * each call touched and how often the server planned it (a statement planned at every call is not
   * running as a server-side prepared statement).
   */
  static final boolean PRINT_STATEMENTS = Boolean.getBoolean("bench.pg-statements");

  private BenchDatabase(Kind kind, Path workDir, boolean durable) {
    this.kind = kind;
    this.workDir = workDir;
    this.durable = durable;
  }

  /**
   * Starts an embedded PostgreSQL. With {@code durable}, {@code fsync}, {@code synchronous_commit}
   * and {@code full_page_writes} are on (zonky turns them off by default).
   */
  static BenchDatabase postgres(Path workDir, boolean durable) {
    BenchDatabase db = new BenchDatabase(Kind.POSTGRES, workDir, durable);
    try {
      EmbeddedPostgres.Builder b = EmbeddedPostgres.builder();
      if (durable) {
        b.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on");
      }
      if (PRINT_STATEMENTS) {
        b.setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("pg_stat_statements.track", "all")
            .setServerConfig("pg_stat_statements.track_planning", "on");
      }
      db.postgres = b.start();
      if (PRINT_STATEMENTS) {
        execute(db.postgres.getPostgresDatabase(), "create extension pg_stat_statements");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return db;
  }

  /** H2 files under {@code workDir}, one per measurement. */
  static BenchDatabase h2File(Path workDir) {
    return new BenchDatabase(Kind.H2_FILE, workDir, true);
  }

  Kind kind() {
    return kind;
  }

  /** How the table names this database. */
  String label() {
    return kind == Kind.POSTGRES
        ? (durable ? "PostgreSQL (fsync on)" : "PostgreSQL (fsync off)")
        : "H2 file";
  }

  /** A pool on a new, empty database; the caller closes it. */
  HikariDataSource fresh(String purpose, int poolSize) {
    int n = counter.incrementAndGet();
    HikariConfig config = new HikariConfig();
    config.setPoolName("bench-" + purpose + "-" + n);
    config.setMaximumPoolSize(poolSize);
    if (kind == Kind.POSTGRES) {
      String name = "bench_" + purpose.replace('-', '_') + "_" + n;
      execute(postgres.getPostgresDatabase(), "create database " + name);
      config.setJdbcUrl(postgres.getJdbcUrl("postgres", name));
      config.setUsername("postgres");
      config.setPassword("postgres");
    } else {
      Path dir = workDir.resolve("h2-" + purpose + "-" + n);
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // The same URL options as the engine's own H2 file pool.
      config.setJdbcUrl("jdbc:h2:file:" + dir.toAbsolutePath().resolve("db")
          + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=128");
      config.setUsername("sa");
      config.setPassword("");
    }
    return new HikariDataSource(config);
  }

  /**
   * A new, empty database named the way an application configures the engine, so that the
   * engine opens and tunes its own pool: a JDBC URL for PostgreSQL, a file for H2.
   */
  Database freshForEngine(String purpose) {
    int n = counter.incrementAndGet();
    if (kind == Kind.POSTGRES) {
      String name = "bench_" + purpose.replace('-', '_') + "_" + n;
      execute(postgres.getPostgresDatabase(), "create database " + name);
      return Database.jdbc(postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
    }
    return Database.h2File(workDir.resolve("h2-" + purpose + "-" + n).resolve("db"));
  }

  /** A plain connection to a database from {@link #freshForEngine}, for checks after a run. */
  static Connection connect(Database database) throws SQLException {
    if (database instanceof Database.Jdbc j) {
      return DriverManager.getConnection(j.url(), j.user(), j.password());
    }
    Database.H2File f = (Database.H2File) database;
    String url = "jdbc:h2:file:" + f.path().toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    return DriverManager.getConnection(url, "sa", "");
  }

  static void execute(DataSource ds, String sql) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("statement failed: " + sql, e);
    }
  }

  static long count(DataSource ds, String sql) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql, e);
    }
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      if (PRINT_STATEMENTS) {
        printStatements();
      }
      postgres.close();
    }
  }

  /** The 45 statements that took the most server time in all databases of this server. */
  private void printStatements() {
    String sql = "select calls, total_exec_time, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 300),"
        + " shared_blks_hit, plans, total_plan_time from pg_stat_statements order by total_exec_time desc limit 45";
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      System.out.println("PostgreSQL statements by server time (pg_stat_statements):");
      System.out.println("      calls   total ms  ms/call       rows  blocks/call    plans  plan ms  statement");
      while (r.next()) {
        long calls = r.getLong(1);
        double total = r.getDouble(2);
        System.out.printf(Locale.ROOT, "  %,9d %,10.0f %8.3f %,10d %12.1f %,8d %8.0f  %s%n", calls, total,
            total / calls, r.getLong(3), r.getLong(5) / (double) calls, r.getLong(6), r.getDouble(7), r.getString(4));
      }
    } catch (SQLException e) {
      System.out.println("pg_stat_statements could not be read: " + e.getMessage());
    }
  }
}
