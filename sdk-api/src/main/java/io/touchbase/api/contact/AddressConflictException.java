package io.touchbase.api.contact;

import io.touchbase.api.TouchbaseException;

/**
 * An address given for one contact already belongs to another. Touchbase never moves an address
 * between contacts silently: when both are the same customer, merge them with {@link
 * Contacts#merge}. The message names the contact that holds the address and shows the address
 * masked, never in full.
 */
public final class AddressConflictException extends TouchbaseException {
  private static final long serialVersionUID = 1L;

  private final ContactId contactId;
  private final ContactId ownerId;
  private final AddressKind kind;
  private final String maskedAddress;

  public AddressConflictException(ContactId contactId, ContactId ownerId, Address address) {
    super(
        "Address "
            + address
            + " given for contact '"
            + contactId
            + "' already belongs to contact '"
            + ownerId
            + "'; if both are one customer, merge them with contacts().merge(survivor, absorbed),"
            + " e.g. merge('"
            + ownerId
            + "', '"
            + contactId
            + "'), which keeps both ids findable");
    this.contactId = contactId;
    this.ownerId = ownerId;
    this.kind = address.kind();
    this.maskedAddress = address.toString();
  }

  /** The contact the address was given for. */
  public ContactId contactId() {
    return contactId;
  }

  /** The contact that already holds the address. */
  public ContactId ownerId() {
    return ownerId;
  }

  /** The kind of the address in conflict. */
  public AddressKind kind() {
    return kind;
  }

  /** The address in conflict, masked as {@link Address#toString()} shows it. */
  public String maskedAddress() {
    return maskedAddress;
  }
}
