package io.touchbase.core.internal.engine;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressConflictException;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Contacts;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.Db;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a contact upsert, for one contact or many in one transaction: an address belongs to
 * one contact (never moved silently), addresses no longer given are released, and a given consent
 * is recorded only when it differs from the one in force. Many contacts are checked in list order,
 * as if upserted one after another, then written with one batch per kind of row.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class ContactUpserts {
  private final ContactStore store;

  ContactUpserts(ContactStore store) {
    this.store = store;
  }

  /**
   * Checks a list argument of {@code upsertAll} for what the contacts' own constructors cannot:
   * nulls, a contact id given twice, phone numbers beyond E.164 syntax. Messages name the element
   * and field, e.g. {@code contacts[3].addresses[0].value}, never an address.
   */
  static void validateAll(List<Contact> contacts) {
    if (contacts == null) {
      throw new IllegalArgumentException("contacts must not be null");
    }
    if (contacts.size() > Contacts.MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("contacts must hold at most " + Contacts.MAX_BATCH_SIZE
          + " contacts per call, but held " + contacts.size() + "; split the list");
    }
    Map<ContactId, Integer> seen = new HashMap<>();
    for (int i = 0; i < contacts.size(); i++) {
      Contact k = contacts.get(i);
      if (k == null) {
        throw new IllegalArgumentException("contacts[" + i + "] must not be null");
      }
      Integer first = seen.putIfAbsent(k.id(), i);
      if (first != null) {
        throw new IllegalArgumentException("contacts[" + i + "].id repeats contacts[" + first + "].id '" + k.id()
            + "': give each contact at most once per call");
      }
      PhoneNumbers.check(k, "contacts[" + i + "]");
    }
  }

  /** Writes contacts already checked (see {@link #validateAll}) and returns them as stored, in order. */
  List<Contact> write(Connection c, List<Contact> contacts, Instant now) throws SQLException {
    List<String> ids = new ArrayList<>(contacts.size());
    Set<Address> given = new LinkedHashSet<>();
    for (Contact k : contacts) {
      ids.add(k.id().value());
      given.addAll(k.addresses());
    }
    Map<Address, String> owners = store.owners(c, given);
    // A new contact has no addresses or consents yet: only existing ones are read.
    Set<String> existing = store.existing(c, ids);
    List<String> known = ids.stream().filter(existing::contains).toList();
    Map<String, List<Address>> stored = store.addresses(c, known);
    List<Address> released = new ArrayList<>();
    List<ContactStore.OwnedAddress> claimed = new ArrayList<>();
    // In list order, as sequential upserts would see it: an address is free once an earlier
    // contact of the call released it, and taken once an earlier one claimed it.
    for (Contact k : contacts) {
      String id = k.id().value();
      for (Address a : k.addresses()) {
        String owner = owners.get(a);
        if (owner != null && !owner.equals(id)) {
          throw new AddressConflictException(k.id(), ContactId.of(owner), a);
        }
      }
      List<Address> before = stored.getOrDefault(id, List.of());
      for (Address old : before) {
        if (!k.addresses().contains(old)) {
          released.add(old);
          owners.remove(old);
        }
      }
      for (Address a : k.addresses()) {
        if (!before.contains(a)) {
          claimed.add(new ContactStore.OwnedAddress(a, id));
          owners.put(a, id);
        }
      }
    }

    store.updateRows(c, contacts.stream().filter(k -> existing.contains(k.id().value())).toList(), now);
    store.insertRows(c, contacts.stream().filter(k -> !existing.contains(k.id().value())).toList(), now);
    // Every release before any claim: a claimed address was free, or released by an earlier contact.
    store.deleteAddresses(c, released);
    insertClaimed(c, claimed);

    Map<String, List<Consent>> histories = store.consentHistories(c, known);
    List<ContactStore.NewConsent> changes = new ArrayList<>();
    for (Contact k : contacts) {
      List<Consent> current = ContactStore.currentConsents(histories.getOrDefault(k.id().value(), List.of()));
      for (Consent consent : k.consents()) {
        boolean same = current.stream().anyMatch(x -> x.channelType().equals(consent.channelType())
            && x.purpose() == consent.purpose() && x.status() == consent.status());
        if (!same) {
          changes.add(new ContactStore.NewConsent(k.id().value(), consent));
        }
      }
    }
    store.insertConsents(c, changes, now);

    Map<String, Contact> written = store.findAll(c, ids);
    List<Contact> out = new ArrayList<>(contacts.size());
    for (String id : ids) {
      out.add(written.get(id));
    }
    return out;
  }

  private void insertClaimed(Connection c, List<ContactStore.OwnedAddress> claimed) throws SQLException {
    if (claimed.isEmpty()) {
      return;
    }
    Savepoint sp = c.setSavepoint();
    try {
      store.insertAddresses(c, claimed);
      c.releaseSavepoint(sp);
    } catch (SQLException e) {
      if (!Db.isUniqueViolationInBatch(e)) {
        throw e;
      }
      // Another transaction claimed an address between our check and our insert: name it.
      c.rollback(sp);
      List<Address> addresses = claimed.stream().map(ContactStore.OwnedAddress::address).toList();
      Map<Address, String> now = store.owners(c, addresses);
      for (ContactStore.OwnedAddress o : claimed) {
        String owner = now.get(o.address());
        if (owner != null && !owner.equals(o.contactId())) {
          throw new AddressConflictException(ContactId.of(o.contactId()), ContactId.of(owner), o.address());
        }
      }
      throw e;
    }
  }
}
