package io.touchbase.api.contact;

import io.touchbase.api.internal.Checks;

/**
 * The host application's own user id for a customer. Touchbase keys every contact by it.
 *
 * @param value the host's id; not blank, at most 128 characters
 */
public record ContactId(String value) {
  public ContactId {
    Checks.notBlank(value, "contactId");
    if (value.length() > 128) {
      throw new IllegalArgumentException(
          "contactId must be at most 128 characters, but was " + value.length());
    }
  }

  public static ContactId of(String value) {
    return new ContactId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
