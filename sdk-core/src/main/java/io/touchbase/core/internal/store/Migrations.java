package io.touchbase.core.internal.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies Touchbase's Flyway migrations. Its history table is separate from any the host uses.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class Migrations {
  public static final String HISTORY_TABLE = "tb_schema_history";

  private Migrations() {}

  public static void migrate(DataSource dataSource) {
    Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/touchbase")
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
