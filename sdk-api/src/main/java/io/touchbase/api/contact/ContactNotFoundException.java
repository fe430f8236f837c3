package io.touchbase.api.contact;

import io.touchbase.api.TouchbaseException;

/** An operation named a contact id that Touchbase does not hold. */
public final class ContactNotFoundException extends TouchbaseException {
  private static final long serialVersionUID = 1L;

  private final ContactId contactId;

  public ContactNotFoundException(ContactId contactId) {
    super("No contact with id '" + contactId + "'");
    this.contactId = contactId;
  }

  public ContactId contactId() {
    return contactId;
  }
}
