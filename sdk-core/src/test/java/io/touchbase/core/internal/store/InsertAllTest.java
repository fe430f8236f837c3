package io.touchbase.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.core.engine.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Db#insertAll}: every column type the stores use arrives as given, nulls included, on both
 * databases; on PostgreSQL the values travel as binary arrays, text cast per value.
 */
class InsertAllTest {
  private static final String TABLE = "create table t (n int not null, s varchar(64), big bigint, small int,"
      + " flag boolean, at timestamp with time zone, legacy timestamp with time zone, payload varchar(256),"
      + " label text)";
  private static final String COLUMNS = "n int4, s varchar, big int8, small int4, flag bool, at timestamptz,"
      + " legacy timestamptz, payload varchar, label text";

  private record Given(int n, String s, Long big, Integer small, Boolean flag, Instant at, Timestamp legacy,
      String payload, String label) {}

  private record Stored(int n, String s, Long big, Integer small, Boolean flag, Instant at, Instant legacy,
      String payload, String label) {}

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgres", "h2"})
  void valuesOfEveryKindArriveAsGiven(String database) throws Exception {
    DataSources.Opened pool = DataSources.open(
        database.equals("postgres") ? TestDatabase.postgres() : TestDatabase.h2(), 2, "insert-all");
    Instant now = Instant.parse("2026-03-02T02:00:00.123456Z");
    List<Given> given = new ArrayList<>();
    // Strings the array text format would have to quote or escape, and the same time in many rows.
    String[] awkward = {"plain", "with \"quotes\"", "back\\slash", "{braces}", "a,b", "NULL", "", " spaced ",
        "汉字 ✓", "line\nbreak"};
    for (int i = 0; i < Db.BATCH_ROWS + 13; i++) {
      boolean gaps = i % 7 == 3;
      given.add(new Given(i, awkward[i % awkward.length], gaps ? null : Long.MAX_VALUE - i,
          gaps ? null : -i, gaps ? null : i % 2 == 0, gaps ? null : (i % 5 == 0 ? now.plusSeconds(i) : now),
          gaps ? null : Timestamp.from(now.minusMillis(i)), gaps ? null : "{\"k\":\"v" + i + "\"}",
          gaps ? null : "label-" + i));
    }
    try (Connection c = pool.dataSource().getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute(TABLE);
      }
      Db.insertAll(c, "t", COLUMNS, given, g -> new Object[] {g.n(), g.s(), nullOr(g.big(), Db.NullOf.BIGINT),
          nullOr(g.small(), Db.NullOf.INT), g.flag(), nullOr(g.at(), Db.NullOf.TIMESTAMP), g.legacy(), g.payload(),
          g.label()});

      List<Stored> stored = Db.list(c, "select n, s, big, small, flag, at, legacy, payload, label from t order by n",
          rs -> new Stored(rs.getInt(1), rs.getString(2), (Long) rs.getObject(3), (Integer) rs.getObject(4),
              (Boolean) rs.getObject(5), Db.instant(rs, "at"), Db.instant(rs, "legacy"), rs.getString(8),
              rs.getString(9)));

      assertThat(stored).containsExactlyElementsOf(given.stream().map(g -> new Stored(g.n(), g.s(), g.big(),
          g.small(), g.flag(), g.at(), g.legacy() == null ? null : g.legacy().toInstant(), g.payload(), g.label()))
          .toList());
    } finally {
      pool.closeIfOwned();
    }
  }

  private static Object nullOr(Object value, Db.NullOf typed) {
    return value == null ? typed : value;
  }
}
