package io.touchbase.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.api.contact.Address;
import io.touchbase.testkit.fuzz.FuzzInputs;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes contact addresses: {@link Address#phone} and {@link Address#email} and the engine's
 * phone check. The outcome is an address that reads back equal, or {@link
 * IllegalArgumentException} naming the field, and no message shows a phone number of the input.
 */
class AddressFuzzTest {
  private static final String FIELD = "contact.addresses[0].value";

  @FuzzTest(maxDuration = "60s")
  void phone(byte[] data) {
    String input = FuzzInputs.text(data);
    try {
      Address a = Address.phone(input);
      assertThat(Address.phone(a.value())).isEqualTo(a);
      assertThat(a.toString()).doesNotContain(a.value());
      try {
        PhoneNumbers.check(a, FIELD);
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).startsWith(FIELD + " must be");
        FuzzInputs.assertNoDigitRunOfInput(input, e);
      }
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("address.value must");
      FuzzInputs.assertNoDigitRunOfInput(input, e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void email(byte[] data) {
    String input = FuzzInputs.text(data);
    try {
      Address a = Address.email(input);
      assertThat(Address.email(a.value())).isEqualTo(a);
      // The mask keeps the first character and the domain: j***@example.com.
      int at = a.value().lastIndexOf('@');
      assertThat(a.masked()).isEqualTo(a.value().charAt(0) + "***" + a.value().substring(at));
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("address.value must");
      // A masked email keeps its domain by design; only the local part must not show.
      int at = input.strip().lastIndexOf('@');
      String domain = at < 0 ? "" : input.strip().substring(at);
      Matcher m = Pattern.compile("[0-9]{11,}").matcher(e.getMessage());
      while (m.find()) {
        assertThat(domain).as("message shows digits of the local part: %s", e.getMessage()).contains(m.group());
      }
    }
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "phone", 2000, this::phone);
    FuzzInputs.boundedRun(getClass(), "email", 2000, this::email);
  }
}
