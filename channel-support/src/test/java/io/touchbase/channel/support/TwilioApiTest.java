package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class TwilioApiTest {

  @Test
  void accountResourceUrl() {
    assertThat(TwilioApi.accountResource(HttpUrl.get("https://api.twilio.com"), "AC0123", "Messages.json"))
        .hasToString("https://api.twilio.com/2010-04-01/Accounts/AC0123/Messages.json");
    // A test server's base URL with a path keeps it.
    assertThat(TwilioApi.accountResource(HttpUrl.get("http://127.0.0.1:8080/twilio/"), "AC0123", "Calls.json"))
        .hasToString("http://127.0.0.1:8080/twilio/2010-04-01/Accounts/AC0123/Calls.json");
  }

  @Test
  void basicAuthorizationInUtf8() {
    assertThat(TwilioApi.authorization("AC0123", "token"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("AC0123:token".getBytes(StandardCharsets.UTF_8)));
    assertThat(TwilioApi.authorization("AC0123", "tökén"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("AC0123:tökén".getBytes(StandardCharsets.UTF_8)));
  }
}
