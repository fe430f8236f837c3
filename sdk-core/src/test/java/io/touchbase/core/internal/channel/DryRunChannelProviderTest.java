package io.touchbase.core.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.touchbase.api.ConfigurationException;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.testkit.ChannelProviderContractTest;
import io.touchbase.testkit.TestChannelContext;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The plugin contract, plus what only dry-run promises: it logs, remembers and types channels. */
class DryRunChannelProviderTest extends ChannelProviderContractTest {

  @Override
  protected ChannelProvider provider() {
    return new DryRunChannelProvider();
  }

  private static Channel channel(Map<String, String> settings) {
    return new DryRunChannelProvider()
        .create(TestChannelContext.builder().channelName("sms").providerId("dry-run").settings(settings).build());
  }

  private static OutboundMessage message(String dispatchId) {
    return new OutboundMessage(DispatchId.of(dispatchId), "sms", ContactId.of("u1"),
        Address.phone("+8613800138000"), Purpose.MARKETING, "renewal-1", Map.of(), Optional.empty(),
        Optional.empty());
  }

  @Test
  @DisplayName("answers dry-run-<dispatch id> and finds what it sent in this process only")
  void remembersDispatchIds() {
    try (Channel channel = channel(Map.of())) {
      assertThat(channel.send(message("e1r1a1")).providerMessageId()).isEqualTo("dry-run-e1r1a1");
      assertThat(channel.lookup(DispatchId.of("e1r1a1"))).isEqualTo(LookupResult.found("dry-run-e1r1a1"));
      LookupResult unknown = channel.lookup(DispatchId.of("e2r1a1"));
      assertThat(unknown.status()).as("no record is not proof it was never sent").isEqualTo(LookupResult.Status.UNKNOWN);
      assertThat(unknown.detail()).isEqualTo("dry-run keeps no record across restarts");
    }
  }

  @Test
  @DisplayName("remembers only the last 10,000 dispatch ids")
  void memoryIsBounded() {
    try (Channel channel = channel(Map.of())) {
      for (int i = 0; i <= 10_000; i++) {
        channel.send(message("d" + i));
      }
      assertThat(channel.lookup(DispatchId.of("d0")).status()).isEqualTo(LookupResult.Status.UNKNOWN);
      assertThat(channel.lookup(DispatchId.of("d1")).status()).isEqualTo(LookupResult.Status.FOUND);
      assertThat(channel.lookup(DispatchId.of("d10000")).status()).isEqualTo(LookupResult.Status.FOUND);
    }
  }

  @Test
  @DisplayName("logs one INFO line per message, with the address masked")
  void logsMaskedLine() {
    Logger logger = (Logger) LoggerFactory.getLogger(DryRunChannel.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (Channel channel = channel(Map.of())) {
      channel.send(message("e1r1a1"));
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(appender.list).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).hasToString("INFO");
      assertThat(e.getFormattedMessage()).isEqualTo(
          "Dry run: channel 'sms' would send template 'renewal-1' to phone:+861******8000 (dispatch e1r1a1)");
    });
  }

  @Test
  @DisplayName("setting channelType types the configured channel; the provider says sms")
  void channelTypeSetting() {
    assertThat(new DryRunChannelProvider().channelType()).isEqualTo(ChannelType.SMS);
    try (Channel phone = channel(Map.of("channelType", "phone")); Channel plain = channel(Map.of())) {
      assertThat(phone.channelType()).contains(ChannelType.PHONE);
      assertThat(plain.channelType()).contains(ChannelType.SMS);
    }
  }

  @Test
  @DisplayName("a channelType that is not lower-kebab-case fails creation, naming the setting")
  void badChannelType() {
    assertThatThrownBy(() -> channel(Map.of("channelType", "Phone Call")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("channelType");
  }
}
