package io.touchbase.core.internal.store;

import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 7: on PostgreSQL, the columns that hold identifiers, addresses and states compare
 * byte by byte (collation {@code "C"}) instead of by the database's linguistic collation. Their
 * indexes are probed on every import, round and goal, and a linguistic collation such as
 * {@code en_US.UTF-8} makes each probe call {@code strcoll}: about a fifth of PostgreSQL's time
 * in a bulk import went to it. Equality is unchanged (PostgreSQL's deterministic collations break
 * ties bytewise); only the order of {@code order by} on these columns becomes bytewise, the order
 * H2 uses already. H2 has no collation to change, so it is left as it is.
 *
 * <p>Every column that another is joined or compared with is in the list, so that no comparison
 * mixes two collations and every index stays usable. The indexes on these columns are rebuilt,
 * which on a large existing database takes a while under the tables' locks.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class KeyColumnsBytewise implements JavaMigration {
  /** Table to its columns and their types, as the earlier migrations declared them. */
  static final Map<String, List<String>> COLUMNS = columns();

  private static Map<String, List<String>> columns() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("scheduled_tasks", List.of("task_name text", "task_instance text", "picked_by text"));
    m.put("tb_contact", List.of("contact_id varchar(128)"));
    m.put("tb_contact_address", List.of("kind varchar(64)", "scope varchar(128)", "address varchar(256)",
        "contact_id varchar(128)"));
    m.put("tb_contact_alias", List.of("alias_id varchar(128)", "contact_id varchar(128)"));
    m.put("tb_consent", List.of("contact_id varchar(128)", "channel_type varchar(64)", "purpose varchar(16)"));
    m.put("tb_cadence", List.of("cadence_id varchar(128)"));
    m.put("tb_enrollment", List.of("contact_id varchar(128)", "cadence_id varchar(128)", "state varchar(16)",
        "active_contact_id varchar(128)"));
    m.put("tb_dispatch", List.of("dispatch_id varchar(64)", "channel varchar(128)", "provider varchar(64)",
        "state varchar(16)", "provider_message_id varchar(256)", "to_kind varchar(64)", "to_scope varchar(128)",
        "to_value varchar(320)"));
    m.put("tb_touchpoint", List.of("contact_id varchar(128)", "kind varchar(32)", "channel varchar(128)",
        "provider varchar(64)", "cadence_id varchar(128)", "dispatch_id varchar(64)",
        "provider_message_id varchar(256)", "event_name varchar(128)"));
    m.put("tb_staff_task", List.of("kind varchar(16)", "queue varchar(128)", "channel varchar(128)",
        "contact_id varchar(128)", "cadence_id varchar(128)", "address_kind varchar(64)",
        "address_scope varchar(128)", "address varchar(256)", "state varchar(16)", "claimed_by varchar(128)"));
    m.put("tb_provider_token", List.of("token_key varchar(200)"));
    m.put("tb_send_quota", List.of("address_kind varchar(64)", "address_scope varchar(128)",
        "address varchar(256)", "quota_key varchar(128)"));
    m.put("tb_send_quota_event", List.of("address_kind varchar(64)", "address_scope varchar(128)",
        "address varchar(256)", "quota_key varchar(128)", "event_id varchar(320)"));
    return Collections.unmodifiableMap(m);
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("7");
  }

  @Override
  public String getDescription() {
    return "key columns compare bytewise";
  }

  @Override
  public Integer getChecksum() {
    return COLUMNS.toString().hashCode();
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    if (Dialect.of(context.getConnection()) != Dialect.POSTGRESQL) {
      return;
    }
    try (Statement s = context.getConnection().createStatement()) {
      for (Map.Entry<String, List<String>> table : COLUMNS.entrySet()) {
        // One statement per table, so that each of its indexes is rebuilt once.
        s.execute("alter table " + table.getKey() + " " + String.join(", ", table.getValue().stream()
            .map(column -> column.split(" ", 2))
            .map(nameType -> "alter column " + nameType[0] + " type " + nameType[1] + " collate \"C\"")
            .toList()));
      }
    }
  }
}
