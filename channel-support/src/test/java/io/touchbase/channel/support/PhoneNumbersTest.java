package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

  @ParameterizedTest
  @ValueSource(strings = {"13800138000", "8613800138000", "+8613800138000", "008613800138000", " 138-0013 8000 "})
  void mainlandFormsBecomeE164(String raw) {
    assertThat(PhoneNumbers.toE164(raw)).isEqualTo("+8613800138000");
  }

  @Test
  void internationalDigitsGetAPlus() {
    assertThat(PhoneNumbers.toE164("6591234567")).isEqualTo("+6591234567");
    assertThat(PhoneNumbers.toE164("0014155550100")).isEqualTo("+14155550100");
  }

  @Test
  void nationCodeAndMobile() {
    assertThat(PhoneNumbers.fromNationCode("86", "13800138000")).isEqualTo("+8613800138000");
    assertThat(PhoneNumbers.fromNationCode("+1", "4155550100")).isEqualTo("+14155550100");
    assertThatThrownBy(() -> PhoneNumbers.fromNationCode("86", "1380013800x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aliyunFormat() {
    assertThat(PhoneNumbers.toAliyun("+8613800138000")).isEqualTo("13800138000");
    assertThat(PhoneNumbers.toAliyun("+6591234567")).isEqualTo("6591234567");
    assertThat(PhoneNumbers.digits("+8613800138000")).isEqualTo("8613800138000");
    assertThat(PhoneNumbers.isMainlandChina("+8613800138000")).isTrue();
    assertThat(PhoneNumbers.isMainlandChina("+14155550100")).isFalse();
  }

  @Test
  void unreadableNumbersFailWithoutShowingThem() {
    assertThatThrownBy(() -> PhoneNumbers.toE164("+1380013800013800"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("1380013800013800");
    assertThatThrownBy(() -> PhoneNumbers.toE164("13800")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PhoneNumbers.toE164("abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PhoneNumbers.toAliyun("13800138000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("13800138000");
  }
}
