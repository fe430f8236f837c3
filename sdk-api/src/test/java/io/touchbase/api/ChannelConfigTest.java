package io.touchbase.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelConfigTest {

  @Test
  void ofBindsOneProviderWithoutSettings() {
    ChannelConfig c = ChannelConfig.of("sms", "dry-run");
    assertThat(c.name()).isEqualTo("sms");
    assertThat(c.providers()).containsExactly(ProviderBinding.of("dry-run"));
  }

  @Test
  void builderKeepsProvidersInOrderOfPreference() {
    ChannelConfig c =
        ChannelConfig.builder("sms")
            .provider("aliyun-sms", p -> p.setting("signName", "Touchbase").secret("accessKeySecret", "s3cr3t"))
            .provider("tencent-sms")
            .provider(ProviderBinding.of("dry-run"))
            .build();
    assertThat(c.providers())
        .extracting(ProviderBinding::providerId)
        .containsExactly("aliyun-sms", "tencent-sms", "dry-run");
    assertThat(c.providers().get(0).settings()).containsOnly(Map.entry("signName", "Touchbase"));
    assertThat(c.providers().get(0).secrets()).containsOnly(Map.entry("accessKeySecret", "s3cr3t"));
  }

  @Test
  void providersMustNotBeEmpty() {
    assertThatThrownBy(() -> ChannelConfig.builder("sms").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channel.providers must not be empty: channel 'sms' needs a provider");
    assertThatThrownBy(() -> new ChannelConfig("sms", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("channel.providers must not be empty");
  }

  @Test
  void providersMustNotRepeatAnId() {
    assertThatThrownBy(
            () -> ChannelConfig.builder("sms").provider("aliyun-sms").provider("dry-run")
                .provider("aliyun-sms", p -> p.setting("region", "cn-hangzhou")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channel.providers must not repeat a provider id in channel 'sms'");
  }

  @Test
  void nameAndProvidersAreValidated() {
    assertThatThrownBy(() -> ChannelConfig.of(null, "dry-run"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("channel.name must not be null");
    assertThatThrownBy(() -> ChannelConfig.of(" ", "dry-run"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channel.name must not be blank");
    assertThatThrownBy(() -> ChannelConfig.of("sms channel", "dry-run"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("channel.name must start with a letter or digit");
    assertThatThrownBy(() -> new ChannelConfig("sms", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("channel.providers must not be null");
    assertThatThrownBy(() -> ChannelConfig.of("sms", "Dry_Run"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("providerId must be lower-kebab-case");
    assertThatThrownBy(() -> ChannelConfig.builder("sms").provider((ProviderBinding) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("provider must not be null");
  }

  @Test
  void providersAreAnUnmodifiableCopy() {
    List<ProviderBinding> providers = new ArrayList<>(List.of(ProviderBinding.of("dry-run")));
    ChannelConfig c = new ChannelConfig("sms", providers);
    providers.add(ProviderBinding.of("aliyun-sms"));
    assertThat(c.providers()).hasSize(1);
    assertThatThrownBy(() -> c.providers().add(ProviderBinding.of("x")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
