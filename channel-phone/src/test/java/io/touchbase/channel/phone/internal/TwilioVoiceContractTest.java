package io.touchbase.channel.phone.internal;

import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.testkit.ChannelProviderContractTest;
import java.io.IOException;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class TwilioVoiceContractTest extends ChannelProviderContractTest {
  static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Override
  protected ChannelProvider provider() {
    return new TwilioVoiceProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of(
        "endpoint", server.url("/").toString(),
        "accountSid", ACCOUNT_SID,
        "from", "+15005550006",
        "statusCallbackUrl", "https://example.com/callbacks/phone");
  }

  @Override
  protected Map<String, String> secrets() {
    return Map.of("authToken", "contract-auth-token-value");
  }

  @Override
  protected Map<Class<?>, Object> services() {
    return Fixtures.services();
  }

  @Override
  protected void prepareSuccessfulSend() {
    server.enqueue(new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
        .setBody("{\"sid\":\"CA0123456789abcdef0123456789abcdef\",\"status\":\"queued\"}"));
  }

  @Override
  protected boolean prepareFailingSend() {
    server.enqueue(new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
        .setBody("{\"code\":21211,\"message\":\"The 'To' number +8613800138000 is not a valid phone number.\","
            + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}"));
    return true;
  }
}
