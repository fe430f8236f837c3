package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelProviderTest {

  /** A provider that implements only the abstract methods. */
  static final class MinimalProvider implements ChannelProvider {
    private final String id;

    MinimalProvider(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public ChannelType channelType() {
      return ChannelType.SMS;
    }

    @Override
    public List<AddressKind> requiredAddressKinds() {
      return List.of(AddressKind.PHONE);
    }

    @Override
    public Channel create(ChannelContext context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String toString() {
      return "MinimalProvider[" + id + "]";
    }
  }

  @Test
  void defaultsRequireNothingAndDeclareTheCurrentSpiVersion() {
    ChannelProvider p = new MinimalProvider("minimal");
    assertThat(p.requiredSettings()).isEmpty();
    assertThat(p.requiredSecrets()).isEmpty();
    assertThat(p.spiVersion()).isEqualTo(ChannelProvider.SPI_VERSION).isEqualTo(1);
  }
}
