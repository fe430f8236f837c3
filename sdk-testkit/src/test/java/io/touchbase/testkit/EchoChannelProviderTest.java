package io.touchbase.testkit;

import io.touchbase.spi.channel.ChannelProvider;
import java.util.Map;

/** The contract passes for a well-behaved provider, failure scenario included. */
class EchoChannelProviderTest extends ChannelProviderContractTest {

  @Override
  protected ChannelProvider provider() {
    return new EchoChannelProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("endpoint", "https://echo.example.com/send");
  }

  @Override
  protected Map<String, String> secrets() {
    return Map.of("token", "echo-secret-token-1234");
  }

  @Override
  protected boolean prepareFailingSend() {
    EchoChannelProvider.rejectNextSend();
    return true;
  }
}
