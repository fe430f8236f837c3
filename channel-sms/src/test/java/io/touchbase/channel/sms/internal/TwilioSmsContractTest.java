package io.touchbase.channel.sms.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.testkit.ChannelProviderContractTest;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class TwilioSmsContractTest extends ChannelProviderContractTest {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger sids = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Override
  protected ChannelProvider provider() {
    return new TwilioSmsProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("accountSid", "AC0123456789", "from", "+15005550006", "endpoint", server.url("/").toString());
  }

  @Override
  protected Map<String, String> secrets() {
    return Map.of("authToken", "twilio-token-0001");
  }

  @Override
  protected Map<Class<?>, Object> services() {
    return Map.of(OkHttpClient.class, SmsTests.CLIENT, ObjectMapper.class, SmsTests.MAPPER);
  }

  @Override
  protected void prepareSuccessfulSend() {
    server.enqueue(new MockResponse().setResponseCode(201).setBody(
        "{\"sid\":\"SM" + sids.incrementAndGet() + "\",\"status\":\"queued\",\"num_segments\":\"1\"}"));
  }

  @Override
  protected boolean prepareFailingSend() {
    server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"code\":21211,\"message\":\"The 'To' number "
        + "+8613800138000 is not a valid phone number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\","
        + "\"status\":400}"));
    return true;
  }
}
