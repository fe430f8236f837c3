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

class TencentSmsContractTest extends ChannelProviderContractTest {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger serials = new AtomicInteger();

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
    return new TencentSmsProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of(
        "secretId", "AKID-contract",
        "smsSdkAppId", "1400006666",
        "signName", "腾讯云",
        "endpoint", server.url("/").toString(),
        "template.contract-test.code", "1110",
        "template.contract-test.params", "name");
  }

  @Override
  protected Map<String, String> secrets() {
    return Map.of("secretKey", "tencent-secret-0001", "callbackToken", "callback-token-0001");
  }

  @Override
  protected Map<Class<?>, Object> services() {
    return Map.of(OkHttpClient.class, SmsTests.CLIENT, ObjectMapper.class, SmsTests.MAPPER);
  }

  @Override
  protected void prepareSuccessfulSend() {
    server.enqueue(new MockResponse().setBody("{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"5000:"
        + serials.incrementAndGet() + "\",\"PhoneNumber\":\"+8613800138000\",\"Fee\":1,\"Code\":\"Ok\","
        + "\"Message\":\"send success\",\"IsoCode\":\"CN\"}],\"RequestId\":\"a0aabda6\"}}"));
  }

  @Override
  protected boolean prepareFailingSend() {
    server.enqueue(new MockResponse().setBody("{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"\","
        + "\"PhoneNumber\":\"+8613800138000\",\"Fee\":0,\"Code\":\"InvalidParameterValue.IncorrectPhoneNumber\","
        + "\"Message\":\"incorrect number +8613800138000\"}],\"RequestId\":\"r\"}}"));
    return true;
  }
}
