package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class ChannelTest {

  /** A channel that implements only {@link Channel#send}. */
  static final class SendOnlyChannel implements Channel {
    @Override
    public SendResult send(OutboundMessage message) {
      return SendResult.of("m-1");
    }
  }

  @Test
  void defaultLookupCannotTellAndSaysWhichChannel() {
    LookupResult r = new SendOnlyChannel().lookup(DispatchId.of("d-1"));
    assertThat(r.status()).isEqualTo(LookupResult.Status.UNKNOWN);
    assertThat(r.providerMessageId()).isEmpty();
    assertThat(r.detail()).isEqualTo("channel 'SendOnlyChannel' has no look-up");
  }

  @Test
  void defaultChannelTypeDefersToTheProvider() {
    assertThat(new SendOnlyChannel().channelType()).isEmpty();
  }

  @Test
  void defaultHasNoCallbackHandler() {
    assertThat(new SendOnlyChannel().callbackHandler()).isEmpty();
  }

  @Test
  void defaultCloseIsIdempotent() {
    Channel channel = new SendOnlyChannel();
    assertThatCode(
            () -> {
              channel.close();
              channel.close();
            })
        .doesNotThrowAnyException();
  }
}
