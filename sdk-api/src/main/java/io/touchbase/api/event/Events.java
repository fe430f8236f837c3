package io.touchbase.api.event;

import io.touchbase.api.contact.ContactId;

/**
 * The events API: the host tells Touchbase what its customers did. A goal event ends matching
 * enrollments as converted at once, even mid-wait, and their later rounds never run. Thread-safe.
 */
public interface Events {

  /** Records an event that happened now. */
  default EventOutcome record(ContactId contactId, String name) {
    return record(HostEvent.of(contactId, name));
  }

  /**
   * Records an event.
   *
   * @throws io.touchbase.api.contact.ContactNotFoundException if the contact does not exist
   */
  EventOutcome record(HostEvent event);
}
