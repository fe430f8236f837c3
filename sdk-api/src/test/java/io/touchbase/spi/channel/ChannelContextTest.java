package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ConfigurationException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelContextTest {

  private static ChannelContext context(Map<Class<?>, Object> services) {
    return new ChannelContext() {
      @Override
      public String channelName() {
        return "sms";
      }

      @Override
      public String providerId() {
        return "aliyun-sms";
      }

      @Override
      public ChannelSettings settings() {
        return ChannelSettings.of(Map.of());
      }

      @Override
      public Secrets secrets() {
        return name -> Optional.empty();
      }

      @Override
      public Clock clock() {
        return Clock.systemUTC();
      }

      @Override
      public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
      }
    };
  }

  @Test
  void requireServiceReturnsTheSharedService() {
    StringBuilder shared = new StringBuilder("shared");
    assertThat(context(Map.of(StringBuilder.class, shared)).requireService(StringBuilder.class))
        .isSameAs(shared);
  }

  @Test
  void requireServiceNamesChannelProviderAndTypeWhenMissing() {
    assertThatThrownBy(() -> context(Map.of()).requireService(StringBuilder.class))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Channel 'sms' (provider 'aliyun-sms') needs shared service java.lang.StringBuilder,"
                + " which the engine does not offer");
  }
}
