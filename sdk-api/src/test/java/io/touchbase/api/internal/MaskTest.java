package io.touchbase.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskTest {

  @Test
  void phoneKeepsCountryCodeAndLastFourDigits() {
    assertThat(Mask.phone("+8613800138000")).isEqualTo("+861******8000");
    assertThat(Mask.phone("+14155552671")).isEqualTo("+141****2671");
  }

  @Test
  void phoneOfNullOrEmptyIsEmpty() {
    assertThat(Mask.phone(null)).isEmpty();
    assertThat(Mask.phone("")).isEmpty();
  }

  @Test
  void shortPhoneIsFullyMasked() {
    assertThat(Mask.phone("1")).isEqualTo("*");
    assertThat(Mask.phone("123456")).isEqualTo("******");
  }

  @Test
  void phoneOfSevenCharactersKeepsOneHeadCharacter() {
    assertThat(Mask.phone("1234567")).isEqualTo("1**4567");
  }

  @Test
  void phoneNeverReturnsTheValueAndKeepsItsLength() {
    String digits = "+98765432109876543210";
    for (int n = 1; n <= digits.length(); n++) {
      String value = digits.substring(0, n);
      String masked = Mask.phone(value);
      assertThat(masked).as("length %d", n).hasSize(n).isNotEqualTo(value).contains("*");
    }
  }

  @Test
  void emailKeepsFirstCharacterAndDomain() {
    assertThat(Mask.email("jane.doe@example.com")).isEqualTo("j***@example.com");
    assertThat(Mask.email("a@b.co")).isEqualTo("a***@b.co");
  }

  @Test
  void emailUsesTheLastAt() {
    assertThat(Mask.email("a@b@example.com")).isEqualTo("a***@example.com");
  }

  @Test
  void emailOfNullOrEmptyIsEmpty() {
    assertThat(Mask.email(null)).isEmpty();
    assertThat(Mask.email("")).isEmpty();
  }

  @Test
  void emailWithoutAtOrWithLeadingAtIsMaskedOpaquely() {
    assertThat(Mask.email("janedoe")).isEqualTo("***");
    assertThat(Mask.email("jane.doe.example.com")).isEqualTo("ja***om");
    assertThat(Mask.email("@example.com")).isEqualTo("@e***om");
  }

  @ParameterizedTest
  @CsvSource({
    "a, ***",
    "12345678, ***",
    "123456789, 12***89",
    "o6_bmjrPTlm6_2sgVt7hMZOPfL2M, o6***2M"
  })
  void opaqueKeepsAtMostTwoCharactersEachSide(String value, String expected) {
    assertThat(Mask.opaque(value)).isEqualTo(expected);
  }

  @Test
  void opaqueOfNullOrEmptyIsEmpty() {
    assertThat(Mask.opaque(null)).isEmpty();
    assertThat(Mask.opaque("")).isEmpty();
  }
}
