package io.touchbase.core.internal.engine;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.Contact;

/**
 * Checks phone addresses with libphonenumber beyond the API's E.164 syntax check: the country
 * code must exist and the length must be possible for it.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  static void check(Contact contact) {
    check(contact, "contact");
  }

  /** @param field how the contact is named in messages, e.g. {@code contacts[3]} */
  static void check(Contact contact, String field) {
    for (int i = 0; i < contact.addresses().size(); i++) {
      Address a = contact.addresses().get(i);
      if (a.kind().equals(AddressKind.PHONE)) {
        check(a, field + ".addresses[" + i + "].value");
      }
    }
  }

  static void check(Address a, String field) {
    try {
      if (!UTIL.isPossibleNumber(UTIL.parse(a.value(), null))) {
        throw new IllegalArgumentException(
            field + " must be a possible phone number for its country code, but was '" + a.masked() + "'");
      }
    } catch (NumberParseException e) {
      throw new IllegalArgumentException(
          field + " must be a phone number with a valid country code, but was '" + a.masked() + "' ("
              + e.getErrorType() + ")");
    }
  }
}
