package io.touchbase.api.contact;

import io.touchbase.api.TouchbaseException;

/**
 * An address given for one contact already belongs to another. Touchbase never moves an address
 * between contacts silently. The message shows the address masked.
 */
public final class AddressConflictException extends TouchbaseException {
  private static final long serialVersionUID = 1L;

  private final ContactId contactId;
  private final ContactId ownerId;
  private final AddressKind kind;

  public AddressConflictException(ContactId contactId, ContactId ownerId, Address address) {
    super(
        "Address "
            + address
            + " given for contact '"
            + contactId
            + "' already belongs to contact '"
            + ownerId
            + "'");
    this.contactId = contactId;
    this.ownerId = ownerId;
    this.kind = address.kind();
  }

  /** The contact the address was given for. */
  public ContactId contactId() {
    return contactId;
  }

  /** The contact that already holds the address. */
  public ContactId ownerId() {
    return ownerId;
  }

  public AddressKind kind() {
    return kind;
  }
}
