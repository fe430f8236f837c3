package io.touchbase.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.touchbase.api.ConfigurationException;
import io.touchbase.api.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * Turns a {@link Database} choice into a pooled {@link DataSource}.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class DataSources {
  private DataSources() {}

  /** A pool the engine owns and closes, or the host's own pool, which it never closes. */
  public record Opened(DataSource dataSource, boolean owned) {
    public void closeIfOwned() {
      if (owned && dataSource instanceof HikariDataSource h) {
        h.close();
      }
    }
  }

  public static Opened open(Database database, int poolSize, String poolName) {
    if (database instanceof Database.External e) {
      return new Opened(e.dataSource(), false);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setMaximumPoolSize(poolSize);
    if (database instanceof Database.H2File f) {
      Path path = f.path().toAbsolutePath();
      try {
        if (path.getParent() != null) {
          Files.createDirectories(path.getParent());
        }
      } catch (IOException e) {
        throw new ConfigurationException(
            "database.path: cannot create directory " + path.getParent() + ": " + e.getMessage(), e);
      }
      // DB_CLOSE_ON_EXIT=FALSE: the engine closes the pool itself, in order, on close().
      config.setJdbcUrl("jdbc:h2:file:" + path + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=128");
      config.setUsername("sa");
      config.setPassword("");
    } else if (database instanceof Database.H2InMemory m) {
      // DB_CLOSE_DELAY=-1 keeps the database while the pool is open, even with no connection.
      config.setJdbcUrl("jdbc:h2:mem:" + m.name() + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=128");
      config.setUsername("sa");
      config.setPassword("");
    } else if (database instanceof Database.Jdbc j) {
      config.setJdbcUrl(j.url());
      config.setUsername(j.user());
      config.setPassword(j.password());
      if (j.url().startsWith("jdbc:postgresql:") && !j.url().contains("reWriteBatchedInserts")) {
        // Batched inserts (bulk import) go out as multi-row inserts, several times fewer round
        // trips; the URL's own setting wins.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
      }
    }
    try {
      return new Opened(new HikariDataSource(config), true);
    } catch (RuntimeException e) {
      throw new ConfigurationException("database: cannot open " + database + ": " + e.getMessage(), e);
    }
  }
}
