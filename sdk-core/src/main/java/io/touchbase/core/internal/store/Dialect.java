package io.touchbase.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The databases Touchbase runs on. The schema and most statements are shared; this says where
 * they differ (polling strategy, row-lock clauses).
 *
 * <p>This class is internal and is hence not for public use.
 */
public enum Dialect {
  H2,
  POSTGRESQL;

  public static Dialect detect(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      if ("H2".equals(product)) {
        return H2;
      }
      if ("PostgreSQL".equals(product)) {
        return POSTGRESQL;
      }
      throw new io.touchbase.api.ConfigurationException(
          "database: " + product + " is not supported; use H2 or PostgreSQL");
    } catch (SQLException e) {
      throw new io.touchbase.api.ConfigurationException(
          "database: cannot connect (SQL state " + e.getSQLState() + "): " + e.getMessage(), e);
    }
  }
}
