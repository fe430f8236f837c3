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
import java.util.HashSet;
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

  /**
   * Writes contacts already checked (see {@link #validateAll}) and returns them as stored, in order.
   * An id that is an alias of a merged contact writes to the survivor.
   */
  List<Contact> write(Connection c, List<Contact> asGiven, Instant now) throws SQLException {
    Resolved resolved = resolve(c, asGiven);
    List<Contact> contacts = resolved.contacts();
    Set<String> existing = resolved.existing();
    List<String> ids = new ArrayList<>(contacts.size());
    Set<Address> given = new LinkedHashSet<>();
    for (Contact k : contacts) {
      ids.add(k.id().value());
      given.addAll(k.addresses());
    }
    Map<Address, String> owners = store.owners(c, given);
    // A new contact has no addresses or consents yet: only existing ones are read.
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

    // What was just written is known: the contacts are returned as find would read them back,
    // without reading them (a third of the cost of a bulk upsert).
    Map<String, List<Consent>> appended = new HashMap<>();
    for (ContactStore.NewConsent n : changes) {
      appended.computeIfAbsent(n.contactId(), k -> new ArrayList<>()).add(n.consent());
    }
    List<Contact> out = new ArrayList<>(contacts.size());
    for (Contact k : contacts) {
      List<Consent> history = new ArrayList<>(histories.getOrDefault(k.id().value(), List.of()));
      history.addAll(appended.getOrDefault(k.id().value(), List.of()));
      out.add(ContactStore.asStored(k, history));
    }
    return out;
  }

  /** The contacts with their ids resolved, and the ids among them that exist, their rows locked. */
  private record Resolved(List<Contact> contacts, Set<String> existing) {}

  /**
   * Locks the rows of the existing contacts (in id order: a merge or another upsert of the same
   * contacts waits rather than interleaves) and follows aliases to their survivors.
   */
  private Resolved resolve(Connection c, List<Contact> contacts) throws SQLException {
    List<String> given = contacts.stream().map(k -> k.id().value()).toList();
    Set<String> existing = new HashSet<>(store.lockExisting(c, given));
    Map<String, String> survivors = new HashMap<>();
    List<String> unknown = given.stream().filter(id -> !existing.contains(id)).toList();
    // A new contact is no alias: one probe settles it. A survivor merged away meanwhile is followed.
    for (int round = 0; round < 3 && !unknown.isEmpty(); round++) {
      Map<String, String> aliases = store.aliasTargets(c, unknown);
      if (aliases.isEmpty()) {
        break;
      }
      Set<String> locked = store.lockExisting(c, new HashSet<>(aliases.values()));
      existing.addAll(locked);
      List<String> again = new ArrayList<>();
      aliases.forEach((alias, survivor) -> {
        if (locked.contains(survivor)) {
          survivors.put(alias, survivor);
        } else {
          again.add(alias);
        }
      });
      unknown = again;
    }
    if (survivors.isEmpty()) {
      return new Resolved(contacts, existing);
    }
    List<Contact> out = new ArrayList<>(contacts.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < contacts.size(); i++) {
      Contact k = contacts.get(i);
      String id = survivors.getOrDefault(k.id().value(), k.id().value());
      Integer first = seen.putIfAbsent(id, i);
      if (first != null) {
        throw new IllegalArgumentException("contacts[" + i + "].id '" + k.id() + "' and contacts[" + first
            + "].id '" + contacts.get(first).id() + "' are one contact ('" + id + "', after a merge):"
            + " give each contact at most once per call");
      }
      out.add(id.equals(k.id().value()) ? k : new Contact(ContactId.of(id), k.addresses(), k.attributes(), k.tags(),
          k.timeZone(), k.locale(), k.lifecycleStage(), k.consents()));
    }
    return new Resolved(out, existing);
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
