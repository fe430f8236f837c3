package io.touchbase.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PhoneNumbers#plainlyPossible}, the shortcut past libphonenumber's parse: it says yes only
 * where the parse says the number is possible, so the check decides every number as the parse does.
 */
class PhoneNumbersTest {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  @ParameterizedTest
  @ValueSource(strings = {"+8613800000000", "+14155550100", "+447911123456", "+4930123456", "+61412345678",
      "+80012345678"})
  void takesTheShortcutForOrdinaryNumbers(String e164) {
    assertThat(PhoneNumbers.plainlyPossible(e164)).isTrue();
    assertThat(parsedPossible(e164)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"+390612345678", "+4407911123456", "+8612593800000000", "+9991234567", "+1234",
      "+8613800000000000", "+86 13800000000", "8613800000000", "+861380000000a"})
  void leavesTheRestToTheParse(String input) {
    assertThat(PhoneNumbers.plainlyPossible(input)).isFalse();
  }

  @Test
  void neverSaysYesWhereTheParseSaysNo() {
    Random random = new Random(20261207);
    List<Integer> codes = new ArrayList<>(UTIL.getSupportedCallingCodes());
    int yes = 0;
    for (int i = 0; i < 200_000; i++) {
      // A calling code of the table (or, one time in ten, any digits) and 4 to 14 more digits.
      String prefix = random.nextInt(10) == 0
          ? Integer.toString(1 + random.nextInt(999)) : Integer.toString(codes.get(random.nextInt(codes.size())));
      StringBuilder e164 = new StringBuilder("+").append(prefix);
      int digits = 4 + random.nextInt(11);
      for (int d = 0; d < digits && e164.length() < 16; d++) {
        // Zeros often, as national prefixes and trunk codes start with them.
        e164.append(random.nextInt(4) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
      }
      String number = e164.toString();
      if (PhoneNumbers.plainlyPossible(number)) {
        yes++;
        assertThat(parsedPossible(number)).as(number).isTrue();
      }
    }
    assertThat(yes).as("numbers the shortcut decided").isGreaterThan(20_000);
  }

  private static boolean parsedPossible(String e164) {
    try {
      return UTIL.isPossibleNumber(UTIL.parse(e164, null));
    } catch (NumberParseException e) {
      return false;
    }
  }
}
