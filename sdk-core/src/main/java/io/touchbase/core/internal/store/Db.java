package io.touchbase.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * Transactions and small JDBC helpers over the pool. Statements are plain JDBC so the hot path
 * stays visible; every SQL failure becomes a {@link StoreException} naming the operation.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class Db {
  /** SQL state of a unique or primary key violation on both H2 and PostgreSQL. */
  public static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final Dialect dialect;

  public Db(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Work that runs on a connection and may throw {@link SQLException}. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Maps the current row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: commit on return, roll back on any exception. On
   * PostgreSQL the connection holds back {@link #writeLater} and {@link #insertLater} writes until
   * it is next used ({@link HeldWrites}).
   */
  public <T> T inTransaction(String operation, SqlWork<T> work) {
    try (Connection pooled = dataSource.getConnection()) {
      Connection c = dialect == Dialect.POSTGRESQL ? HeldWrites.wrap(pooled) : pooled;
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreException(
          operation + " failed (SQL state " + e.getSQLState() + "): " + e.getMessage(), e);
    }
  }

  /** Runs read-only {@code work} on a pooled connection in auto-commit mode. */
  public <T> T read(String operation, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(
          operation + " failed (SQL state " + e.getSQLState() + "): " + e.getMessage(), e);
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Runs an insert inside a savepoint; returns false, with the transaction still usable, when a
   * unique key rejected it. Concurrent writers are settled by the key, not by a prior read.
   */
  public static boolean insertUnlessDuplicate(Connection c, SqlWork<?> insert) throws SQLException {
    java.sql.Savepoint sp = c.setSavepoint();
    try {
      insert.run(c);
      c.releaseSavepoint(sp);
      return true;
    } catch (SQLException e) {
      if (isUniqueViolation(e)) {
        c.rollback(sp);
        return false;
      }
      throw e;
    }
  }

  public static boolean isUniqueViolation(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Binds parameters in order; {@link Instant} as {@code timestamp with time zone}, nulls typed. */
  public static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      int idx = i + 1;
      if (p instanceof Instant instant) {
        ps.setObject(idx, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      } else if (p instanceof NullOf n) {
        ps.setNull(idx, n.sqlType());
      } else if (p == null) {
        ps.setNull(idx, Types.VARCHAR);
      } else {
        ps.setObject(idx, p);
      }
    }
  }

  /** A typed null parameter for {@link #bind}. */
  public record NullOf(int sqlType) {
    public static final NullOf INT = new NullOf(Types.INTEGER);
    public static final NullOf BIGINT = new NullOf(Types.BIGINT);
    public static final NullOf TIMESTAMP = new NullOf(Types.TIMESTAMP_WITH_TIMEZONE);
    public static final NullOf VARCHAR = new NullOf(Types.VARCHAR);
  }

  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  /** Checks the update count of a write. */
  @FunctionalInterface
  public interface CountCheck {
    void check(int count) throws SQLException;
  }

  /** For a write whose update count does not matter. */
  public static final CountCheck ANY_COUNT = count -> {};

  /**
   * A write whose outcome nothing in the transaction reads: inside {@link #inTransaction} on
   * PostgreSQL it is held back and sent with the next use of the connection, at the latest the
   * commit, together with the other writes held; elsewhere it runs at once. Either way {@code check}
   * sees its update count once it has run, and what it throws fails the transaction.
   */
  public static void writeLater(Connection c, String sql, CountCheck check, Object... params) throws SQLException {
    requireOneStatement(sql);
    Optional<HeldWrites> held = HeldWrites.of(c);
    if (held.isPresent()) {
      held.get().hold(sql, params, (count, returned) -> check.check(count));
    } else {
      check.check(update(c, sql, params));
    }
  }

  /**
   * An insert whose generated identity, {@code idColumn}, nothing in the transaction needs before
   * it ends: held back as {@link #writeLater} holds writes, and {@code id} is given the identity once
   * the insert has run.
   */
  public static void insertLater(Connection c, String sql, String idColumn, LongConsumer id,
      Object... params) throws SQLException {
    requireOneStatement(sql);
    Optional<HeldWrites> held = HeldWrites.of(c);
    if (held.isPresent()) {
      held.get().hold(sql + " returning " + idColumn, params, (count, returned) -> id.accept(returned.getLong(1)));
    } else {
      id.accept(insertReturningId(c, sql, params));
    }
  }

  /** Inserts a row and returns its generated identity (the table's first column). */
  public static long insertReturningId(Connection c, String sql, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql, java.sql.Statement.RETURN_GENERATED_KEYS)) {
      bind(ps, params);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("no generated key returned");
        }
        return keys.getLong(1);
      }
    }
  }

  public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    }
  }

  public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
      }
    }
  }

  /** Runs a query built to run alone or with others ({@link #listAll}) on its own. */
  public static <T> List<T> list(Connection c, Query<T> q) throws SQLException {
    return list(c, q.sql(), q.mapper(), q.params());
  }

  /** As {@link #list(Connection, Query)}, for a query of at most one row. */
  public static <T> Optional<T> one(Connection c, Query<T> q) throws SQLException {
    return one(c, q.sql(), q.mapper(), q.params());
  }

  /**
   * A query to run with others in one round trip ({@link #listAll}).
   *
   * @param params bound as {@link #bind} binds them
   */
  public record Query<T>(String sql, RowMapper<T> mapper, Object... params) {}

  /** The rows each query of a {@link #listAll} call returned. */
  public static final class Results {
    private final Map<Query<?>, List<?>> rows = new IdentityHashMap<>();

    /** The rows {@code query} returned; it must have been one of the call's queries. */
    @SuppressWarnings("unchecked")
    public <T> List<T> of(Query<T> query) {
      List<?> found = rows.get(query);
      if (found == null) {
        throw new IllegalArgumentException("not one of the queries run: " + query.sql());
      }
      return (List<T>) found;
    }
  }

  /**
   * Runs several queries together. On PostgreSQL they go as one multi-statement prepared statement:
   * one round trip to the server, which on a busy machine costs about as much as a simple query.
   * Elsewhere (H2, in process) they run one after another. Each query sees the data as of its own
   * start, as separate statements would.
   */
  public static Results listAll(Connection c, List<Query<?>> queries) throws SQLException {
    Results out = new Results();
    if (Dialect.of(c) != Dialect.POSTGRESQL) {
      for (Query<?> q : queries) {
        out.rows.put(q, list(c, q));
      }
      return out;
    }
    try (PreparedStatement ps = prepareTogether(c, queries.stream().map(Query::sql).toList(),
        queries.stream().map(Query::params).toList())) {
      boolean isResultSet = ps.execute();
      for (Query<?> q : queries) {
        if (!isResultSet) {
          throw new SQLException("expected the rows of: " + q.sql());
        }
        List<Object> rows = new ArrayList<>();
        try (ResultSet rs = ps.getResultSet()) {
          while (rs.next()) {
            rows.add(q.mapper().map(rs));
          }
        }
        out.rows.put(q, rows);
        isResultSet = ps.getMoreResults();
      }
    }
    return out;
  }

  /**
   * Prepares statements to send together, on PostgreSQL one multi-statement prepared statement:
   * their texts joined, their parameters bound in turn. The caller executes it and walks the
   * results in order.
   */
  static PreparedStatement prepareTogether(Connection c, List<String> sqls, List<Object[]> params)
      throws SQLException {
    StringBuilder joined = new StringBuilder();
    List<Object> all = new ArrayList<>();
    for (int i = 0; i < sqls.size(); i++) {
      requireOneStatement(sqls.get(i));
      joined.append(i == 0 ? "" : ";\n").append(sqls.get(i));
      all.addAll(Arrays.asList(params.get(i)));
    }
    PreparedStatement ps = c.prepareStatement(joined.toString());
    try {
      bind(ps, all.toArray());
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  /**
   * Statements sent together are joined with {@code ;}, so each must be one statement; a {@code ;}
   * even in a literal is refused, as values travel as parameters.
   */
  private static void requireOneStatement(String sql) {
    if (sql.indexOf(';') >= 0) {
      throw new IllegalArgumentException("one statement expected, without ';': " + sql);
    }
  }

  /** Rows per {@code executeBatch}: enough to amortise round trips, few enough to keep the heap small. */
  public static final int BATCH_ROWS = 1_000;

  /** The parameters of one row of a batched statement, in order, bound as {@link #bind} does. */
  @FunctionalInterface
  public interface RowParams<T> {
    Object[] of(T item);
  }

  /**
   * Runs {@code sql} once per item as JDBC batches of {@link #BATCH_ROWS} rows on one prepared
   * statement. On PostgreSQL, {@code reWriteBatchedInserts} turns each batch of inserts into
   * multi-row statements.
   */
  public static <T> void batch(Connection c, String sql, Collection<T> items, RowParams<T> params)
      throws SQLException {
    if (items.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int pending = 0;
      for (T item : items) {
        bind(ps, params.of(item));
        ps.addBatch();
        if (++pending == BATCH_ROWS) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
  }

  /**
   * Inserts one row per item into {@code table}. {@code columns} lists each column with its
   * PostgreSQL type, e.g. {@code "contact_id varchar, created_at timestamptz"}; the parameters of
   * a row come in that order, as {@link #bind} takes them. On PostgreSQL the rows go as one array
   * per column into a single {@code insert ... select from unnest(...)} per {@link #BATCH_ROWS}
   * rows: one statement to plan and run rather than one per row, which is what makes bulk import
   * fast there. H2, in process, runs the same rows as a JDBC batch. A unique violation surfaces as
   * the driver's {@link SQLException} either way; see {@link #isUniqueViolationInBatch}.
   */
  public static <T> void insertAll(Connection c, String table, String columns, Collection<T> items,
      RowParams<T> params) throws SQLException {
    insertAll(c, table, columns, items, params, null, null);
  }

  /**
   * As {@link #insertAll(Connection, String, String, Collection, RowParams)}, returning the rows
   * inserted as {@code returning} lists their columns, in no particular order: PostgreSQL only, where
   * the rows come back with the inserts rather than from a second statement.
   */
  public static <T, R> List<R> insertAllReturning(Connection c, String table, String columns, Collection<T> items,
      RowParams<T> params, String returning, RowMapper<R> mapper) throws SQLException {
    if (Dialect.of(c) != Dialect.POSTGRESQL) {
      throw new IllegalStateException("insert ... returning of many rows is for PostgreSQL only");
    }
    requireOneStatement(returning);
    return insertAll(c, table, columns, items, params, returning, mapper);
  }

  private static <T, R> List<R> insertAll(Connection c, String table, String columns, Collection<T> items,
      RowParams<T> params, String returning, RowMapper<R> mapper) throws SQLException {
    List<R> out = new ArrayList<>();
    if (items.isEmpty()) {
      return out;
    }
    String[] specs = columns.split(",");
    String[] names = new String[specs.length];
    String[] types = new String[specs.length];
    for (int i = 0; i < specs.length; i++) {
      String[] parts = specs[i].strip().split("\\s+");
      names[i] = parts[0];
      types[i] = parts[1];
    }
    String into = "insert into " + table + " (" + String.join(", ", names) + ")";
    if (Dialect.of(c) != Dialect.POSTGRESQL) {
      batch(c, into + " values (" + "?, ".repeat(names.length - 1) + "?)", items, params);
      return out;
    }
    ArrayColumn[] wire = new ArrayColumn[types.length];
    StringBuilder select = new StringBuilder(" select ");
    StringBuilder unnest = new StringBuilder(" from unnest(");
    StringBuilder aliases = new StringBuilder(") as x(");
    for (int i = 0; i < types.length; i++) {
      wire[i] = ArrayColumn.of(types[i]);
      String sep = i == 0 ? "" : ", ";
      select.append(sep).append("x.c").append(i).append(wire[i].cast(types[i]));
      unnest.append(sep).append("?::").append(wire[i].arrayType).append("[]");
      aliases.append(sep).append("c").append(i);
    }
    String sql = into + select + unnest + aliases + ")" + (returning == null ? "" : " returning " + returning);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      List<T> chunk = new ArrayList<>(Math.min(items.size(), BATCH_ROWS));
      for (T item : items) {
        chunk.add(item);
        if (chunk.size() == BATCH_ROWS) {
          insertChunk(c, ps, wire, chunk, params, mapper, out);
          chunk.clear();
        }
      }
      if (!chunk.isEmpty()) {
        insertChunk(c, ps, wire, chunk, params, mapper, out);
      }
    }
    return out;
  }

  /**
   * How one column's values travel to {@code unnest}: as an array the driver sends in binary, so
   * that neither side writes or parses PostgreSQL's array text. Numbers and booleans go as arrays of
   * their own type; everything else as {@code varchar[]}, its text form cast to the column's type
   * per value in the select list.
   */
  private enum ArrayColumn {
    INT8("int8"),
    INT4("int4"),
    BOOL("bool"),
    TEXT("varchar");

    final String arrayType;

    ArrayColumn(String arrayType) {
      this.arrayType = arrayType;
    }

    static ArrayColumn of(String columnType) {
      return switch (columnType.toLowerCase(Locale.ROOT)) {
        case "int8", "bigint" -> INT8;
        case "int4", "int", "integer" -> INT4;
        case "bool", "boolean" -> BOOL;
        default -> TEXT;
      };
    }

    /** What the select list adds to the value to give it the column's type. */
    String cast(String columnType) {
      return this != TEXT || columnType.equalsIgnoreCase("varchar") || columnType.equalsIgnoreCase("text")
          ? "" : "::" + columnType;
    }

    Object[] newArray(int size) {
      return switch (this) {
        case INT8 -> new Long[size];
        case INT4 -> new Integer[size];
        case BOOL -> new Boolean[size];
        case TEXT -> new String[size];
      };
    }

    /**
     * One value as this column's array holds it. {@code previousValue} and {@code previousElement}
     * are the row before's value and element: an equal value reuses the element.
     */
    Object element(Object value, Object previousValue, Object previousElement) {
      if (value == null || value instanceof NullOf) {
        return null;
      }
      return switch (this) {
        case INT8 -> ((Number) value).longValue();
        case INT4 -> ((Number) value).intValue();
        case BOOL -> (Boolean) value;
        // Many rows of a batch carry the same time (the call's "now"): format it once.
        case TEXT -> value instanceof String string ? string
            : value.equals(previousValue) ? previousElement : text(value);
      };
    }

    private static String text(Object value) {
      if (value instanceof Instant instant) {
        return instant.toString();
      }
      if (value instanceof Timestamp t) {
        return t.toInstant().toString();
      }
      return value.toString();
    }
  }

  private static <T, R> void insertChunk(Connection c, PreparedStatement ps, ArrayColumn[] wire, List<T> rows,
      RowParams<T> params, RowMapper<R> mapper, List<R> out) throws SQLException {
    Object[][] values = new Object[wire.length][];
    for (int col = 0; col < wire.length; col++) {
      values[col] = wire[col].newArray(rows.size());
    }
    Object[] previous = new Object[wire.length];
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = params.of(rows.get(r));
      if (row.length != wire.length) {
        throw new IllegalArgumentException("a row has " + row.length + " values for " + wire.length + " columns");
      }
      for (int col = 0; col < row.length; col++) {
        values[col][r] = wire[col].element(row[col], previous[col], r == 0 ? null : values[col][r - 1]);
        previous[col] = row[col];
      }
    }
    for (int col = 0; col < wire.length; col++) {
      ps.setArray(col + 1, c.createArrayOf(wire[col].arrayType, values[col]));
    }
    if (mapper == null) {
      ps.executeUpdate();
      return;
    }
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
    }
  }

  /**
   * A {@code varchar} array parameter for {@code column = any(?)} and {@code unnest(?)}, which run
   * unchanged on H2 and PostgreSQL and keep one statement text whatever the number of values.
   */
  public static java.sql.Array varchars(Connection c, Collection<String> values) throws SQLException {
    // A String[] goes in binary; an Object[] would be written and parsed as array text.
    return c.createArrayOf("varchar", values.toArray(new String[0]));
  }

  /**
   * Whether a unique key rejected a statement or a batch: drivers report a batch's failure as a
   * {@link java.sql.BatchUpdateException} that carries the violation as its next exception or cause.
   */
  public static boolean isUniqueViolationInBatch(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && isUniqueViolation(s)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  public static Integer intOrNull(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  public static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /** The scheduler table stores instants the way db-scheduler writes them, as plain timestamps. */
  public static Timestamp schedulerTimestamp(Instant instant) {
    return Timestamp.from(instant);
  }
}
