package io.touchbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretResolverTest {

  @ParameterizedTest
  @CsvSource({
    "sms, accessKeySecret, TOUCHBASE_SMS_ACCESS_KEY_SECRET",
    "wechat-oa, appSecret, TOUCHBASE_WECHAT_OA_APP_SECRET",
    "order.sms, api_key, TOUCHBASE_ORDER_SMS_API_KEY",
    "email, smtpPassword2, TOUCHBASE_EMAIL_SMTP_PASSWORD2",
    "sms2, token2Fa, TOUCHBASE_SMS2_TOKEN2_FA",
    "Voice, APIKey, TOUCHBASE_VOICE_APIKEY"
  })
  void environmentNameIsUpperSnakeCase(String channel, String secret, String expected) {
    assertThat(SecretResolver.environmentName(channel, secret)).isEqualTo(expected);
  }

  @Test
  void noneResolvesNothing() {
    assertThat(SecretResolver.none().resolve("sms", "aliyun-sms", "accessKeySecret")).isEmpty();
  }

  @Test
  void environmentReadsTheVariableNamedByEnvironmentName() {
    String channel = "unit-test-channel";
    String secret = "neverSetSecret";
    Optional<String> expected =
        Optional.ofNullable(System.getenv(SecretResolver.environmentName(channel, secret)));
    assertThat(SecretResolver.environment().resolve(channel, "dry-run", secret)).isEqualTo(expected);
  }
}
