package io.touchbase.channel.phone.internal;

import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.testkit.ChannelProviderContractTest;
import java.io.IOException;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class AliyunVoiceContractTest extends ChannelProviderContractTest {
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
    return new AliyunVoiceProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of(
        "endpoint", server.url("/").toString(),
        "accessKeyId", "contract-key-id",
        "template.contract-test.code", "TTS_0000001",
        "template.contract-test.params", "name");
  }

  @Override
  protected Map<String, String> secrets() {
    return Map.of("accessKeySecret", "contract-access-key-secret", "callbackToken", "contract-callback-token");
  }

  @Override
  protected Map<Class<?>, Object> services() {
    return Fixtures.services();
  }

  @Override
  protected void prepareSuccessfulSend() {
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
        .setBody("{\"Code\":\"OK\",\"Message\":\"OK\",\"CallId\":\"116012354148^102813781234\","
            + "\"RequestId\":\"r-1\"}"));
  }

  @Override
  protected boolean prepareFailingSend() {
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
        .setBody("{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"invalid number +8613800138000\","
            + "\"RequestId\":\"r-2\"}"));
    return true;
  }
}
