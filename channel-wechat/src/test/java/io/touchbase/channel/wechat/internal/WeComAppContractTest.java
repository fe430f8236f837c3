package io.touchbase.channel.wechat.internal;

import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.testkit.ChannelProviderContractTest;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class WeComAppContractTest extends ChannelProviderContractTest {
  private final WeComContractSupport fake = new WeComContractSupport();

  @BeforeEach
  void start() throws IOException {
    fake.start();
  }

  @AfterEach
  void stop() throws IOException {
    fake.stop();
  }

  @Override
  protected ChannelProvider provider() {
    return new WeComAppProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return fake.settings(Map.of("agentId", "1000002"));
  }

  @Override
  protected Map<String, String> secrets() {
    return WeComContractSupport.secrets("agentSecret");
  }

  @Override
  protected Map<Class<?>, Object> services() {
    return fake.services();
  }

  @Override
  protected boolean prepareFailingSend() {
    fake.failNext();
    return true;
  }
}
