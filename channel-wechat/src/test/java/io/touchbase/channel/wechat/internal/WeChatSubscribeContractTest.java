package io.touchbase.channel.wechat.internal;

import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.testkit.ChannelProviderContractTest;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class WeChatSubscribeContractTest extends ChannelProviderContractTest {
  private final WeChatContractSupport fake = new WeChatContractSupport();

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
    return new WeChatSubscribeProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return fake.settings("thing1:name");
  }

  @Override
  protected Map<String, String> secrets() {
    return WeChatContractSupport.secrets();
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
