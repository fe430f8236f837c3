package io.touchbase.api.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelTypeTest {

  @Test
  void builtInTypesHaveStableIds() {
    assertThat(ChannelType.SMS.id()).isEqualTo("sms");
    assertThat(ChannelType.EMAIL.id()).isEqualTo("email");
    assertThat(ChannelType.WECHAT.id()).isEqualTo("wechat");
    assertThat(ChannelType.WECOM.id()).isEqualTo("wecom");
    assertThat(ChannelType.PHONE.id()).isEqualTo("phone");
  }

  @Test
  void ofEqualsTheConstantAndToStringIsTheId() {
    assertThat(ChannelType.of("sms")).isEqualTo(ChannelType.SMS);
    assertThat(ChannelType.of("dingtalk")).hasToString("dingtalk");
  }

  @Test
  void idMustBeLowerKebab() {
    assertThatThrownBy(() -> ChannelType.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("channelType must not be null");
    assertThatThrownBy(() -> ChannelType.of("SMS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channelType must be lower-kebab-case (a-z, 0-9 and single dashes), but was 'SMS'");
  }
}
