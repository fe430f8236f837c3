package io.touchbase.core.internal.store;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.ConsentStatus;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.core.internal.json.JsonCodec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Contacts, their addresses and their consent history in JDBC. Methods take the caller's
 * connection so services compose them in one transaction.
 *
 * <p>A contact merged into another no longer has a row: its id is an alias of the survivor
 * ({@code tb_contact_alias}). {@link #find} and {@link #consentHistory} follow aliases, so a reader
 * holding an absorbed id (a wake-up of an enrollment, a callback) reaches the survivor, and a consent
 * that a writer racing with the merge recorded under the absorbed id still counts.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class ContactStore {
  private final JsonCodec json;

  public ContactStore(JsonCodec json) {
    this.json = json;
  }

  /** Locks the contact row for a read-modify-write; false if there is no such contact. */
  public boolean lock(Connection c, ContactId id) throws SQLException {
    return Db.one(c, lockQuery(id)).isPresent();
  }

  /** What {@link #lock} locks, as a query to run with others ({@link Db#listAll}): a row if the contact exists. */
  public Db.Query<String> lockQuery(ContactId id) {
    return new Db.Query<>("select contact_id from tb_contact where contact_id = ? for update", rs -> rs.getString(1),
        id.value());
  }

  public void writeTagsAndAttributes(
      Connection c, ContactId id, Set<String> tags, Map<String, String> attributes, Instant now)
      throws SQLException {
    Db.update(
        c,
        "update tb_contact set tags = ?, attributes = ?, updated_at = ? where contact_id = ?",
        json.writeSet(tags), json.writeMap(attributes), now, id.value());
  }

  public Optional<String> ownerOf(Connection c, Address a) throws SQLException {
    return Db.one(
        c,
        "select contact_id from tb_contact_address where kind = ? and scope = ? and address = ?",
        rs -> rs.getString(1),
        a.kind().id(), a.scope(), a.value());
  }

  /** The contact with this id or, for an alias, the contact it was merged into. */
  public Optional<Contact> find(Connection c, ContactId id) throws SQLException {
    Optional<ContactRow> row = row(c, id.value());
    if (row.isEmpty()) {
      // Only an id without a row costs the alias look-up.
      Optional<String> survivor = aliasTarget(c, id.value());
      if (survivor.isEmpty()) {
        return Optional.empty();
      }
      id = ContactId.of(survivor.get());
      row = row(c, id.value());
      if (row.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(contact(id, row.get(), addresses(c, id.value()), consentHistory(c, id)));
  }

  /**
   * The queries that read the contact of an enrollment, its addresses and its consents, to run with
   * others ({@link Db#listAll}); {@link #contactOf} puts the contact together.
   */
  public record EnrollmentContact(
      Db.Query<Map.Entry<String, ContactRow>> row, Db.Query<Map.Entry<String, Address>> addresses,
      Db.Query<Consent> consents) {}

  /** Reads the contact of {@code enrollmentId}, as {@link #find} reads one, with the queries run together. */
  public EnrollmentContact ofEnrollment(long enrollmentId) {
    return new EnrollmentContact(
        new Db.Query<>(ENROLLMENT_CONTACT_ROW, rs -> Map.entry(rs.getString(1), ContactRow.at(rs, 2)), enrollmentId),
        new Db.Query<>(ENROLLMENT_CONTACT_ADDRESSES, rs -> Map.entry(rs.getString(1), addressAt(rs, 2)),
            enrollmentId),
        new Db.Query<>(ENROLLMENT_CONTACT_CONSENTS, rs -> consentAt(rs, 1), enrollmentId, enrollmentId));
  }

  /**
   * The contact the {@link #ofEnrollment} queries read, if it is {@code contactId}. Empty when it has
   * no row of its own (an id merged into another) or the enrollment moved to another contact between
   * the queries: {@link #find} it then.
   */
  public Optional<Contact> contactOf(Db.Results results, EnrollmentContact queries, String contactId) {
    List<Map.Entry<String, ContactRow>> rows = results.of(queries.row());
    if (rows.size() != 1 || !rows.get(0).getKey().equals(contactId)) {
      return Optional.empty();
    }
    List<Address> addresses = new ArrayList<>();
    for (Map.Entry<String, Address> a : results.of(queries.addresses())) {
      if (!a.getKey().equals(contactId)) {
        return Optional.empty();
      }
      addresses.add(a.getValue());
    }
    return Optional.of(contact(ContactId.of(contactId), rows.get(0).getValue(), addresses,
        results.of(queries.consents())));
  }

  private static Optional<ContactRow> row(Connection c, String id) throws SQLException {
    return Db.one(
        c, "select " + CONTACT_COLUMNS + " from tb_contact where contact_id = ?", rs -> ContactRow.at(rs, 1), id);
  }

  // ---- Aliases: the ids of contacts merged into another.

  /** The survivor an alias stands for; empty for an id that is no alias. */
  public Optional<String> aliasTarget(Connection c, String id) throws SQLException {
    return Db.one(c, "select contact_id from tb_contact_alias where alias_id = ?", rs -> rs.getString(1), id);
  }

  /**
   * The contact an id names: itself when it has a row, the survivor when it is an alias; empty when
   * it is neither.
   */
  public Optional<ContactId> resolve(Connection c, ContactId id) throws SQLException {
    if (Db.one(c, "select 1 from tb_contact where contact_id = ?", rs -> true, id.value()).isPresent()) {
      return Optional.of(id);
    }
    return aliasTarget(c, id.value()).map(ContactId::of);
  }

  /**
   * Resolves the id (see {@link #resolve}) and locks the contact's row for a read-modify-write. A
   * contact merged away while we waited for its lock is followed to its survivor.
   *
   * @return the contact locked; empty if the id names no contact
   */
  public Optional<ContactId> lockResolved(Connection c, ContactId id) throws SQLException {
    for (int i = 0; i < 3; i++) {
      Optional<ContactId> resolved = resolve(c, id);
      if (resolved.isEmpty() || lock(c, resolved.get())) {
        return resolved;
      }
    }
    return Optional.empty();
  }

  /** The survivors of those of {@code ids} that are aliases, by alias. */
  public Map<String, String> aliasTargets(Connection c, Collection<String> ids) throws SQLException {
    Map<String, String> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    Db.list(
        c,
        Dialect.choose(c, ALIASES_POSTGRES,
            "select alias_id, contact_id from tb_contact_alias where alias_id = any(?)"),
        rs -> out.put(rs.getString(1), rs.getString(2)), Db.varchars(c, ids));
    return out;
  }

  /** The ids merged into this contact, directly or through a chain. */
  public List<String> aliasesOf(Connection c, String contactId) throws SQLException {
    return Db.list(c, "select alias_id from tb_contact_alias where contact_id = ? order by alias_id",
        rs -> rs.getString(1), contactId);
  }

  /** The contact and its aliases: every id its rows may be stored under. */
  public List<String> withAliases(Connection c, ContactId id) throws SQLException {
    List<String> ids = new ArrayList<>();
    ids.add(id.value());
    ids.addAll(aliasesOf(c, id.value()));
    return ids;
  }

  /**
   * Records the absorbed id as an alias of the survivor and re-points the absorbed contact's own
   * aliases, so every alias leads to a contact in one step.
   */
  public void addAlias(Connection c, String absorbed, String survivor, Instant now) throws SQLException {
    Db.update(c, "update tb_contact_alias set contact_id = ? where contact_id = ?", survivor, absorbed);
    Db.update(c, "insert into tb_contact_alias (alias_id, contact_id, merged_at) values (?, ?, ?)",
        absorbed, survivor, now);
  }

  /** Locks the rows of those of {@code ids} that exist, in id order, and returns their ids. */
  public Set<String> lockExisting(Connection c, Collection<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return Set.of();
    }
    // One order for every locker, so that two calls locking overlapping contacts cannot deadlock:
    // Java's order of ids, as a merge locks its two contacts. PostgreSQL locks each row as its
    // probe finds it, in the order of the list.
    List<String> sorted = ids.stream().sorted().toList();
    return new HashSet<>(Db.list(
        c,
        Dialect.choose(c, LOCK_POSTGRES,
            "select contact_id from tb_contact where contact_id = any(?) order by contact_id for update"),
        rs -> rs.getString(1), Db.varchars(c, sorted)));
  }

  // ---- What a merge moves.

  /** Moves every address of one contact to another. */
  public int moveAddresses(Connection c, String from, String to) throws SQLException {
    return Db.update(c, "update tb_contact_address set contact_id = ? where contact_id = ?", to, from);
  }

  /** Moves one contact's consent history to another; the decisions keep their times and order. */
  public int moveConsents(Connection c, String from, String to) throws SQLException {
    return Db.update(c, "update tb_consent set contact_id = ? where contact_id = ?", to, from);
  }

  /** Deletes a contact's row (its addresses and consents have been moved). */
  public void deleteRow(Connection c, String id) throws SQLException {
    Db.update(c, "delete from tb_contact where contact_id = ?", id);
  }

  /** The columns of a contact row that {@link ContactRow#at} reads, in its order. */
  private static final String CONTACT_COLUMNS = "time_zone, locale, lifecycle_stage, attributes, tags";

  /** A contact row as stored, before its addresses and consents join it. */
  record ContactRow(String zone, String locale, String stage, String attributes, String tags) {
    static ContactRow at(ResultSet rs, int first) throws SQLException {
      return new ContactRow(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2),
          rs.getString(first + 3), rs.getString(first + 4));
    }
  }

  private Contact contact(ContactId id, ContactRow r, List<Address> addresses, List<Consent> history) {
    return new Contact(
        id,
        // Sorted here, not by the database's collation, so that every path gives the same order.
        sorted(addresses),
        json.readMap(r.attributes()),
        json.readSet(r.tags()),
        Optional.ofNullable(r.zone()).map(ZoneId::of),
        Optional.ofNullable(r.locale()).map(Locale::forLanguageTag),
        Optional.ofNullable(r.stage()),
        currentConsents(history));
  }

  /** The address in the columns kind, scope, address from {@code first} on. */
  private static Address addressAt(ResultSet rs, int first) throws SQLException {
    return new Address(AddressKind.of(rs.getString(first)), rs.getString(first + 2), rs.getString(first + 1));
  }

  /** The consent in the columns channel_type, purpose, status, changed_at, source from {@code first} on. */
  private static Consent consentAt(ResultSet rs, int first) throws SQLException {
    return new Consent(
        ChannelType.of(rs.getString(first)),
        Purpose.valueOf(rs.getString(first + 1)),
        ConsentStatus.valueOf(rs.getString(first + 2)),
        Db.instant(rs, "changed_at"),
        rs.getString(first + 4));
  }

  private List<Address> addresses(Connection c, String id) throws SQLException {
    return Db.list(
        c,
        "select kind, scope, address from tb_contact_address where contact_id = ? order by kind, scope",
        rs -> addressAt(rs, 1),
        id);
  }

  /** Appends a consent decision. */
  public void insertConsent(Connection c, ContactId id, Consent consent, Instant now) throws SQLException {
    insertConsents(c, List.of(new NewConsent(id.value(), consent)), now);
  }

  /**
   * The contact's consent decisions in the order recorded, with any still stored under one of its
   * aliases (a consent recorded by a writer that raced with the merge).
   */
  public List<Consent> consentHistory(Connection c, ContactId id) throws SQLException {
    return Db.list(c, CONSENT_HISTORY, rs -> consentAt(rs, 1), id.value(), id.value());
  }

  /**
   * The consent decisions of the contact given twice, with those under its aliases, in the order
   * recorded. Two index probes; an "or ... in (subquery)" would make PostgreSQL scan the table.
   */
  private static final String CONSENT_HISTORY =
      "select channel_type, purpose, status, changed_at, source, consent_id from tb_consent where contact_id = ?"
          + " union all select k.channel_type, k.purpose, k.status, k.changed_at, k.source, k.consent_id"
          + " from tb_contact_alias a join tb_consent k on k.contact_id = a.alias_id where a.contact_id = ?"
          + " order by 6";

  // What ofEnrollment reads, the contact being the enrollment's owner: built once, run every round.
  private static final String ENROLLMENT_OWNER = "(select contact_id from tb_enrollment where enrollment_id = ?)";
  private static final String ENROLLMENT_CONTACT_ROW =
      "select contact_id, " + CONTACT_COLUMNS + " from tb_contact where contact_id = " + ENROLLMENT_OWNER;
  private static final String ENROLLMENT_CONTACT_ADDRESSES =
      "select contact_id, kind, scope, address from tb_contact_address where contact_id = " + ENROLLMENT_OWNER;
  private static final String ENROLLMENT_CONTACT_CONSENTS = CONSENT_HISTORY.replace("?", ENROLLMENT_OWNER);

  /** The decision in force per channel type and purpose: the latest by decision time. */
  public static List<Consent> currentConsents(List<Consent> history) {
    Map<String, Consent> newest = new LinkedHashMap<>();
    for (Consent c : history) {
      String key = c.channelType().id() + "|" + c.purpose();
      Consent prev = newest.get(key);
      if (prev == null || !c.changedAt().isBefore(prev.changedAt())) {
        newest.put(key, c);
      }
    }
    return new ArrayList<>(newest.values());
  }

  // ---- Batched reads and writes: one statement per kind of row, whatever the number of contacts.
  // Lists of keys travel as one array parameter. H2 finds the rows with "= any(?)". On PostgreSQL
  // each key is probed through a lateral subquery, because "= any(?)" can cost a scan of the whole
  // table: the driver prepares a statement on the server after a few runs, and the plan the server
  // then keeps, made without the values, scans the table if it was made while the table was empty
  // or small, and keeps scanning it as the table grows, until statistics are next gathered. By a
  // non-unique key, the same happens without statistics (a fresh table being filled by an import).
  // The subquery's "offset 0" keeps the planner from flattening it into a join, which it would
  // then run as a hash join over every row of the table. Either way each call would cost as much
  // as the table is large, and an import would slow down as it went. (Planning such statements
  // for each run instead made bulk imports a quarter slower.)

  /** The survivor of each alias: one primary-key probe per id. */
  static final String ALIASES_POSTGRES =
      "select a.alias_id, a.contact_id from unnest(?) as x(id) cross join lateral"
          + " (select alias_id, contact_id from tb_contact_alias a where a.alias_id = x.id offset 0) a";

  /** Locks the contacts that exist, one primary-key probe per id, in the order of the list. */
  static final String LOCK_POSTGRES =
      "select k.contact_id from unnest(?) as x(id) cross join lateral"
          + " (select contact_id from tb_contact k where k.contact_id = x.id offset 0 for update) k";

  /** What enrolment needs of each contact: one primary-key probe per id. */
  static final String PROFILES_POSTGRES =
      "select k.contact_id, k.time_zone, k.attributes from unnest(?) as x(id) cross join lateral"
          + " (select contact_id, time_zone, attributes from tb_contact k where k.contact_id = x.id offset 0) k";

  /** The owner of each address: one primary-key probe per address. */
  static final String OWNERS_POSTGRES =
      "select x.k, x.s, x.v, a.contact_id from unnest(?, ?, ?) as x(k, s, v) cross join lateral"
          + " (select contact_id from tb_contact_address a where a.kind = x.k and a.scope = x.s"
          + " and a.address = x.v offset 0) a";

  /** The addresses of each contact: one probe of the contact index per contact. */
  static final String ADDRESSES_POSTGRES =
      "select x.id, a.kind, a.scope, a.address from unnest(?) as x(id) cross join lateral"
          + " (select kind, scope, address from tb_contact_address a where a.contact_id = x.id offset 0) a"
          + " order by x.id, a.kind, a.scope";

  /** The consent rows of each contact: one probe of the contact index per contact. */
  static final String CONSENTS_POSTGRES =
      "select x.id, k.channel_type, k.purpose, k.status, k.changed_at, k.source from unnest(?) as x(id)"
          + " cross join lateral (select consent_id, channel_type, purpose, status, changed_at, source"
          + " from tb_consent k where k.contact_id = x.id offset 0) k order by x.id, k.consent_id";

  /** What enrolment needs of a contact: its zone and its attribute names. */
  public record Profile(String contactId, Optional<ZoneId> timeZone, Set<String> attributeNames) {}

  /** The profiles of the contacts that exist among {@code ids}, by contact id. */
  public Map<String, Profile> profiles(Connection c, Collection<String> ids) throws SQLException {
    Map<String, Profile> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    for (Profile p : Db.list(
        c,
        Dialect.choose(c, PROFILES_POSTGRES,
            "select contact_id, time_zone, attributes from tb_contact where contact_id = any(?)"),
        rs -> new Profile(rs.getString(1), Optional.ofNullable(rs.getString(2)).map(ZoneId::of),
            json.readMap(rs.getString(3)).keySet()),
        Db.varchars(c, ids))) {
      out.put(p.contactId(), p);
    }
    return out;
  }

  /** The stored owners of those of {@code addresses} that have one. */
  public Map<Address, String> owners(Connection c, Collection<Address> addresses) throws SQLException {
    Map<Address, String> out = new HashMap<>();
    if (addresses.isEmpty()) {
      return out;
    }
    List<String> kinds = new ArrayList<>(addresses.size());
    List<String> scopes = new ArrayList<>(addresses.size());
    List<String> values = new ArrayList<>(addresses.size());
    for (Address a : addresses) {
      kinds.add(a.kind().id());
      scopes.add(a.scope());
      values.add(a.value());
    }
    Db.RowMapper<String> put = rs -> out.put(addressAt(rs, 1), rs.getString(4));
    Db.list(
        c,
        Dialect.choose(c,
            OWNERS_POSTGRES,
            // H2 has no lateral; it probes the primary key for each row of the join.
            "select a.kind, a.scope, a.address, a.contact_id from unnest(?, ?, ?) as x(k, s, v)"
                + " join tb_contact_address a on a.kind = x.k and a.scope = x.s and a.address = x.v"),
        put,
        Db.varchars(c, kinds), Db.varchars(c, scopes), Db.varchars(c, values));
    return out;
  }

  /** The stored addresses of each of {@code ids}, ordered by kind and scope as {@link #find} orders them. */
  public Map<String, List<Address>> addresses(Connection c, Collection<String> ids) throws SQLException {
    Map<String, List<Address>> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    Db.list(
        c,
        Dialect.choose(c,
            ADDRESSES_POSTGRES,
            "select contact_id, kind, scope, address from tb_contact_address where contact_id = any(?)"
                + " order by contact_id, kind, scope"),
        rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(addressAt(rs, 2)),
        Db.varchars(c, ids));
    return out;
  }

  /** The consent history of each of {@code ids}, oldest decision recorded first. */
  public Map<String, List<Consent>> consentHistories(Connection c, Collection<String> ids) throws SQLException {
    Map<String, List<Consent>> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    Db.list(
        c,
        Dialect.choose(c,
            CONSENTS_POSTGRES,
            "select contact_id, channel_type, purpose, status, changed_at, source from tb_consent"
                + " where contact_id = any(?) order by contact_id, consent_id"),
        rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(consentAt(rs, 2)),
        Db.varchars(c, ids));
    return out;
  }

  /** Inserts contact rows, batched; the caller knows none of them exists. */
  public void insertRows(Connection c, Collection<Contact> contacts, Instant now) throws SQLException {
    Db.insertAll(
        c,
        "tb_contact",
        "contact_id varchar, time_zone varchar, locale varchar, lifecycle_stage varchar, attributes varchar,"
            + " tags varchar, created_at timestamptz, updated_at timestamptz",
        contacts,
        k -> new Object[] {k.id().value(), zoneOf(k), localeOf(k), k.lifecycleStage().orElse(null),
            json.writeMap(k.attributes()), json.writeSet(k.tags()), now, now});
  }

  /** Overwrites contact rows with the given profiles, batched; the caller knows all of them exist. */
  public void updateRows(Connection c, Collection<Contact> contacts, Instant now) throws SQLException {
    Db.batch(
        c,
        "update tb_contact set time_zone = ?, locale = ?, lifecycle_stage = ?, attributes = ?, tags = ?,"
            + " updated_at = ? where contact_id = ?",
        contacts,
        k -> new Object[] {zoneOf(k), localeOf(k), k.lifecycleStage().orElse(null), json.writeMap(k.attributes()),
            json.writeSet(k.tags()), now, k.id().value()});
  }

  /** An address and the contact it belongs to. */
  public record OwnedAddress(Address address, String contactId) {}

  /** Deletes addresses, batched. */
  public void deleteAddresses(Connection c, Collection<Address> addresses) throws SQLException {
    Db.batch(
        c,
        "delete from tb_contact_address where kind = ? and scope = ? and address = ?",
        addresses,
        a -> new Object[] {a.kind().id(), a.scope(), a.value()});
  }

  /**
   * Inserts addresses, batched. A unique violation (an address another transaction claimed
   * meanwhile) surfaces as the driver's {@link SQLException}; see {@link Db#isUniqueViolationInBatch}.
   */
  public void insertAddresses(Connection c, Collection<OwnedAddress> addresses) throws SQLException {
    Db.insertAll(
        c,
        "tb_contact_address",
        "kind varchar, scope varchar, address varchar, contact_id varchar",
        addresses,
        o -> new Object[] {o.address().kind().id(), o.address().scope(), o.address().value(), o.contactId()});
  }

  /** A consent decision to append to a contact's history. */
  public record NewConsent(String contactId, Consent consent) {}

  /** Appends consent decisions, batched, in the given order. */
  public void insertConsents(Connection c, Collection<NewConsent> consents, Instant now) throws SQLException {
    Db.insertAll(
        c,
        "tb_consent",
        "contact_id varchar, channel_type varchar, purpose varchar, status varchar, changed_at timestamptz,"
            + " source varchar, recorded_at timestamptz",
        consents,
        n -> new Object[] {n.contactId(), n.consent().channelType().id(), n.consent().purpose().name(),
            n.consent().status().name(), stored(n.consent().changedAt()), n.consent().source(), now});
  }

  /** A decision time as the database keeps it: whole microseconds, so that reading it back changes nothing. */
  private static Instant stored(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /** The order {@link #find} gives a contact's addresses in; a contact has one address per kind and scope. */
  private static final Comparator<Address> ADDRESS_ORDER =
      Comparator.comparing((Address a) -> a.kind().id()).thenComparing(Address::scope);

  /**
   * The contact exactly as {@link #find} would read it once {@code given} is written and its
   * consent history is {@code history} (oldest first, with the decisions just appended), without
   * reading it back: what the profile columns and the consent times keep of it.
   */
  public static Contact asStored(Contact given, List<Consent> history) {
    List<Consent> kept = new ArrayList<>(history.size());
    for (Consent k : history) {
      kept.add(new Consent(k.channelType(), k.purpose(), k.status(), stored(k.changedAt()), k.source()));
    }
    return new Contact(given.id(), sorted(given.addresses()), given.attributes(), given.tags(),
        given.timeZone().map(z -> ZoneId.of(z.getId())),
        given.locale().map(l -> Locale.forLanguageTag(l.toLanguageTag())), given.lifecycleStage(),
        currentConsents(kept));
  }

  private static List<Address> sorted(List<Address> addresses) {
    List<Address> out = new ArrayList<>(addresses);
    out.sort(ADDRESS_ORDER);
    return out;
  }

  private static String zoneOf(Contact k) {
    return k.timeZone().map(ZoneId::getId).orElse(null);
  }

  private static String localeOf(Contact k) {
    return k.locale().map(Locale::toLanguageTag).orElse(null);
  }
}
