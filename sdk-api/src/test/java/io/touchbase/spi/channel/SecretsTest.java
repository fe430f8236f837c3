package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ConfigurationException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private static final Secrets SECRETS =
      name -> Optional.ofNullable(Map.of("accessKeySecret", "s3cr3t", "blank", "  ").get(name));

  @Test
  void requireReturnsAConfiguredSecret() {
    assertThat(SECRETS.require("accessKeySecret")).isEqualTo("s3cr3t");
  }

  @Test
  void requireNamesAMissingOrBlankSecret() {
    assertThatThrownBy(() -> SECRETS.require("token"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("secret 'token' is required");
    assertThatThrownBy(() -> SECRETS.require("blank"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("secret 'blank' is required");
  }
}
