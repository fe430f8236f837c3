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

class AliyunSmsContractTest extends ChannelProviderContractTest {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger bizIds = new AtomicInteger();

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
    return new AliyunSmsProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of(
        "accessKeyId", "LTAI-contract",
        "signName", "测试店",
        "endpoint", server.url("/").toString(),
        "template.contract-test.code", "SMS_100",
        "template.contract-test.params", "name");
  }

  @Override
  protected Map<String, String> secrets() {
    return Map.of("accessKeySecret", "aliyun-secret-0001", "callbackToken", "callback-token-0001");
  }

  @Override
  protected Map<Class<?>, Object> services() {
    return Map.of(OkHttpClient.class, SmsTests.CLIENT, ObjectMapper.class, SmsTests.MAPPER);
  }

  @Override
  protected void prepareSuccessfulSend() {
    server.enqueue(new MockResponse().setBody(
        "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498" + bizIds.incrementAndGet()
            + "\",\"RequestId\":\"F655A8D5\"}"));
  }

  @Override
  protected boolean prepareFailingSend() {
    // Aliyun echoes the number in some messages; it must not reach the exception.
    server.enqueue(new MockResponse().setBody(
        "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"非法手机号 +8613800138000\","
            + "\"RequestId\":\"R1\"}"));
    return true;
  }
}
