package io.touchbase.core.internal.store;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Dispatch records in JDBC.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class DispatchStore {
  private static final String COLUMNS =
      "dispatch_id, enrollment_id, round, attempt, channel, provider, state, provider_message_id,"
          + " detail, instance_name, created_at, updated_at, to_kind, to_value, to_scope";

  /**
   * Writes an attempt; the unique key (enrollment, round, attempt) rejects a second one, at the
   * latest when the transaction commits ({@link Db#writeLater}).
   */
  public void insert(Connection c, DispatchRow d) throws SQLException {
    Db.writeLater(
        c,
        "insert into tb_dispatch (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        Db.ANY_COUNT,
        d.dispatchId(), d.enrollmentId(), d.round(), d.attempt(), d.channel(), d.provider(),
        d.state().name(), d.providerMessageId(), clip(d.detail()), d.instanceName(), d.createdAt(), d.updatedAt(),
        d.to() == null ? null : d.to().kind().id(), d.to() == null ? null : d.to().value(), d.to() == null ? null : d.to().scope());
  }

  /** Every attempt of a round, oldest first. */
  public List<DispatchRow> ofRound(Connection c, long enrollmentId, int round) throws SQLException {
    return Db.list(
        c,
        "select " + COLUMNS + " from tb_dispatch where enrollment_id = ? and round = ? order by attempt",
        DispatchStore::map,
        enrollmentId,
        round);
  }

  /**
   * Every attempt of every round of an enrollment, by round and attempt, as a query to run with
   * others ({@link Db#listAll}): an enrollment has a few, and the caller picks its round's.
   */
  public Db.Query<DispatchRow> ofEnrollmentQuery(long enrollmentId) {
    return new Db.Query<>(
        "select " + COLUMNS + " from tb_dispatch where enrollment_id = ? order by round, attempt",
        DispatchStore::map,
        enrollmentId);
  }

  public Optional<DispatchRow> find(Connection c, String dispatchId) throws SQLException {
    return Db.one(c, "select " + COLUMNS + " from tb_dispatch where dispatch_id = ?", DispatchStore::map, dispatchId);
  }

  public Optional<DispatchRow> findByProviderMessageId(Connection c, String channel, String providerMessageId)
      throws SQLException {
    return Db.one(
        c,
        "select " + COLUMNS + " from tb_dispatch where provider_message_id = ? and channel = ?"
            + " order by created_at desc fetch first 1 rows only",
        DispatchStore::map,
        providerMessageId,
        channel);
  }

  public void resolve(
      Connection c, String dispatchId, DispatchState state, String provider, String providerMessageId,
      String detail, Instant now) throws SQLException {
    Db.update(
        c,
        "update tb_dispatch set state = ?, provider = coalesce(?, provider),"
            + " provider_message_id = coalesce(?, provider_message_id), detail = ?, updated_at = ?"
            + " where dispatch_id = ?",
        state.name(), provider, providerMessageId, clip(detail), now, dispatchId);
  }

  private static String clip(String detail) {
    return detail == null || detail.length() <= 512 ? detail : detail.substring(0, 509) + "...";
  }

  private static DispatchRow map(ResultSet rs) throws SQLException {
    return new DispatchRow(
        rs.getString("dispatch_id"),
        rs.getLong("enrollment_id"),
        rs.getInt("round"),
        rs.getInt("attempt"),
        rs.getString("channel"),
        rs.getString("provider"),
        DispatchState.valueOf(rs.getString("state")),
        rs.getString("provider_message_id"),
        rs.getString("detail"),
        rs.getString("instance_name"),
        Db.instant(rs, "created_at"),
        Db.instant(rs, "updated_at"),
        address(rs.getString("to_kind"), rs.getString("to_value"), rs.getString("to_scope")));
  }

  private static Address address(String kind, String value, String scope) {
    return kind == null || value == null ? null : new Address(AddressKind.of(kind), value, scope == null ? "" : scope);
  }
}
