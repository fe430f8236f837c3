package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.testkit.fuzz.FuzzInputs;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every phone number conversion: a result in the documented form or {@link
 * IllegalArgumentException} whose message shows no number. The input's first line is the number;
 * for {@link PhoneNumbers#fromNationCode} it is the nation code and the second line the number.
 */
class PhoneNumbersFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void conversions(byte[] data) {
    String input = FuzzInputs.text(data);
    int nl = input.indexOf('\n');
    String first = nl < 0 ? input : input.substring(0, nl);
    String second = nl < 0 ? "" : input.substring(nl + 1);
    try {
      String e164 = PhoneNumbers.toE164(first);
      assertThat(e164).matches("\\+[1-9][0-9]{6,14}");
      assertThat(PhoneNumbers.toE164(e164)).isEqualTo(e164);
      assertThat(PhoneNumbers.digits(e164)).isEqualTo(e164.substring(1));
      String aliyun = PhoneNumbers.toAliyun(e164);
      assertThat(PhoneNumbers.isMainlandChina(e164) ? "+86" + aliyun : "+" + aliyun).isEqualTo(e164);
    } catch (IllegalArgumentException e) {
      FuzzInputs.assertNoDigitRunOfInput(input, e);
    }
    for (String s : new String[] {first, second}) {
      try {
        PhoneNumbers.isMainlandChina(s);
        PhoneNumbers.toAliyun(s);
        assertThat(PhoneNumbers.digits(s)).isEqualTo(s.substring(1));
      } catch (IllegalArgumentException e) {
        FuzzInputs.assertNoDigitRunOfInput(input, e);
      }
    }
    try {
      assertThat(PhoneNumbers.fromNationCode(first, second)).matches("\\+[1-9][0-9]{6,14}");
    } catch (IllegalArgumentException e) {
      FuzzInputs.assertNoDigitRunOfInput(input, e);
    }
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "conversions", 2000, this::conversions);
  }
}
