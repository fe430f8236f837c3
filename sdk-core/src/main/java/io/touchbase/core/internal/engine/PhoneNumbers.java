package io.touchbase.core.internal.engine;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.Contact;
import java.util.Set;

/**
 * Checks phone addresses with libphonenumber beyond the API's E.164 syntax check: the country
 * code must exist and the length must be possible for it.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Set<Integer> CALLING_CODES = Set.copyOf(UTIL.getSupportedCallingCodes());
  /** The parse refuses longer national numbers (its {@code MAX_LENGTH_FOR_NSN}). */
  private static final int MAX_NATIONAL_DIGITS = 17;

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
    if (plainlyPossible(a.value())) {
      return;
    }
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

  /**
   * Whether an E.164 string is a possible number, answered without {@link PhoneNumberUtil#parse},
   * whose handling of free-form input (extensions, punctuation, letters) was a quarter of the JVM's
   * time in a bulk import. It answers yes only where the parse would: the calling code is taken as
   * the parse takes it (the prefix of one to three digits that is a calling code; calling codes are
   * prefix-free) and the rest, as the national number, has a length possible for it. The parse may
   * in addition strip a national prefix, but only to a number whose length is then possible or too
   * long, and a number shorter than one of possible length is not too long. Every other case
   * (unknown calling code, impossible length, leading zeros, anything not plain E.164) answers no
   * and is left to the parse, which decides and names the error.
   */
  static boolean plainlyPossible(String e164) {
    int n = e164.length();
    if (n < 3 || e164.charAt(0) != '+') {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char ch = e164.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    for (int end = 2; end <= Math.min(4, n - 1); end++) {
      int callingCode = Integer.parseInt(e164, 1, end, 10);
      if (CALLING_CODES.contains(callingCode)) {
        // The parse keeps leading zeros of a national number apart (Italy): left to it.
        if (e164.charAt(end) == '0' || n - end > MAX_NATIONAL_DIGITS) {
          return false;
        }
        PhoneNumber number = new PhoneNumber().setCountryCode(callingCode)
            .setNationalNumber(Long.parseLong(e164, end, n, 10));
        return UTIL.isPossibleNumberWithReason(number) == ValidationResult.IS_POSSIBLE;
      }
    }
    return false;
  }
}
