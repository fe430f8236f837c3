package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ConfigurationException;
import io.touchbase.testkit.TestChannelContext;
import java.util.Map;
import java.util.OptionalInt;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class BindingSettingsTest {
  private static final String OWNER = "Channel 'sms' (provider 'aliyun-sms')";

  private static BindingSettings settings(Map<String, String> settings, Map<String, String> secrets) {
    return BindingSettings.of(TestChannelContext.builder()
        .channelName("sms")
        .providerId("aliyun-sms")
        .settings(settings)
        .secrets(secrets)
        .build());
  }

  private static BindingSettings settings(Map<String, String> settings) {
    return settings(settings, Map.of());
  }

  @Test
  void namesTheBindingAsTheEngineDoes() {
    assertThat(settings(Map.of()).owner()).isEqualTo(OWNER);
    assertThat(settings(Map.of()).error("setting 'x' is odd")).isInstanceOf(ConfigurationException.class)
        .hasMessage(OWNER + ": setting 'x' is odd");
  }

  @Test
  void requiredAndOptionalSettingsAreStripped() {
    BindingSettings s = settings(Map.of("id", " LTAI ", "blank", "  ", "name", " 阿里云 "));

    assertThat(s.require("id")).isEqualTo("LTAI");
    assertThat(s.optional("name")).contains("阿里云");
    assertThat(s.optional("blank")).isEmpty();
    assertThat(s.optional("missing")).isEmpty();
    assertThatThrownBy(() -> s.require("missing")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(OWNER).hasMessageContaining("'missing'");
    assertThatThrownBy(() -> s.require("blank")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'blank'");
  }

  @Test
  void secretErrorsNameTheBindingAndTheSecretButNoValue() {
    BindingSettings s = settings(Map.of(), Map.of("accessKeySecret", "s3cr3t", "blank", " "));

    assertThat(s.secret("accessKeySecret")).isEqualTo("s3cr3t");
    assertThat(s.optionalSecret("accessKeySecret")).contains("s3cr3t");
    assertThat(s.optionalSecret("blank")).isEmpty();
    assertThat(s.optionalSecret("missing")).isEmpty();
    assertThatThrownBy(() -> s.secret("callbackToken")).isInstanceOf(ConfigurationException.class)
        .hasMessage(OWNER + ": secret 'callbackToken' is required");
    assertThatThrownBy(() -> s.secret("blank")).hasMessageContaining("'blank'");
    assertThat(s.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void wholeNumbersMustLieInTheirRange() {
    BindingSettings s = settings(Map.of("volume", " 100 ", "speed", "-501", "playTimes", "twice", "blank", ""));

    assertThat(s.intInRange("volume", 0, 100)).isEqualTo(OptionalInt.of(100));
    assertThat(s.intInRange("missing", 0, 100)).isEmpty();
    assertThat(s.intInRange("blank", 0, 100)).isEmpty();
    assertThatThrownBy(() -> s.intInRange("speed", -500, 500)).isInstanceOf(ConfigurationException.class)
        .hasMessage(OWNER + ": setting 'speed' must be between -500 and 500, but was -501");
    assertThatThrownBy(() -> s.intInRange("playTimes", 1, 3)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'playTimes'");
  }

  @Test
  void urlsMustBeHttpOrHttps() {
    BindingSettings s = settings(Map.of("endpoint", " http://127.0.0.1:8080/ ", "bad", "dysmsapi.aliyuncs.com",
        "blank", " "));

    assertThat(s.url("endpoint", "https://dysmsapi.aliyuncs.com")).isEqualTo(HttpUrl.get("http://127.0.0.1:8080/"));
    assertThat(s.url("missing", "https://dysmsapi.aliyuncs.com"))
        .isEqualTo(HttpUrl.get("https://dysmsapi.aliyuncs.com/"));
    assertThat(s.url("blank", "https://dysmsapi.aliyuncs.com"))
        .isEqualTo(HttpUrl.get("https://dysmsapi.aliyuncs.com/"));
    assertThat(s.optionalUrl("endpoint")).contains(HttpUrl.get("http://127.0.0.1:8080/"));
    assertThat(s.optionalUrl("missing")).isEmpty();
    assertThat(s.optionalUrl("blank")).isEmpty();
    assertThatThrownBy(() -> s.url("bad", "https://dysmsapi.aliyuncs.com"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(OWNER + ": setting 'bad' must be an http or https URL, but was 'dysmsapi.aliyuncs.com'");
    assertThatThrownBy(() -> s.optionalUrl("bad")).hasMessageContaining("'bad'");
  }

  @Test
  void checksOfOtherClassesGetTheBindingsName() {
    BindingSettings s = settings(Map.of("template.renewal.params", "name:customer name"));
    TestChannelContext context = TestChannelContext.builder().channelName("sms").providerId("aliyun-sms")
        .settings(Map.of("template.renewal.params", "name:customer name")).build();

    assertThat(s.named(() -> "fine")).isEqualTo("fine");
    assertThatThrownBy(() -> s.named(() -> TemplateMappings.from(context.settings())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(OWNER + ": ")
        .hasMessageContaining("template.renewal")
        .hasCauseInstanceOf(ConfigurationException.class);
  }
}
