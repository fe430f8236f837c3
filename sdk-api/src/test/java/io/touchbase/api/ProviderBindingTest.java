package io.touchbase.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderBindingTest {
  private static final String SECRET = "LTAI5t-very-secret-value";

  @Test
  void ofHasNoSettingsOrSecrets() {
    ProviderBinding b = ProviderBinding.of("dry-run");
    assertThat(b.providerId()).isEqualTo("dry-run");
    assertThat(b.settings()).isEmpty();
    assertThat(b.secrets()).isEmpty();
  }

  @Test
  void builderCollectsSettingsAndSecrets() {
    ProviderBinding b =
        ProviderBinding.builder("aliyun-sms")
            .setting("signName", "Touchbase")
            .setting("region", "cn-hangzhou")
            .secret("accessKeyId", "id-1")
            .secret("accessKeySecret", SECRET)
            .build();
    assertThat(b.settings())
        .containsOnly(Map.entry("signName", "Touchbase"), Map.entry("region", "cn-hangzhou"));
    assertThat(b.secrets())
        .containsOnly(Map.entry("accessKeyId", "id-1"), Map.entry("accessKeySecret", SECRET));
  }

  @Test
  void providerIdMustBeLowerKebab() {
    assertThatThrownBy(() -> ProviderBinding.of("Aliyun_SMS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "providerId must be lower-kebab-case (a-z, 0-9 and single dashes), but was 'Aliyun_SMS'");
    assertThatThrownBy(() -> ProviderBinding.of("aliyun--sms"))
        .hasMessageStartingWith("providerId must be lower-kebab-case");
    assertThatThrownBy(() -> ProviderBinding.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("providerId must not be null");
    assertThatThrownBy(() -> ProviderBinding.builder("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("providerId must not be blank");
  }

  @Test
  void mapsAreRequired() {
    assertThatThrownBy(() -> new ProviderBinding("dry-run", null, Map.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("settings must not be null");
    assertThatThrownBy(() -> new ProviderBinding("dry-run", Map.of(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("secrets must not be null");
  }

  @Test
  void builderValidatesKeysAndValues() {
    ProviderBinding.Builder b = ProviderBinding.builder("aliyun-sms");
    assertThatThrownBy(() -> b.setting(" ", "x")).hasMessage("setting key must not be blank");
    assertThatThrownBy(() -> b.setting("region", null)).hasMessage("settings[region] must not be null");
    assertThatThrownBy(() -> b.secret(null, "x")).hasMessage("secret name must not be null");
    assertThatThrownBy(() -> b.secret("accessKeySecret", null)).hasMessage("secret value must not be null");
  }

  @Test
  void toStringShowsSecretNamesButNeverValues() {
    ProviderBinding b =
        ProviderBinding.builder("aliyun-sms")
            .setting("signName", "Touchbase")
            .secret("accessKeySecret", SECRET)
            .secret("accessKeyId", "id-2f9c7e")
            .build();
    assertThat(b.toString())
        .isEqualTo(
            "ProviderBinding{providerId=aliyun-sms, settings={signName=Touchbase},"
                + " secrets=[accessKeyId, accessKeySecret]}")
        .doesNotContain(SECRET)
        .doesNotContain("id-2f9c7e");
  }

  @Test
  void mapsAreUnmodifiableCopies() {
    Map<String, String> settings = new HashMap<>(Map.of("a", "1"));
    Map<String, String> secrets = new HashMap<>(Map.of("s", "v"));
    ProviderBinding b = new ProviderBinding("dry-run", settings, secrets);
    settings.put("b", "2");
    secrets.put("t", "w");
    assertThat(b.settings()).containsOnlyKeys("a");
    assertThat(b.secrets()).containsOnlyKeys("s");
    assertThatThrownBy(() -> b.settings().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> b.secrets().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }
}
