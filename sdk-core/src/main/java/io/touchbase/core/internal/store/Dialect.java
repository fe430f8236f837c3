package io.touchbase.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The databases Touchbase runs on. The schema and most statements are shared; this says where
 * they differ (polling strategy, row-lock clauses, look-ups of many keys at once).
 *
 * <p>This class is internal and is hence not for public use.
 */
public enum Dialect {
  H2,
  POSTGRESQL;

  /** The dialect of an open connection; drivers answer from memory, without a round trip. */
  public static Dialect of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    return ofProduct(product).orElseThrow(() -> new io.touchbase.api.ConfigurationException(
        "database: " + product + " is not supported; use H2 or PostgreSQL"));
  }

  private static java.util.Optional<Dialect> ofProduct(String product) {
    return switch (product) {
      case "H2" -> java.util.Optional.of(H2);
      case "PostgreSQL" -> java.util.Optional.of(POSTGRESQL);
      default -> java.util.Optional.empty();
    };
  }

  /** The statement for the connection's database: PostgreSQL's or H2's. */
  public static String choose(Connection c, String postgres, String h2) throws SQLException {
    return of(c) == POSTGRESQL ? postgres : h2;
  }

  public static Dialect detect(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return of(c);
    } catch (SQLException e) {
      throw new io.touchbase.api.ConfigurationException(
          "database: cannot connect (SQL state " + e.getSQLState() + "): " + e.getMessage(), e);
    }
  }
}
