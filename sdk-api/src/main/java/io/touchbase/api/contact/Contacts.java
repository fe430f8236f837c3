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

  /** The most contacts one {@link #upsertAll} call takes. */
  int MAX_BATCH_SIZE = 10_000;

  /**
   * Creates the contact or replaces its addresses, attributes, tags, zone, locale and lifecycle
   * stage with the given ones. Consents in the given contact are recorded as consent changes
   * when they differ from the consent in force.
   *
   * @return the contact as stored
   * @throws AddressConflictException if an address belongs to another contact
   */
  Contact upsert(Contact contact);

  /**
   * Upserts many contacts in one transaction, with the same rules as {@link #upsert} applied to
   * each element in list order: the result is what calling {@code upsert} for each element in turn
   * would store, but written with batched statements. All or nothing: if one element fails, nothing
   * of the call is stored. An address may move between contacts of one call when an earlier
   * element drops it before a later one takes it; given the other way round it conflicts, as
   * sequential upserts would.
   *
   * @param contacts at most {@link #MAX_BATCH_SIZE} contacts, each id at most once; may be empty
   * @return the contacts as stored, in the given order
   * @throws IllegalArgumentException naming the parameter, or the failing element and field (e.g.
   *     {@code contacts[3].addresses[0].value}): for a null list or element, more than {@link
   *     #MAX_BATCH_SIZE} elements, a contact id given twice, or an impossible phone number
   * @throws AddressConflictException if an address belongs to another contact, stored or given
   *     earlier in the call
   */
  List<Contact> upsertAll(List<Contact> contacts);

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
