package io.touchbase.core.internal.store;

import io.touchbase.api.contact.ContactId;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.api.touchpoint.TouchpointQuery;
import io.touchbase.core.internal.json.JsonCodec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The append-only touchpoint log. There is no delete, and one update: a contact merge moves the
 * absorbed contact's touchpoints to the survivor ({@link #moveToContact}), changing nothing else.
 *
 * <p>Reads by contact take every id the contact's touchpoints may be stored under (the contact and
 * its aliases), so one appended under an absorbed id by a writer that raced with the merge is
 * still found.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class TouchpointStore {
  private static final String COLUMNS =
      "touchpoint_id, contact_id, kind, occurred_at, channel, provider, cadence_id, cadence_version,"
          + " round, enrollment_id, dispatch_id, provider_message_id, reason, event_name, attributes";

  private final JsonCodec json;

  public TouchpointStore(JsonCodec json) {
    this.json = json;
  }

  private static final String INSERT =
      "insert into tb_touchpoint (contact_id, kind, occurred_at, channel, provider, cadence_id, cadence_version,"
          + " round, enrollment_id, dispatch_id, provider_message_id, reason, event_name, attributes)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** Appends {@code t} (its id is ignored) and returns it with the id the database gave it. */
  public Touchpoint append(Connection c, Touchpoint t) throws SQLException {
    return withId(t, Db.insertReturningId(c, INSERT, params(t)));
  }

  /**
   * Appends {@code t} (its id is ignored) as {@link Db#insertLater} inserts, and gives {@code
   * stored} the touchpoint with the id the database gave it once it is written.
   */
  public void appendLater(Connection c, Touchpoint t, Consumer<Touchpoint> stored) throws SQLException {
    Db.insertLater(c, INSERT, "touchpoint_id", id -> stored.accept(withId(t, id)), params(t));
  }

  private Object[] params(Touchpoint t) {
    return new Object[] {
      t.contactId().value(),
      t.kind().name(),
      t.occurredAt(),
      t.channel().orElse(null),
      t.provider().orElse(null),
      t.cadenceId().orElse(null),
      t.cadenceVersion().isPresent() ? t.cadenceVersion().getAsInt() : Db.NullOf.INT,
      t.round().isPresent() ? t.round().getAsInt() : Db.NullOf.INT,
      t.enrollmentId().isPresent() ? t.enrollmentId().getAsLong() : Db.NullOf.BIGINT,
      t.dispatchId().orElse(null),
      t.providerMessageId().orElse(null),
      t.reason().map(TouchpointStore::clip).orElse(null),
      t.eventName().orElse(null),
      json.writeMap(t.attributes())
    };
  }

  private static String clip(String reason) {
    return reason.length() <= 512 ? reason : reason.substring(0, 509) + "...";
  }

  public static Touchpoint withId(Touchpoint t, long id) {
    return new Touchpoint(
        id, t.contactId(), t.kind(), t.occurredAt(), t.channel(), t.provider(), t.cadenceId(),
        t.cadenceVersion(), t.round(), t.enrollmentId(), t.dispatchId(), t.providerMessageId(),
        t.reason(), t.eventName(), t.attributes());
  }

  public List<Touchpoint> timeline(Connection c, ContactId id) throws SQLException {
    return timeline(c, List.of(id.value()));
  }

  /** The touchpoints stored under any of {@code contactIds}, oldest first. */
  public List<Touchpoint> timeline(Connection c, List<String> contactIds) throws SQLException {
    List<Object> params = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    String from = fromContacts(c, contactIds, params, conditions);
    return Db.list(
        c,
        "select " + COLUMNS + " from " + from + where(conditions) + " order by touchpoint_id",
        this::map,
        params.toArray());
  }

  /** Moves every touchpoint of one contact to another (a contact merge). */
  public int moveToContact(Connection c, String from, String to) throws SQLException {
    return Db.update(c, "update tb_touchpoint set contact_id = ? where contact_id = ?", to, from);
  }

  /**
   * The touchpoints of a contact and its aliases on PostgreSQL: one probe of the contact index per
   * id, as the batched reads of contacts probe theirs (see {@code ContactStore}), so that the plan
   * the server keeps for the statement never scans the table.
   */
  static final String OF_CONTACTS_POSTGRES = "unnest(?) as x(id) cross join lateral"
      + " (select * from tb_touchpoint t where t.contact_id = x.id offset 0) t";

  /**
   * What the rows of {@code contactIds} are read from (all touchpoints when empty), adding the
   * parameters and conditions that select them.
   */
  private static String fromContacts(Connection c, List<String> contactIds, List<Object> params,
      List<String> conditions) throws SQLException {
    if (contactIds.isEmpty()) {
      return "tb_touchpoint";
    }
    if (contactIds.size() == 1) {
      params.add(contactIds.get(0));
      conditions.add("contact_id = ?");
      return "tb_touchpoint";
    }
    params.add(Db.varchars(c, contactIds));
    if (Dialect.of(c) == Dialect.POSTGRESQL) {
      return OF_CONTACTS_POSTGRES;
    }
    conditions.add("contact_id = any(?)");
    return "tb_touchpoint";
  }

  private static String where(List<String> conditions) {
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  /** Whether a touchpoint of this kind already exists for the dispatch (callback duplicates). */
  public boolean exists(Connection c, String dispatchId, TouchpointKind kind) throws SQLException {
    return Db.one(
            c,
            "select 1 from tb_touchpoint where dispatch_id = ? and kind = ?",
            rs -> true,
            dispatchId,
            kind.name())
        .isPresent();
  }

  /** Whether a reply with this provider id was recorded for the contact on the channel. */
  public boolean existsReply(Connection c, String contactId, String channel, String providerMessageId)
      throws SQLException {
    return Db.one(c, "select 1 from tb_touchpoint where contact_id = ? and kind = ? and channel = ?"
            + " and provider_message_id = ?", rs -> true,
        contactId, TouchpointKind.REPLIED.name(), channel, providerMessageId).isPresent();
  }

  /** The kinds of touchpoint recorded for a dispatch. */
  public Set<TouchpointKind> kindsOf(Connection c, String dispatchId) throws SQLException {
    Set<TouchpointKind> kinds = EnumSet.noneOf(TouchpointKind.class);
    for (String k : Db.list(c, "select distinct kind from tb_touchpoint where dispatch_id = ?", rs -> rs.getString(1),
        dispatchId)) {
      kinds.add(TouchpointKind.valueOf(k));
    }
    return kinds;
  }

  public List<Touchpoint> query(Connection c, TouchpointQuery q) throws SQLException {
    return query(c, q, q.contactId().map(id -> List.of(id.value())).orElse(List.of()));
  }

  /**
   * As {@link #query(Connection, TouchpointQuery)}, with the query's contact standing for every id
   * in {@code contactIds} (the contact and its aliases); empty when the query names no contact.
   */
  public List<Touchpoint> query(Connection c, TouchpointQuery q, List<String> contactIds) throws SQLException {
    List<Object> params = new ArrayList<>();
    String fromWhere = fromWhere(c, q, contactIds, params);
    params.add(q.limit());
    return Db.list(
        c,
        "select " + COLUMNS + " from " + fromWhere + " order by touchpoint_id fetch first ? rows only",
        this::map,
        params.toArray());
  }

  public Map<TouchpointKind, Long> count(Connection c, TouchpointQuery q) throws SQLException {
    return count(c, q, q.contactId().map(id -> List.of(id.value())).orElse(List.of()));
  }

  /** As {@link #count(Connection, TouchpointQuery)}, with the contact's ids as {@link #query} takes them. */
  public Map<TouchpointKind, Long> count(Connection c, TouchpointQuery q, List<String> contactIds)
      throws SQLException {
    List<Object> params = new ArrayList<>();
    String fromWhere = fromWhere(c, q, contactIds, params);
    Map<TouchpointKind, Long> out = new EnumMap<>(TouchpointKind.class);
    for (Object[] row :
        Db.list(
            c,
            "select kind, count(*) from " + fromWhere + " group by kind",
            rs -> new Object[] {rs.getString(1), rs.getLong(2)},
            params.toArray())) {
      out.put(TouchpointKind.valueOf((String) row[0]), (Long) row[1]);
    }
    return out;
  }

  /** The source and conditions of a query: {@code tb_touchpoint where ...} or the probes of its contacts. */
  private static String fromWhere(Connection c, TouchpointQuery q, List<String> contactIds, List<Object> params)
      throws SQLException {
    List<String> conditions = new ArrayList<>();
    String from = fromContacts(c, contactIds, params, conditions);
    q.cadenceId().ifPresent(id -> {
      conditions.add("cadence_id = ?");
      params.add(id);
    });
    q.round().ifPresent(r -> {
      conditions.add("round = ?");
      params.add(r);
    });
    if (!q.kinds().isEmpty()) {
      conditions.add("kind in (" + String.join(", ", q.kinds().stream().map(k -> "?").toList()) + ")");
      q.kinds().stream().sorted().forEach(k -> params.add(k.name()));
    }
    q.from().ifPresent(f -> {
      conditions.add("occurred_at >= ?");
      params.add(f);
    });
    q.until().ifPresent(u -> {
      conditions.add("occurred_at < ?");
      params.add(u);
    });
    return from + where(conditions);
  }

  private Touchpoint map(ResultSet rs) throws SQLException {
    Integer version = Db.intOrNull(rs, "cadence_version");
    Integer round = Db.intOrNull(rs, "round");
    Long enrollment = Db.longOrNull(rs, "enrollment_id");
    return new Touchpoint(
        rs.getLong("touchpoint_id"),
        ContactId.of(rs.getString("contact_id")),
        TouchpointKind.valueOf(rs.getString("kind")),
        Db.instant(rs, "occurred_at"),
        Optional.ofNullable(rs.getString("channel")),
        Optional.ofNullable(rs.getString("provider")),
        Optional.ofNullable(rs.getString("cadence_id")),
        version == null ? OptionalInt.empty() : OptionalInt.of(version),
        round == null ? OptionalInt.empty() : OptionalInt.of(round),
        enrollment == null ? OptionalLong.empty() : OptionalLong.of(enrollment),
        Optional.ofNullable(rs.getString("dispatch_id")),
        Optional.ofNullable(rs.getString("provider_message_id")),
        Optional.ofNullable(rs.getString("reason")),
        Optional.ofNullable(rs.getString("event_name")),
        json.readMap(rs.getString("attributes")));
  }
}
