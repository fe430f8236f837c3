package io.touchbase.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.core.engine.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL every indexed text column compares bytewise after the migrations, so that no index
 * probe pays for a linguistic collation and no comparison mixes two collations; a database made
 * before migration 7 keeps its rows and its lookups. On H2 the migration changes nothing.
 */
class KeyColumnsBytewiseTest {

  @Test
  @DisplayName("every indexed text column of Touchbase's tables has collation C on PostgreSQL")
  void indexedTextColumnsAreBytewise() throws Exception {
    DataSources.Opened pool = DataSources.open(TestDatabase.postgres(), 3, "collation");
    try (Connection c = pool.dataSource().getConnection()) {
      Migrations.migrate(pool.dataSource());
      List<String> indexed = indexedTextColumns(c);
      assertThat(indexed).as("indexed text columns").hasSizeGreaterThan(30);
      assertThat(indexed).allSatisfy(column -> assertThat(column).endsWith(" C"));
    } finally {
      pool.closeIfOwned();
    }
  }

  @Test
  @DisplayName("a database migrated to version 6 keeps its rows and finds them by key after migration 7")
  void upgradesAnExistingDatabase() throws Exception {
    DataSources.Opened pool = DataSources.open(TestDatabase.postgres(), 3, "upgrade");
    try {
      Migrations.configure(pool.dataSource()).target("6").load().migrate();
      try (Connection c = pool.dataSource().getConnection(); Statement s = c.createStatement()) {
        assertThat(indexedTextColumns(c)).anySatisfy(column -> assertThat(column).doesNotEndWith(" C"));
        s.execute("insert into tb_contact (contact_id, attributes, tags, created_at, updated_at)"
            + " values ('b', '{}', '[]', now(), now()), ('A', '{}', '[]', now(), now()), ('a', '{}', '[]', now(), now())");
        s.execute("insert into tb_contact_address values ('PHONE', '', '+8613800000000', 'a')");
      }
      Migrations.migrate(pool.dataSource());
      try (Connection c = pool.dataSource().getConnection(); Statement s = c.createStatement()) {
        assertThat(indexedTextColumns(c)).allSatisfy(column -> assertThat(column).endsWith(" C"));
        assertThat(strings(s, "select contact_id from tb_contact order by contact_id")).containsExactly("A", "a", "b");
        assertThat(strings(s, "select contact_id from tb_contact_address where kind = 'PHONE' and scope = ''"
            + " and address = '+8613800000000'")).containsExactly("a");
      }
      assertThat(applied(pool)).contains("7");
    } finally {
      pool.closeIfOwned();
    }
  }

  @Test
  @DisplayName("on H2 the migration is recorded and changes nothing")
  void leavesH2Alone() throws Exception {
    DataSources.Opened pool = DataSources.open(TestDatabase.h2(), 3, "h2");
    try {
      Migrations.migrate(pool.dataSource());
      assertThat(applied(pool)).contains("7");
      try (Connection c = pool.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("insert into tb_contact (contact_id, attributes, tags, created_at, updated_at)"
            + " values ('b', '{}', '[]', current_timestamp, current_timestamp)");
        assertThat(strings(s, "select contact_id from tb_contact")).containsExactly("b");
      }
    } finally {
      pool.closeIfOwned();
    }
  }

  /** The versions of the migrations applied. */
  private static List<String> applied(DataSources.Opened pool) {
    return Arrays.stream(Migrations.configure(pool.dataSource()).load().info().applied())
        .filter(m -> m.getVersion() != null).map(m -> m.getVersion().getVersion()).toList();
  }

  /** {@code table.column collation} for each text column in an index on a Touchbase table. */
  private static List<String> indexedTextColumns(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      return strings(s, "select distinct t.relname || '.' || a.attname || ' ' || co.collname"
          + " from pg_index i join pg_class t on t.oid = i.indrelid"
          + " join pg_attribute a on a.attrelid = t.oid and a.attnum = any(i.indkey)"
          + " join pg_collation co on co.oid = a.attcollation"
          + " where t.relnamespace = 'public'::regnamespace"
          + " and (t.relname like 'tb\\_%' or t.relname = 'scheduled_tasks')"
          + " and t.relname <> '" + Migrations.HISTORY_TABLE + "'"
          + " and a.atttypid in ('text'::regtype, 'varchar'::regtype)"
          + " order by 1");
    }
  }

  private static List<String> strings(Statement s, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
