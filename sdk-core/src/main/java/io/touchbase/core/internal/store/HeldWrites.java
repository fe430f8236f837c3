package io.touchbase.core.internal.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes of a PostgreSQL transaction held back and sent together, in one round trip, as one
 * multi-statement prepared statement. A round's record is four writes whose outcome nothing in the
 * transaction reads (the attempt, the touchpoint, the enrollment, the wake-up); sent one by one, the
 * round trips cost more than the writes.
 *
 * <p>The transaction's connection is wrapped: any use of it (preparing a statement, a savepoint, the
 * commit) first sends what is held, so statements reach the database in the order they were
 * written. A rollback, or closing the connection, drops what is held. A held write's failure, or its
 * check's, surfaces from the call that sent it, at the latest the commit, which then does not
 * happen.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class HeldWrites implements InvocationHandler {
  /** Methods that neither touch the transaction nor depend on the writes before them. */
  private static final Set<String> PASS_THROUGH =
      Set.of("getMetaData", "isClosed", "getAutoCommit", "isWrapperFor", "unwrap", "toString", "hashCode", "equals",
          "createArrayOf");

  /** Methods after which nothing held may be sent. */
  private static final Set<String> DROPPING = Set.of("rollback", "close");

  /** What a held write's outcome is checked with: its update count, or its returned row. */
  @FunctionalInterface
  interface Outcome {
    /**
     * @param count the update count
     * @param returned the row a statement with {@code returning} gave, positioned on it; else null
     */
    void accept(int count, ResultSet returned) throws SQLException;
  }

  private record Held(String sql, Object[] params, Outcome outcome) {}

  private final Connection target;
  private final List<Held> held = new ArrayList<>();

  private HeldWrites(Connection target) {
    this.target = target;
  }

  /** The connection, wrapped so that {@link #hold} can hold writes on it. */
  static Connection wrap(Connection target) {
    return (Connection) Proxy.newProxyInstance(
        HeldWrites.class.getClassLoader(), new Class<?>[] {Connection.class}, new HeldWrites(target));
  }

  /** The holder behind a connection {@link #wrap} made; empty for any other connection. */
  static Optional<HeldWrites> of(Connection c) {
    return Proxy.isProxyClass(c.getClass()) && Proxy.getInvocationHandler(c) instanceof HeldWrites h
        ? Optional.of(h)
        : Optional.empty();
  }

  /** Holds a write until the connection is next used. {@code sql} is one statement, without {@code ;}. */
  void hold(String sql, Object[] params, Outcome outcome) {
    held.add(new Held(sql, params, outcome));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (DROPPING.contains(name)) {
      held.clear();
    } else if (!PASS_THROUGH.contains(name)) {
      send();
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Sends what is held, in one round trip, and checks each outcome in order. */
  private void send() throws SQLException {
    if (held.isEmpty()) {
      return;
    }
    List<Held> batch = List.copyOf(held);
    held.clear();
    try (PreparedStatement ps = Db.prepareTogether(target, batch.stream().map(Held::sql).toList(),
        batch.stream().map(Held::params).toList())) {
      boolean isResultSet = ps.execute();
      for (Held h : batch) {
        if (isResultSet) {
          try (ResultSet rs = ps.getResultSet()) {
            if (!rs.next()) {
              throw new SQLException("no row returned by: " + h.sql());
            }
            h.outcome().accept(1, rs);
          }
        } else {
          h.outcome().accept(ps.getUpdateCount(), null);
        }
        isResultSet = ps.getMoreResults();
      }
    }
  }
}
