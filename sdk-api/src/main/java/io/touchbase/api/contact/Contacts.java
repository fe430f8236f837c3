package io.touchbase.api.contact;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contacts API: one contact per customer, keyed by the host's user id and findable by any of
 * its addresses. Thread-safe.
 */
public interface Contacts {

  /**
   * Creates the contact or replaces its addresses, attributes, tags, zone, locale and lifecycle
   * stage with the given ones. Consents in the given contact are recorded as consent changes
   * when they differ from the consent in force.
   *
   * @return the contact as stored
   * @throws AddressConflictException if an address belongs to another contact
   */
  Contact upsert(Contact contact);

  /** The contact with this host id. */
  Optional<Contact> find(ContactId id);

  /** The contact that holds this address, whichever kind of id the caller has. */
  Optional<Contact> findByAddress(Address address);

  /** Adds tags; tags already present are kept. */
  Contact addTags(ContactId id, Collection<String> tags);

  /** Removes tags; tags not present are ignored. */
  Contact removeTags(ContactId id, Collection<String> tags);

  /** Sets attributes, replacing values of the same names. */
  Contact putAttributes(ContactId id, Map<String, String> attributes);

  /**
   * Records a consent decision with its time and source. The newest decision per channel type
   * and purpose is in force.
   */
  Contact recordConsent(ContactId id, Consent consent);

  /** Every consent decision of the contact, oldest first. */
  List<Consent> consentHistory(ContactId id);
}
