package io.touchbase.core.internal.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Applies Touchbase's Flyway migrations: the SQL ones under {@code db/touchbase}, shared by H2 and
 * PostgreSQL, and {@link KeyColumnsBytewise}, for PostgreSQL only. Its history table is separate
 * from any the host uses.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class Migrations {
  public static final String HISTORY_TABLE = "tb_schema_history";

  private Migrations() {}

  public static void migrate(DataSource dataSource) {
    configure(dataSource).load().migrate();
  }

  /** Touchbase's Flyway configuration, for tests that stop at an earlier version. */
  static FluentConfiguration configure(DataSource dataSource) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/touchbase")
        .javaMigrations(new KeyColumnsBytewise())
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0");
  }
}
