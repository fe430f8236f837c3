package io.touchbase.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DatabaseTest {
  private static final String PASSWORD = "s3cr3t-Pa55";

  @Test
  void defaultPathIsUnderTouchbaseData() {
    assertThat(Database.DEFAULT_H2_PATH).isEqualTo(Path.of("touchbase-data", "touchbase"));
  }

  @Test
  void factoriesCreateTheMatchingVariant() {
    assertThat(Database.h2File(Path.of("x"))).isEqualTo(new Database.H2File(Path.of("x")));
    assertThat(Database.h2InMemory("test")).isEqualTo(new Database.H2InMemory("test"));
    assertThat(Database.jdbc("jdbc:h2:mem:x", "sa", ""))
        .isEqualTo(new Database.Jdbc("jdbc:h2:mem:x", "sa", ""));
    DataSource ds = dataSource();
    assertThat(Database.dataSource(ds)).isEqualTo(new Database.External(ds));
  }

  @Test
  void componentsAreNamedWhenInvalid() {
    assertThatThrownBy(() -> Database.h2File(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("database.path must not be null");
    assertThatThrownBy(() -> Database.h2InMemory(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database.name must not be blank");
    assertThatThrownBy(() -> Database.h2InMemory("my db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("database.name must start with a letter or digit");
    assertThatThrownBy(() -> Database.jdbc(null, "u", "p"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("database.url must not be null");
    assertThatThrownBy(() -> Database.jdbc(" ", "u", "p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database.url must not be blank");
    assertThatThrownBy(() -> Database.jdbc("jdbc:h2:mem:x", null, "p"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("database.user must not be null");
    assertThatThrownBy(() -> Database.jdbc("jdbc:h2:mem:x", "u", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("database.password must not be null");
    assertThatThrownBy(() -> Database.dataSource(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("database.dataSource must not be null");
  }

  @Test
  void jdbcUrlMustStartWithJdbc() {
    assertThatThrownBy(() -> Database.jdbc("postgresql://db:5432/touchbase", "u", "p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database.url must start with 'jdbc:'");
    assertThatThrownBy(() -> Database.jdbc("JDBC:h2:mem:x", "u", "p"))
        .hasMessage("database.url must start with 'jdbc:'");
  }

  @Test
  void jdbcToStringHidesThePassword() {
    String s = Database.jdbc("jdbc:postgresql://db:5432/touchbase", "touchbase", PASSWORD).toString();
    assertThat(s)
        .isEqualTo("Jdbc{url=jdbc:postgresql://db:5432/touchbase, user=touchbase, password=██}")
        .doesNotContain(PASSWORD);
  }

  @Test
  void jdbcToStringHidesTheQueryString() {
    String s =
        Database.jdbc(
                "jdbc:postgresql://db:5432/touchbase?sslmode=require&password=" + PASSWORD,
                "touchbase",
                PASSWORD)
            .toString();
    assertThat(s)
        .contains("url=jdbc:postgresql://db:5432/touchbase?…")
        .doesNotContain(PASSWORD)
        .doesNotContain("sslmode");
  }

  private static DataSource dataSource() {
    return (DataSource)
        Proxy.newProxyInstance(
            DatabaseTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "equals":
                  return proxy == args[0];
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "toString":
                  return "TestDataSource";
                default:
                  throw new UnsupportedOperationException(method.getName());
              }
            });
  }
}
