package io.touchbase.core.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ConfigurationException;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelProviderLoader;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.testkit.TestChannelContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The built-in staff call provider. It sends nothing, so the plugin contract's send tests do not
 * apply; what it promises instead is checked here.
 */
class StaffCallChannelProviderTest {

  private static StaffCallChannel channel(String name, Map<String, String> settings) {
    return (StaffCallChannel) new StaffCallChannelProvider()
        .create(TestChannelContext.builder().channelName(name).providerId("staff-call").settings(settings).build());
  }

  @Test
  @DisplayName("is found by ServiceLoader as 'staff-call', a phone provider for phone numbers")
  void declaresItself() {
    List<Class<?>> found = new ArrayList<>();
    ChannelProviderLoader.serviceLoader().load((what, error) -> {}).forEach(p -> found.add(p.getClass()));
    assertThat(found).contains(StaffCallChannelProvider.class, DryRunChannelProvider.class);
    StaffCallChannelProvider p = new StaffCallChannelProvider();
    assertThat(p.id()).isEqualTo("staff-call");
    assertThat(p.channelType()).isEqualTo(ChannelType.PHONE);
    assertThat(p.requiredAddressKinds()).containsExactly(AddressKind.PHONE);
    assertThat(p.requiredSettings()).isEmpty();
    assertThat(p.requiredSecrets()).isEmpty();
  }

  @Test
  @DisplayName("queue defaults to the channel name, deadline to 48 hours; both can be set")
  void settings() {
    StaffCallChannel plain = channel("agent-call", Map.of());
    assertThat(plain.queue()).isEqualTo("agent-call");
    assertThat(plain.deadline()).isEqualTo(Duration.ofHours(48));
    StaffCallChannel set = channel("agent-call", Map.of("queue", "renewals", "deadline", "PT6H"));
    assertThat(set.queue()).isEqualTo("renewals");
    assertThat(set.deadline()).isEqualTo(Duration.ofHours(6));
    assertThat(set.toString()).isEqualTo("StaffCallChannel{channel=agent-call, queue=renewals, deadline=PT6H}");
  }

  @Test
  @DisplayName("a bad queue or deadline fails creation naming the setting")
  void badSettings() {
    assertThatThrownBy(() -> channel("agent-call", Map.of("queue", "a queue")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("Channel 'agent-call' (provider 'staff-call'): setting 'queue' must start with");
    assertThatThrownBy(() -> channel("agent-call", Map.of("deadline", "PT0S")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Channel 'agent-call' (provider 'staff-call'): setting 'deadline' must be greater than 0, but was PT0S");
    assertThatThrownBy(() -> channel("agent-call", Map.of("deadline", "soon")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("setting 'deadline'");
  }

  @Test
  @DisplayName("send is never the engine's way to a staff channel: it refuses permanently, without the number")
  void sendRefuses() {
    Channel channel = channel("agent-call", Map.of());
    OutboundMessage m = new OutboundMessage(DispatchId.of("e1r1a1"), "agent-call", ContactId.of("u1"),
        Address.phone("+8613800138000"), Purpose.MARKETING, "call-script", Map.of(), Optional.empty(),
        Optional.empty());
    assertThatThrownBy(() -> channel.send(m))
        .isInstanceOf(ChannelException.class)
        .hasMessageContaining("staff call channel").hasMessageNotContaining("13800138000")
        .satisfies(e -> assertThat(((ChannelException) e).outcome()).isEqualTo(ChannelException.Outcome.PERMANENT));
  }
}
