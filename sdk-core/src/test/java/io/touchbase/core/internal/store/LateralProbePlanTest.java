package io.touchbase.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.core.engine.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The batched reads of bulk upserts and enrolments probe an index once per key on PostgreSQL even
 * when the tables have no statistics, as while an import fills them: a plan that joins the keys
 * against every row of the table would make each call cost as much as the table is large.
 */
class LateralProbePlanTest {
  private static final int ROWS = 20_000;
  private static DataSources.Opened pool;

  @BeforeAll
  static void fill() throws Exception {
    pool = DataSources.open(TestDatabase.postgres(), 2, "plans");
    Migrations.migrate(pool.dataSource());
    try (Connection c = pool.dataSource().getConnection(); Statement s = c.createStatement()) {
      // Filled as an import fills them, and never analysed.
      s.execute("insert into tb_contact_address (kind, scope, address, contact_id)"
          + " select 'phone', '', '+8613800' || g, 'c' || g from generate_series(1, " + ROWS + ") g");
      s.execute("insert into tb_consent (contact_id, channel_type, purpose, status, changed_at, source, recorded_at)"
          + " select 'c' || g, 'SMS', 'MARKETING', 'OPT_IN', now(), 'import', now() from generate_series(1, " + ROWS + ") g");
      s.execute("insert into tb_enrollment (contact_id, cadence_id, cadence_version, state, next_round, enrolled_at,"
          + " updated_at, active_contact_id) select 'c' || g, 'welcome', 1, 'ACTIVE', 1, now(), now(), 'c' || g"
          + " from generate_series(1, " + ROWS + ") g");
    }
  }

  @AfterAll
  static void close() {
    pool.closeIfOwned();
  }

  @Test
  @DisplayName("address owners: one primary-key probe per address")
  void owners() throws Exception {
    List<String> values = keys("+8613800");
    assertProbes(ContactStore.OWNERS_POSTGRES, "tb_contact_address_pkey",
        c -> List.of(varchars(c, List.of("phone")), varchars(c, List.of("")), varchars(c, values)));
  }

  @Test
  @DisplayName("addresses of contacts: one index probe per contact")
  void addresses() throws Exception {
    assertProbes(ContactStore.ADDRESSES_POSTGRES, "tb_contact_address_contact_idx",
        c -> List.of(varchars(c, keys("c"))));
  }

  @Test
  @DisplayName("consent histories: one index probe per contact")
  void consents() throws Exception {
    assertProbes(ContactStore.CONSENTS_POSTGRES, "tb_consent_contact_idx", c -> List.of(varchars(c, keys("c"))));
  }

  @Test
  @DisplayName("active enrollments of contacts in a cadence: one probe of the unique key per contact")
  void activeEnrollments() throws Exception {
    assertProbes(EnrollmentStore.ACTIVE_OF_CONTACTS_POSTGRES, "tb_enrollment_active_uk",
        c -> List.of(varchars(c, keys("c")), "welcome"));
  }

  @Test
  @DisplayName("latest enrollments of contacts in a cadence: one index probe per contact")
  void latestEnrollments() throws Exception {
    assertProbes(EnrollmentStore.LATEST_OF_CONTACTS_POSTGRES, "tb_enrollment_contact_idx",
        c -> List.of(varchars(c, keys("c")), "welcome"));
  }

  private interface Params {
    List<Object> of(Connection c) throws Exception;
  }

  /** 1,000 keys, as one call of a bulk import asks for. */
  private static List<String> keys(String prefix) {
    return IntStream.rangeClosed(1, 1_000).mapToObj(i -> prefix + (i * 7)).toList();
  }

  private static java.sql.Array varchars(Connection c, List<String> values) throws Exception {
    return c.createArrayOf("varchar", values.toArray());
  }

  private static void assertProbes(String sql, String index, Params params) throws Exception {
    try (Connection c = pool.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("explain " + sql)) {
      List<Object> values = params.of(c);
      for (int i = 0; i < values.size(); i++) {
        ps.setObject(i + 1, values.get(i));
      }
      String plan;
      try (ResultSet rs = ps.executeQuery()) {
        StringBuilder lines = new StringBuilder();
        while (rs.next()) {
          lines.append(rs.getString(1)).append('\n');
        }
        plan = lines.toString();
      }
      assertThat(plan).as(plan).contains("Nested Loop").contains(index)
          .doesNotContain("Hash Join").doesNotContain("Merge Join").doesNotContain("Seq Scan on tb_");
      assertThat(plan.lines().filter(l -> l.contains("Function Scan on ")).collect(Collectors.toList()))
          .as(plan).hasSize(1);
    }
  }
}
