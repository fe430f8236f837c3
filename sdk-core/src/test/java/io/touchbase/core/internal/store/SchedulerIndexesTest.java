package io.touchbase.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.core.engine.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migration 8: db-scheduler's table keeps the indexes its queries use (the key, the due time for
 * polling, the heartbeat for dead executions) and not the priority index, which Touchbase's
 * scheduler, priority off, never reads.
 */
class SchedulerIndexesTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgres", "h2"})
  void keepsOnlyTheIndexesTheSchedulerReads(String database) throws Exception {
    DataSources.Opened pool = DataSources.open(
        database.equals("postgres") ? TestDatabase.postgres() : TestDatabase.h2(), 2, "indexes");
    Migrations.migrate(pool.dataSource());
    try (Connection c = pool.dataSource().getConnection()) {
      // One row per indexed column: the key's two columns give its name twice.
      Set<String> names = new TreeSet<>();
      String table = database.equals("postgres") ? "scheduled_tasks" : "SCHEDULED_TASKS";
      try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
        while (rs.next()) {
          if (rs.getString("INDEX_NAME") != null) {
            names.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
          }
        }
      }
      assertThat(names).contains("execution_time_idx", "last_heartbeat_idx")
          .doesNotContain("priority_execution_time_idx")
          .anyMatch(n -> n.contains("pkey") || n.startsWith("primary_key"))
          .hasSize(3);
    } finally {
      pool.closeIfOwned();
    }
  }
}
