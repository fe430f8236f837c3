package io.touchbase.core.internal.store;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressConflictException;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.ConsentStatus;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.core.internal.json.JsonCodec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
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
 * <p>This class is internal and is hence not for public use.
 */
public final class ContactStore {
  private final JsonCodec json;

  public ContactStore(JsonCodec json) {
    this.json = json;
  }

  /** Writes the contact's row and addresses; the caller records consent changes. */
  public void upsert(Connection c, Contact contact, Instant now) throws SQLException {
    String id = contact.id().value();
    for (Address a : contact.addresses()) {
      Optional<String> owner = ownerOf(c, a);
      if (owner.isPresent() && !owner.get().equals(id)) {
        throw new AddressConflictException(contact.id(), ContactId.of(owner.get()), a);
      }
    }
    Object zone = contact.timeZone().map(ZoneId::getId).orElse(null);
    Object locale = contact.locale().map(Locale::toLanguageTag).orElse(null);
    Object stage = contact.lifecycleStage().orElse(null);
    String attributes = json.writeMap(contact.attributes());
    String tags = json.writeSet(contact.tags());
    int updated =
        Db.update(
            c,
            "update tb_contact set time_zone = ?, locale = ?, lifecycle_stage = ?, attributes = ?,"
                + " tags = ?, updated_at = ? where contact_id = ?",
            zone, locale, stage, attributes, tags, now, id);
    if (updated == 0) {
      Db.update(
          c,
          "insert into tb_contact (contact_id, time_zone, locale, lifecycle_stage, attributes, tags,"
              + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
          id, zone, locale, stage, attributes, tags, now, now);
    }
    List<Address> current = addresses(c, id);
    for (Address old : current) {
      if (!contact.addresses().contains(old)) {
        Db.update(
            c,
            "delete from tb_contact_address where kind = ? and scope = ? and address = ?",
            old.kind().id(), old.scope(), old.value());
      }
    }
    for (Address a : contact.addresses()) {
      if (!current.contains(a)) {
        try {
          Db.update(
              c,
              "insert into tb_contact_address (kind, scope, address, contact_id) values (?, ?, ?, ?)",
              a.kind().id(), a.scope(), a.value(), id);
        } catch (SQLException e) {
          if (Db.isUniqueViolation(e)) {
            // Another transaction claimed the address between our check and insert.
            throw new AddressConflictException(
                contact.id(), ContactId.of(ownerOf(c, a).orElse("?")), a);
          }
          throw e;
        }
      }
    }
  }

  /** Locks the contact row for a read-modify-write; false if there is no such contact. */
  public boolean lock(Connection c, ContactId id) throws SQLException {
    return Db.one(c, "select contact_id from tb_contact where contact_id = ? for update", rs -> true, id.value())
        .isPresent();
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

  public Optional<Contact> find(Connection c, ContactId id) throws SQLException {
    record Row(String zone, String locale, String stage, String attributes, String tags) {}
    Optional<Row> row =
        Db.one(
            c,
            "select time_zone, locale, lifecycle_stage, attributes, tags from tb_contact where contact_id = ?",
            rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
            id.value());
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Row r = row.get();
    return Optional.of(
        new Contact(
            id,
            addresses(c, id.value()),
            json.readMap(r.attributes()),
            json.readSet(r.tags()),
            Optional.ofNullable(r.zone()).map(ZoneId::of),
            Optional.ofNullable(r.locale()).map(Locale::forLanguageTag),
            Optional.ofNullable(r.stage()),
            currentConsents(consentHistory(c, id))));
  }

  private List<Address> addresses(Connection c, String id) throws SQLException {
    return Db.list(
        c,
        "select kind, scope, address from tb_contact_address where contact_id = ? order by kind, scope",
        rs -> new Address(AddressKind.of(rs.getString(1)), rs.getString(3), rs.getString(2)),
        id);
  }

  /** Appends a consent decision. */
  public void insertConsent(Connection c, ContactId id, Consent consent, Instant now)
      throws SQLException {
    Db.update(
        c,
        "insert into tb_consent (contact_id, channel_type, purpose, status, changed_at, source,"
            + " recorded_at) values (?, ?, ?, ?, ?, ?, ?)",
        id.value(),
        consent.channelType().id(),
        consent.purpose().name(),
        consent.status().name(),
        consent.changedAt(),
        consent.source(),
        now);
  }

  public List<Consent> consentHistory(Connection c, ContactId id) throws SQLException {
    return Db.list(
        c,
        "select channel_type, purpose, status, changed_at, source from tb_consent where contact_id = ?"
            + " order by consent_id",
        rs ->
            new Consent(
                ChannelType.of(rs.getString(1)),
                Purpose.valueOf(rs.getString(2)),
                ConsentStatus.valueOf(rs.getString(3)),
                Db.instant(rs, "changed_at"),
                rs.getString(5)),
        id.value());
  }

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
}
