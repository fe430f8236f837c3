package io.touchbase.channel.wechat.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.spi.channel.ChannelException;
import org.junit.jupiter.api.Test;

/** The keyword rules: what passes and what fails, by prefix. */
class SubscribeValuesTest {

  private static void ok(String keyword, String value) {
    assertThatCode(() -> SubscribeValues.check("t", keyword, value)).as(keyword + "=" + value)
        .doesNotThrowAnyException();
  }

  private static void bad(String keyword, String value) {
    assertThatThrownBy(() -> SubscribeValues.check("t", keyword, value)).as(keyword + "=" + value)
        .isInstanceOf(ChannelException.class).hasMessageContaining("'" + keyword + "'")
        .extracting(e -> ((ChannelException) e).providerCode()).isEqualTo("invalid-template-value");
  }

  @Test
  void thingIsAtMost20CharactersCountedAsCodePoints() {
    ok("thing1", "一二三四五六七八九十一二三四五六七八九十");
    bad("thing1", "一二三四五六七八九十一二三四五六七八九十一");
    ok("thing12", "😀".repeat(20)); // 40 UTF-16 units, 20 characters
    bad("thing2", " ");
  }

  @Test
  void formattedPrefixes() {
    ok("number1", "12.50");
    bad("number1", "12a");
    bad("number1", "1".repeat(33));
    ok("letter1", "abcXYZ");
    bad("letter1", "abc1");
    ok("symbol1", "%#");
    bad("symbol1", "%a");
    ok("character_string1", "SN-2024/001");
    bad("character_string1", "订单1");
    ok("phrase1", "已发货");
    bad("phrase1", "shipped");
    bad("phrase1", "一二三四五六");
    bad("phone_number1", "1".repeat(18));
    bad("car_number1", "粤B1234567");
    ok("car_number1", "粤B12345");
  }

  @Test
  void unconfirmedFormatsAreLeftToWeChat() {
    ok("time2", "2019年8月8日 15:01");
    ok("date3", "whatever WeChat decides");
    ok("amount4", "¥100.00");
    ok("custom5", "anything");
  }
}
