package io.touchbase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ConfigurationException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TestChannelContextTest {

  @Test
  @DisplayName("hands out what it was built with")
  void handsOutWhatItWasBuiltWith() {
    Clock clock = MutableClock.at(java.time.Instant.EPOCH);
    StringBuilder service = new StringBuilder();
    TestChannelContext context = TestChannelContext.builder()
        .channelName("sms").providerId("aliyun-sms")
        .setting("region", "cn-hangzhou").secret("accessKeySecret", "s3cr3t-value")
        .clock(clock).service(StringBuilder.class, service)
        .build();
    assertThat(context.channelName()).isEqualTo("sms");
    assertThat(context.providerId()).isEqualTo("aliyun-sms");
    assertThat(context.settings().require("region")).isEqualTo("cn-hangzhou");
    assertThat(context.secrets().require("accessKeySecret")).isEqualTo("s3cr3t-value");
    assertThat(context.clock()).isSameAs(clock);
    assertThat(context.service(StringBuilder.class)).containsSame(service);
    assertThat(context.service(String.class)).isEmpty();
  }

  @Test
  @DisplayName("names the binding in settings errors, as the engine does")
  void namesBindingInErrors() {
    TestChannelContext context = TestChannelContext.builder().channelName("sms").providerId("aliyun-sms").build();
    assertThatThrownBy(() -> context.settings().require("signName"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Channel 'sms' (provider 'aliyun-sms'): setting 'signName' is required");
  }

  @Test
  @DisplayName("toString names secrets but never shows their values")
  void toStringHidesSecretValues() {
    TestChannelContext context = TestChannelContext.builder()
        .secrets(Map.of("token", "s3cr3t-value")).build();
    assertThat(context.toString()).contains("token").doesNotContain("s3cr3t-value");
    assertThat(context.secrets().toString()).doesNotContain("s3cr3t-value");
  }

  @Test
  @DisplayName("rejects a service that is not of its type")
  void rejectsMistypedService() {
    assertThatThrownBy(() -> TestChannelContext.builder().services(Map.of(String.class, 42)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service must be a java.lang.String, but was a java.lang.Integer");
  }
}
