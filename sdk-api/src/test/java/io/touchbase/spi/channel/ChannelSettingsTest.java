package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelSettingsTest {
  private static final String OWNER = "channel 'sms' (provider 'aliyun-sms')";

  private static ChannelSettings settings(Map<String, String> values) {
    return new ChannelSettings(OWNER, values);
  }

  @Test
  void getReturnsPresentValuesOnly() {
    ChannelSettings s = settings(Map.of("signName", "Touchbase"));
    assertThat(s.get("signName")).contains("Touchbase");
    assertThat(s.get("region")).isEmpty();
  }

  @Test
  void requireReturnsAPresentValue() {
    assertThat(settings(Map.of("signName", "Touchbase")).require("signName")).isEqualTo("Touchbase");
  }

  @Test
  void requireNamesOwnerAndKeyWhenMissingOrBlank() {
    assertThatThrownBy(() -> settings(Map.of()).require("signName"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("channel 'sms' (provider 'aliyun-sms'): setting 'signName' is required");
    assertThatThrownBy(() -> settings(Map.of("signName", "  ")).require("signName"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("channel 'sms' (provider 'aliyun-sms'): setting 'signName' is required");
  }

  @Test
  void intValueParsesStrippedIntegersOrDefaults() {
    ChannelSettings s = settings(Map.of("maxRetries", " 42 ", "negative", "-3"));
    assertThat(s.intValue("maxRetries", 7)).isEqualTo(42);
    assertThat(s.intValue("negative", 7)).isEqualTo(-3);
    assertThat(s.intValue("missing", 7)).isEqualTo(7);
  }

  @Test
  void intValueNamesOwnerAndKeyWhenNotAnInteger() {
    assertThatThrownBy(() -> settings(Map.of("maxRetries", "4.2")).intValue("maxRetries", 1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "channel 'sms' (provider 'aliyun-sms'): setting 'maxRetries' must be an integer, but"
                + " was '4.2'");
    assertThatThrownBy(() -> settings(Map.of("maxRetries", "")).intValue("maxRetries", 1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("setting 'maxRetries' must be an integer");
  }

  @Test
  void durationAcceptsIsoOrMilliseconds() {
    ChannelSettings s =
        settings(Map.of("timeout", "PT5S", "connectTimeout", "1500", "readTimeout", " PT1M "));
    assertThat(s.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.duration("connectTimeout", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.duration("readTimeout", Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.duration("missing", Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void durationNamesOwnerAndKeyWhenInvalid() {
    assertThatThrownBy(() -> settings(Map.of("timeout", "5s")).duration("timeout", Duration.ZERO))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "channel 'sms' (provider 'aliyun-sms'): setting 'timeout' must be a duration such as"
                + " PT5S or milliseconds, but was '5s'");
    assertThatThrownBy(
            () -> settings(Map.of("timeout", "99999999999999999999")).duration("timeout", Duration.ZERO))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("setting 'timeout' must be a duration");
  }

  @Test
  void booleanValueAcceptsTrueOrFalseInAnyCase() {
    ChannelSettings s = settings(Map.of("a", "TRUE", "b", "false", "c", "True"));
    assertThat(s.booleanValue("a", false)).isTrue();
    assertThat(s.booleanValue("b", true)).isFalse();
    assertThat(s.booleanValue("c", false)).isTrue();
    assertThat(s.booleanValue("missing", true)).isTrue();
    assertThat(s.booleanValue("missing", false)).isFalse();
  }

  @Test
  void booleanValueNamesOwnerAndKeyWhenInvalid() {
    assertThatThrownBy(() -> settings(Map.of("sandbox", "yes")).booleanValue("sandbox", false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "channel 'sms' (provider 'aliyun-sms'): setting 'sandbox' must be true or false, but"
                + " was 'yes'");
  }

  @Test
  void ofUsesAGenericOwner() {
    assertThatThrownBy(() -> ChannelSettings.of(Map.of()).require("signName"))
        .hasMessage("channel: setting 'signName' is required");
  }

  @Test
  void constructorValidatesItsArguments() {
    assertThatThrownBy(() -> new ChannelSettings(" ", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("owner must not be blank");
    assertThatThrownBy(() -> new ChannelSettings(OWNER, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("values must not be null");
  }

  @Test
  void asMapIsAnUnmodifiableCopy() {
    Map<String, String> values = new HashMap<>(Map.of("a", "1"));
    ChannelSettings s = settings(values);
    values.put("b", "2");
    assertThat(s.asMap()).containsOnly(Map.entry("a", "1"));
    assertThat(s.get("b")).isEmpty();
    assertThatThrownBy(() -> s.asMap().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toStringIsSortedByKey() {
    assertThat(settings(Map.of("region", "cn-hangzhou", "endpoint", "dysmsapi")))
        .hasToString("{endpoint=dysmsapi, region=cn-hangzhou}");
  }
}
