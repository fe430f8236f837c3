package io.touchbase.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.Database;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link Db#listAll} against every supported database: several queries, one call, each its own rows. */
abstract class ListAllContractTest {
  private DataSources.Opened pool;
  private Db db;

  /** A new empty database of the kind under test. */
  protected abstract Database newDatabase();

  @BeforeEach
  void setUp() throws Exception {
    pool = DataSources.open(newDatabase(), 2, "list-all");
    db = new Db(pool.dataSource(), Dialect.detect(pool.dataSource()));
    try (Connection c = pool.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("create table t (id int primary key, grp int not null, note varchar(64), at timestamp with time zone)");
      s.execute("insert into t values (1, 10, 'a;b', null), (2, 10, 'it''s', timestamp with time zone"
          + " '2026-03-02 02:00:00+00'), (3, 20, null, null)");
    }
  }

  @AfterEach
  void tearDown() {
    pool.closeIfOwned();
  }

  @Test
  @DisplayName("each query gets its own rows, in its own order, parameters bound in turn")
  void eachQueryItsOwnRows() {
    Db.Query<Integer> byGroup = new Db.Query<>("select id from t where grp = ? order by id desc", rs -> rs.getInt(1), 10);
    Db.Query<String> note = new Db.Query<>("select note from t where id = ?", rs -> rs.getString(1), 2);
    Db.Query<Integer> none = new Db.Query<>("select id from t where grp = ?", rs -> rs.getInt(1), 99);
    Db.Query<String> nullNote = new Db.Query<>(
        "select coalesce(note, 'none') from t where id = ? and (? is null or note = ?)",
        rs -> rs.getString(1), 3, Db.NullOf.VARCHAR, Db.NullOf.VARCHAR);
    Db.Query<Instant> at = new Db.Query<>("select at from t where at = ?", rs -> Db.instant(rs, "at"),
        Instant.parse("2026-03-02T02:00:00Z"));
    Db.Query<Integer> nullParam = new Db.Query<>("select id from t where note is not distinct from ?",
        rs -> rs.getInt(1), (Object) null);
    Db.Query<String> semicolonInData = new Db.Query<>("select note from t where note = ?", rs -> rs.getString(1), "a;b");

    Db.Results r = db.read("list", c -> Db.listAll(c, List.of(byGroup, note, none, nullNote, at, nullParam, semicolonInData)));

    assertThat(r.of(byGroup)).containsExactly(2, 1);
    assertThat(r.of(note)).containsExactly("it's");
    assertThat(r.of(none)).isEmpty();
    assertThat(r.of(nullNote)).containsExactly("none");
    assertThat(r.of(at)).containsExactly(Instant.parse("2026-03-02T02:00:00Z"));
    assertThat(r.of(nullParam)).containsExactly(3);
    assertThat(r.of(semicolonInData)).containsExactly("a;b");
  }

  @Test
  @DisplayName("the same query text twice gives two results; a query that was not run is refused")
  void sameTextTwice() {
    Db.Query<Integer> first = new Db.Query<>("select grp from t where id = ?", rs -> rs.getInt(1), 1);
    Db.Query<Integer> second = new Db.Query<>("select grp from t where id = ?", rs -> rs.getInt(1), 3);

    Db.Results r = db.read("list", c -> Db.listAll(c, List.of(first, second)));

    assertThat(r.of(first)).containsExactly(10);
    assertThat(r.of(second)).containsExactly(20);
    Db.Query<Integer> other = new Db.Query<>("select grp from t where id = ?", rs -> rs.getInt(1), 1);
    assertThatThrownBy(() -> r.of(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not one of the queries run");
  }

  @Test
  @DisplayName("a failing query fails the call with the database's error")
  void failingQuery() {
    Db.Query<Integer> good = new Db.Query<>("select id from t where id = ?", rs -> rs.getInt(1), 1);
    Db.Query<Integer> bad = new Db.Query<>("select no_such_column from t where id = ?", rs -> rs.getInt(1), 1);

    assertThatThrownBy(() -> db.read("list", c -> Db.listAll(c, List.of(good, bad))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("list failed");
  }
}
