package io.touchbase.api;

import io.touchbase.api.internal.Checks;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * Where Touchbase keeps its state. The default is an embedded H2 file; several application
 * instances share the work through one PostgreSQL database. The same migrations serve both.
 */
public sealed interface Database
    permits Database.H2File, Database.H2InMemory, Database.Jdbc, Database.External {

  /** The default: an H2 file database under {@code ./touchbase-data/touchbase}. */
  Path DEFAULT_H2_PATH = Path.of("touchbase-data", "touchbase");

  /** An embedded H2 file database at {@code path} (H2 adds {@code .mv.db}). One JVM at a time. */
  static Database h2File(Path path) {
    return new H2File(path);
  }

  /** An in-memory H2 database that lives while Touchbase is open; for tests. */
  static Database h2InMemory(String name) {
    return new H2InMemory(name);
  }

  /** A database by JDBC URL ({@code jdbc:postgresql://...} or {@code jdbc:h2:...}), pooled. */
  static Database jdbc(String url, String user, String password) {
    return new Jdbc(url, user, password);
  }

  /** The host's own pool. Touchbase never closes it. */
  static Database dataSource(DataSource dataSource) {
    return new External(dataSource);
  }

  /** An embedded H2 file database. */
  record H2File(Path path) implements Database {
    public H2File {
      Checks.notNull(path, "database.path");
    }
  }

  /** An in-memory H2 database. */
  record H2InMemory(String name) implements Database {
    public H2InMemory {
      Checks.name(name, "database.name");
    }
  }

  /** A database by JDBC URL. {@link #toString()} hides the password. */
  record Jdbc(String url, String user, String password) implements Database {
    public Jdbc {
      Checks.notBlank(url, "database.url");
      if (!url.startsWith("jdbc:")) {
        throw new IllegalArgumentException("database.url must start with 'jdbc:'");
      }
      Checks.notNull(user, "database.user");
      Checks.notNull(password, "database.password");
    }

    /** Shows the URL up to its parameters ({@code ?} or {@code ;}) and without user info. */
    @Override
    public String toString() {
      String shown = url;
      int params = firstOf(shown, '?', ';');
      if (params >= 0) {
        shown = shown.substring(0, params) + shown.charAt(params) + "…";
      }
      int at = shown.indexOf('@');
      int scheme = shown.indexOf("//");
      if (at >= 0 && scheme >= 0 && scheme < at) {
        shown = shown.substring(0, scheme + 2) + "██" + shown.substring(at);
      }
      return "Jdbc{url=" + shown + ", user=" + user + ", password=██}";
    }

    private static int firstOf(String s, char a, char b) {
      int i = s.indexOf(a);
      int j = s.indexOf(b);
      return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
  }

  /** A DataSource owned by the host. */
  record External(DataSource dataSource) implements Database {
    public External {
      Checks.notNull(dataSource, "database.dataSource");
    }
  }
}
