package io.touchbase.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.core.engine.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Lookups of a list of keys probe an index once per key on PostgreSQL, whatever the tables held
 * when they were planned: a plan that scans or joins every row would make each call cost as much
 * as the table is large, and an import would slow down as it filled the tables.
 *
 * <p>Two plans are checked for each lookup: the one made for the values given, on tables filled
 * and never analysed (as while an import fills them), and the generic plan the server keeps for a
 * statement the driver prepared on it, made while the tables were still empty.
 */
class KeyLookupPlanTest {
  private static final int ROWS = 20_000;
  private static DataSources.Opened pool;
  /** Holds the statements prepared while the tables were empty, and their generic plans. */
  private static Connection early;

  /** Each lookup with its parameter types, for {@code prepare}, and the index it must probe. */
  private record Lookup(String name, String sql, String types, String index) {
    /** The query with numbered parameters, as the server sees a prepared statement. */
    String numbered() {
      String out = sql;
      for (int i = 1; out.contains("?"); i++) {
        out = out.replaceFirst("\\?", "\\$" + i);
      }
      return out;
    }
  }

  private static final List<Lookup> LOOKUPS = List.of(
      new Lookup("owners", ContactStore.OWNERS_POSTGRES, "varchar[], varchar[], varchar[]", "tb_contact_address_pkey"),
      new Lookup("addresses", ContactStore.ADDRESSES_POSTGRES, "varchar[]", "tb_contact_address_contact_idx"),
      new Lookup("consents", ContactStore.CONSENTS_POSTGRES, "varchar[]", "tb_consent_contact_idx"),
      new Lookup("aliases", ContactStore.ALIASES_POSTGRES, "varchar[]", "tb_contact_alias_pkey"),
      new Lookup("lock", ContactStore.LOCK_POSTGRES, "varchar[]", "tb_contact_pkey"),
      new Lookup("profiles", ContactStore.PROFILES_POSTGRES, "varchar[]", "tb_contact_pkey"),
      new Lookup("active", EnrollmentStore.ACTIVE_OF_CONTACTS_POSTGRES, "varchar[], varchar",
          "tb_enrollment_active_uk"),
      new Lookup("latest", EnrollmentStore.LATEST_OF_CONTACTS_POSTGRES, "varchar[], varchar",
          "tb_enrollment_contact_idx"),
      new Lookup("touchpoints", "select touchpoint_id from " + TouchpointStore.OF_CONTACTS_POSTGRES, "varchar[]",
          "tb_touchpoint_contact_idx"));

  @BeforeAll
  static void fill() throws Exception {
    pool = DataSources.open(TestDatabase.postgres(), 2, "plans");
    Migrations.migrate(pool.dataSource());
    early = pool.dataSource().getConnection();
    try (Statement s = early.createStatement()) {
      // Never analysed during the test: statistics would replace the plans being checked.
      for (String table :
          List.of("tb_contact", "tb_contact_alias", "tb_contact_address", "tb_consent", "tb_enrollment",
              "tb_touchpoint")) {
        s.execute("alter table " + table + " set (autovacuum_enabled = false)");
      }
      // The generic plan, which the server keeps once the driver has prepared a statement and run
      // it a few times, here made while the tables are empty.
      s.execute("set plan_cache_mode = force_generic_plan");
      for (Lookup l : LOOKUPS) {
        s.execute("prepare " + l.name() + "(" + l.types() + ") as " + l.numbered());
        s.execute("explain execute " + l.name() + args(l));
      }
      s.execute("prepare any_profiles(varchar[]) as"
          + " select contact_id, time_zone, attributes from tb_contact where contact_id = any($1)");
      s.execute("execute any_profiles('{c1}')");
    }
    try (Connection c = pool.dataSource().getConnection(); Statement s = c.createStatement()) {
      // Filled as an import fills them, and never analysed.
      s.execute("insert into tb_contact (contact_id, attributes, tags, created_at, updated_at)"
          + " select 'c' || g, '{}', '[]', now(), now() from generate_series(1, " + ROWS + ") g");
      s.execute("insert into tb_contact_alias (alias_id, contact_id, merged_at)"
          + " select 'a' || g, 'c' || g, now() from generate_series(1, " + ROWS + ") g");
      s.execute("insert into tb_contact_address (kind, scope, address, contact_id)"
          + " select 'phone', '', '+8613800' || g, 'c' || g from generate_series(1, " + ROWS + ") g");
      s.execute("insert into tb_consent (contact_id, channel_type, purpose, status, changed_at, source, recorded_at)"
          + " select 'c' || g, 'SMS', 'MARKETING', 'OPT_IN', now(), 'import', now()"
          + " from generate_series(1, " + ROWS + ") g");
      s.execute("insert into tb_touchpoint (contact_id, kind, occurred_at, attributes)"
          + " select 'c' || (g % " + ROWS + "), 'SENT', now(), '{}' from generate_series(1, " + 2 * ROWS + ") g");
      s.execute("insert into tb_enrollment (contact_id, cadence_id, cadence_version, state, next_round, enrolled_at,"
          + " updated_at, active_contact_id) select 'c' || g, 'welcome', 1, 'ACTIVE', 1, now(), now(), 'c' || g"
          + " from generate_series(1, " + ROWS + ") g");
    }
  }

  @AfterAll
  static void close() throws Exception {
    early.close();
    pool.closeIfOwned();
  }

  @Test
  @DisplayName("planned for the keys given, on tables filled and never analysed, each lookup probes its index per key")
  void plannedForTheKeys() throws Exception {
    for (Lookup l : LOOKUPS) {
      try (Connection c = pool.dataSource().getConnection();
          PreparedStatement ps = c.prepareStatement("explain " + l.sql())) {
        List<String> keys = IntStream.rangeClosed(1, 1_000).mapToObj(i -> "c" + (i * 7)).toList();
        switch (l.name()) {
          case "owners" -> {
            ps.setArray(1, Db.varchars(c, List.of("phone")));
            ps.setArray(2, Db.varchars(c, List.of("")));
            ps.setArray(3, Db.varchars(c, keys.stream().map(k -> "+8613800" + k.substring(1)).toList()));
          }
          case "active", "latest" -> {
            ps.setArray(1, Db.varchars(c, keys));
            ps.setString(2, "welcome");
          }
          default -> ps.setArray(1, Db.varchars(c, keys));
        }
        assertProbes(l, explain(ps));
      }
    }
  }

  @Test
  @DisplayName("the generic plan kept from when the tables were empty still probes each index per key")
  void genericPlansFromEmptyTables() throws Exception {
    try (Statement s = early.createStatement()) {
      s.execute("set plan_cache_mode = force_generic_plan");
      for (Lookup l : LOOKUPS) {
        assertProbes(l, explain(s, "explain execute " + l.name() + args(l)));
      }
    }
  }

  @Test
  @DisplayName("why: the generic plan of 'key = any(?)' made on an empty table scans it once it is full")
  void anyScansOnceFull() throws Exception {
    try (Statement s = early.createStatement()) {
      s.execute("set plan_cache_mode = force_generic_plan");
      String plan = explain(s, "explain execute any_profiles('{c5}')");
      assertThat(plan).as(plan).contains("Seq Scan on tb_contact");
    }
  }

  private static String args(Lookup l) {
    return switch (l.name()) {
      case "owners" -> "('{phone}', '{\"\"}', '{+86138005}')";
      case "active", "latest" -> "('{c5}', 'welcome')";
      case "aliases" -> "('{a5}')";
      default -> "('{c5}')";
    };
  }

  private static String explain(PreparedStatement ps) throws Exception {
    try (ResultSet rs = ps.executeQuery()) {
      return lines(rs);
    }
  }

  private static String explain(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      return lines(rs);
    }
  }

  private static String lines(ResultSet rs) throws Exception {
    StringBuilder out = new StringBuilder();
    while (rs.next()) {
      out.append(rs.getString(1)).append('\n');
    }
    return out.toString();
  }

  private static void assertProbes(Lookup l, String plan) {
    String what = l.name() + ":\n" + plan;
    assertThat(plan).as(what).contains("Nested Loop").contains(l.index())
        .doesNotContain("Hash Join").doesNotContain("Merge Join").doesNotContain("Seq Scan on tb_");
    assertThat(plan.lines().filter(line -> line.contains("Function Scan on "))).as(what).hasSize(1);
  }
}
