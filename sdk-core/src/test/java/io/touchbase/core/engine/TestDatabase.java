package io.touchbase.core.engine;

import io.touchbase.api.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh databases for tests: in-memory H2, or a new database in one shared embedded PostgreSQL. */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabase() {}

  public static Database h2() {
    return Database.h2InMemory("tb" + COUNTER.incrementAndGet() + "x" + System.nanoTime());
  }

  /** A new, empty PostgreSQL database; the server starts once per test JVM. */
  public static synchronized Database postgres() {
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
        EmbeddedPostgres server = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.close();
          } catch (IOException ignored) {
            // the JVM is exiting
          }
        }));
      }
      String name = "tb_" + COUNTER.incrementAndGet();
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("create database " + name);
      }
      return Database.jdbc(postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
