package io.touchbase.core.internal.engine;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.ContactNotFoundException;
import io.touchbase.api.contact.Contacts;
import io.touchbase.api.internal.Checks;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.TouchpointStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The contacts API over {@link ContactStore}. Every id may be an alias of a merged contact: reads
 * follow it to the survivor, and writes lock the survivor's row ({@link ContactStore#lockResolved}).
 *
 * <p>This class is internal and is hence not for public use.
 */
final class ContactsService implements Contacts {
  private final Db db;
  private final ContactStore store;
  private final Clock clock;
  private final ContactUpserts upserts;
  private final ContactMerges merges;
  private final TouchpointStore touchpoints;
  private final Notifier notifier;

  ContactsService(Db db, ContactStore store, Clock clock, ContactMerges merges, TouchpointStore touchpoints,
      Notifier notifier) {
    this.db = db;
    this.store = store;
    this.clock = clock;
    this.upserts = new ContactUpserts(store);
    this.merges = merges;
    this.touchpoints = touchpoints;
    this.notifier = notifier;
  }

  @Override
  public Contact upsert(Contact contact) {
    Checks.notNull(contact, "contact");
    PhoneNumbers.check(contact);
    return db.inTransaction("upsert contact", c -> upserts.write(c, List.of(contact), clock.instant())).get(0);
  }

  @Override
  public List<Contact> upsertAll(List<Contact> contacts) {
    ContactUpserts.validateAll(contacts);
    if (contacts.isEmpty()) {
      return List.of();
    }
    return db.inTransaction("upsert contacts", c -> upserts.write(c, contacts, clock.instant()));
  }

  @Override
  public Optional<Contact> find(ContactId id) {
    Checks.notNull(id, "contactId");
    return db.read("find contact", c -> store.find(c, id));
  }

  @Override
  public Optional<Contact> findByAddress(Address address) {
    Checks.notNull(address, "address");
    return db.read("find contact by address", c -> {
      Optional<String> owner = store.ownerOf(c, address);
      return owner.isEmpty() ? Optional.<Contact>empty() : store.find(c, ContactId.of(owner.get()));
    });
  }

  @Override
  public Contact addTags(ContactId id, Collection<String> tags) {
    Checks.notNull(tags, "tags");
    tags.forEach(t -> Checks.name(t, "tags[]"));
    return modify(id, "add tags", (contact, newTags, attrs) -> newTags.addAll(tags));
  }

  @Override
  public Contact removeTags(ContactId id, Collection<String> tags) {
    Checks.notNull(tags, "tags");
    return modify(id, "remove tags", (contact, newTags, attrs) -> newTags.removeAll(tags));
  }

  @Override
  public Contact putAttributes(ContactId id, Map<String, String> attributes) {
    Checks.notNull(attributes, "attributes");
    attributes.forEach((k, v) -> {
      Checks.name(k, "attributes key");
      Checks.notNull(v, "attributes[" + k + "]");
    });
    return modify(id, "put attributes", (contact, tags, attrs) -> attrs.putAll(attributes));
  }

  @Override
  public Contact recordConsent(ContactId id, Consent consent) {
    Checks.notNull(id, "contactId");
    Checks.notNull(consent, "consent");
    return db.inTransaction("record consent", c -> {
      ContactId locked = requireLocked(c, id);
      store.insertConsent(c, locked, consent, clock.instant());
      return store.find(c, locked).orElseThrow();
    });
  }

  @Override
  public List<Consent> consentHistory(ContactId id) {
    Checks.notNull(id, "contactId");
    return db.read("consent history", c -> store.consentHistory(c, store.resolve(c, id).orElse(id)));
  }

  @Override
  public Contact merge(ContactId survivor, ContactId absorbed) {
    if (survivor == null) {
      throw new IllegalArgumentException("survivor must not be null");
    }
    if (absorbed == null) {
      throw new IllegalArgumentException("absorbed must not be null");
    }
    if (survivor.equals(absorbed)) {
      throw new IllegalArgumentException("absorbed must be another contact than survivor, but both were '"
          + survivor + "'");
    }
    Effects fx = new Effects(touchpoints);
    Contact merged = db.inTransaction("merge contacts", c -> merges.merge(c, survivor, absorbed, clock.instant(), fx));
    notifier.publish(fx);
    return merged;
  }

  private interface Change {
    void apply(Contact contact, Set<String> tags, Map<String, String> attributes);
  }

  private Contact modify(ContactId id, String operation, Change change) {
    Checks.notNull(id, "contactId");
    return db.inTransaction(operation, c -> {
      ContactId locked = requireLocked(c, id);
      Contact contact = store.find(c, locked).orElseThrow();
      Set<String> tags = new LinkedHashSet<>(contact.tags());
      Map<String, String> attrs = new HashMap<>(contact.attributes());
      change.apply(contact, tags, attrs);
      store.writeTagsAndAttributes(c, locked, tags, attrs, clock.instant());
      return store.find(c, locked).orElseThrow();
    });
  }

  /** Locks the contact the id names (the survivor, for an alias) and returns its id. */
  private ContactId requireLocked(Connection c, ContactId id) throws SQLException {
    return store.lockResolved(c, id).orElseThrow(() -> new ContactNotFoundException(id));
  }
}
