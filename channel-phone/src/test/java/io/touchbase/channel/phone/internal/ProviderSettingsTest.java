package io.touchbase.channel.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.touchbase.api.ConfigurationException;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ProviderLimits;
import io.touchbase.testkit.TestChannelContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code create} checks every setting and names the one that is wrong. */
class ProviderSettingsTest {
  private static final Map<String, String> ALIYUN = Map.of("accessKeyId", "testId");
  private static final Map<String, String> TWILIO =
      Map.of("accountSid", "AC0123456789abcdef0123456789abcdef", "from", "+15005550006");

  private static Throwable create(ChannelProvider provider, Map<String, String> base, String key, String value,
      Map<String, String> secrets) {
    Map<String, String> settings = new HashMap<>(base);
    settings.put(key, value);
    return catchThrowable(() -> provider.create(TestChannelContext.builder()
        .channelName("phone")
        .providerId(provider.id())
        .settings(settings)
        .secrets(secrets)
        .services(Fixtures.services())
        .build()));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "playTimes | 0",
        "playTimes | 4",
        "playTimes | twice",
        "volume | -1",
        "volume | 101",
        "speed | -501",
        "speed | 501",
        "signatureVersion | V1",
        "endpoint | dyvmsapi.aliyuncs.com",
        "calledShowNumber | +86 571 1234 5678",
        "regionId | CN Hangzhou",
        "template.renewal.params | name:customer name",
        "template.renewal.code | ' '",
        "template.renewal | TTS_1",
      })
  void aliyunNamesTheWrongSetting(String key, String value) {
    Throwable thrown = create(new AliyunVoiceProvider(), ALIYUN, key, value, Map.of("accessKeySecret", "testSecret"));

    assertThat(thrown).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Channel 'phone' (provider 'aliyun-voice')")
        .hasMessageContaining(key.startsWith("template.renewal.") || key.equals("template.renewal")
            ? "template.renewal" : "'" + key + "'");
    assertThat(thrown.getMessage()).doesNotContain("testSecret").doesNotContain("1234 5678");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "accountSid | SK0123456789abcdef0123456789abcdef",
        "from | 15005550006",
        "from | +1 500 555 0006",
        "statusCallbackUrl | /callbacks/phone",
        "endpoint | api.twilio.com",
        "language | en\"US",
        "voice | <Polly>",
        "timeoutSeconds | 0",
        "timeoutSeconds | 601",
      })
  void twilioNamesTheWrongSetting(String key, String value) {
    Throwable thrown = create(new TwilioVoiceProvider(), TWILIO, key, value, Map.of("authToken", "twilio-token-1"));

    assertThat(thrown).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Channel 'phone' (provider 'twilio-voice')")
        .hasMessageContaining("'" + key + "'");
    assertThat(thrown.getMessage()).doesNotContain("twilio-token-1").doesNotContain("5550006");
  }

  @Test
  void missingSharedClientIsNamed() {
    Throwable thrown = catchThrowable(() -> new TwilioVoiceProvider().create(TestChannelContext.builder()
        .channelName("phone")
        .providerId(TwilioVoiceProvider.ID)
        .settings(TWILIO)
        .secret("authToken", "twilio-token-1")
        .build()));

    assertThat(thrown).isInstanceOf(ConfigurationException.class).hasMessageContaining(OkHttpClient.class.getName());
  }

  @Test
  void bothProvidersArePhoneChannels() {
    for (ChannelProvider p : List.of(new AliyunVoiceProvider(), new TwilioVoiceProvider())) {
      assertThat(p.channelType()).isEqualTo(ChannelType.PHONE);
      assertThat(p.requiredAddressKinds()).containsExactly(AddressKind.PHONE);
    }
    assertThat(new AliyunVoiceProvider().id()).isEqualTo("aliyun-voice");
    assertThat(new TwilioVoiceProvider().id()).isEqualTo("twilio-voice");
  }

  @Test
  void limits() {
    assertThat(new TwilioVoiceProvider().limits()).isEqualTo(new ProviderLimits(1, 4, Duration.ofSeconds(15)));
    assertThat(new AliyunVoiceProvider().limits()).isEqualTo(new ProviderLimits(10, 10, Duration.ofSeconds(10)));
  }
}
