package io.touchbase.api.contact;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contacts API: one contact per customer, keyed by the host's user id and findable by any of
 * its addresses (phone, email, openid per app, unionid, WeCom external user id per corporation).
 * Thread-safe.
 *
 * <p><b>Identity across channels.</b> An address belongs to one contact. When the host learns that
 * two contacts are one customer (an {@link AddressConflictException} names the other contact),
 * {@link #merge} makes them one: the absorbed contact's id becomes an <em>alias</em> of the
 * survivor. Every method here and in the other APIs that takes a contact id accepts an alias and
 * acts on the survivor: {@link #find} returns the survivor, touchpoint queries return the
 * survivor's history, events and enrolments apply to the survivor, and {@link #upsert} of an alias
 * updates the survivor. Aliases of a contact that is merged in turn follow it: after A into B and
 * B into C, both A and B lead to C.
 */
public interface Contacts {

  /** The most contacts one {@link #upsertAll} call takes. */
  int MAX_BATCH_SIZE = 10_000;

  /**
   * Creates the contact or replaces its addresses, attributes, tags, zone, locale and lifecycle
   * stage with the given ones. Consents in the given contact are recorded as consent changes
   * when they differ from the consent in force.
   *
   * <p>An id that was merged into another contact (an alias, see {@link #merge}) updates that
   * survivor, by the same rules: the given addresses, attributes, tags, zone, locale and stage
   * replace the survivor's, and the contact returned carries the survivor's id.
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
   *     #MAX_BATCH_SIZE} elements, a contact id given twice (an alias and its survivor count as
   *     one id), or an impossible phone number
   * @throws AddressConflictException if an address belongs to another contact, stored or given
   *     earlier in the call
   */
  List<Contact> upsertAll(List<Contact> contacts);

  /**
   * The contact with this host id; for an id merged into another contact, that survivor (whose
   * {@link Contact#id()} is then the survivor's id).
   */
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

  /** Every consent decision of the contact, in the order recorded; after a merge, both histories. */
  List<Consent> consentHistory(ContactId id);

  /**
   * Makes two contacts one, in one transaction, and returns the merged survivor. The absorbed id
   * stays findable as an alias of the survivor (see the class documentation).
   *
   * <ul>
   *   <li><b>Addresses</b> move to the survivor. Where both hold an address of the same kind and
   *       scope (two phone numbers, two openids of one app), the survivor's stays and the absorbed
   *       one is dropped; the {@code MERGED} touchpoint lists the dropped ones, masked.
   *   <li><b>Attributes and tags</b> are merged; on a clash of attribute names the survivor's value
   *       wins. Time zone, locale and lifecycle stage are the survivor's, or the absorbed
   *       contact's where the survivor has none.
   *   <li><b>Consent</b>: both histories become one; the newest decision per channel type and
   *       purpose is in force. A merge never turns an opt-out into an opt-in: where one side's
   *       decision in force is an opt-out and the other side's newer decision an opt-in, the merge
   *       records the opt-out again (source {@code merge: ...}).
   *   <li><b>History</b>: touchpoints, enrollments (with their dispatches) and staff tasks move to
   *       the survivor. Where both have an active enrollment in the same cadence, the absorbed
   *       contact's one ends as {@link io.touchbase.api.cadence.EnrollmentState#CANCELLED} with
   *       exit reason {@code merged into <survivor id>} and a {@code MERGED} touchpoint, and its
   *       pending rounds never run, so the customer is not messaged twice; its other active
   *       enrollments go on for the survivor.
   *   <li>A {@link io.touchbase.api.touchpoint.TouchpointKind#MERGED} touchpoint on the survivor
   *       records the merge.
   * </ul>
   *
   * <p>Either id may be an alias: it stands for the contact it was merged into.
   *
   * @param survivor the contact that remains
   * @param absorbed the contact merged into it; its id becomes an alias of the survivor
   * @return the survivor as stored after the merge
   * @throws IllegalArgumentException naming the parameter, when it is null or when both ids are
   *     one contact (the same id, or one merged into the other already)
   * @throws ContactNotFoundException if an id is neither a contact nor an alias
   */
  Contact merge(ContactId survivor, ContactId absorbed);
}
