package io.touchbase.spi.channel;

import java.util.Optional;

/**
 * A configured channel instance that sends messages through one provider. Created by {@link
 * ChannelProvider#create}; must be thread-safe: the engine calls {@link #send} from many threads.
 * {@link #toString()} must not show secrets.
 */
public interface Channel extends AutoCloseable {

  /**
   * Sends one message. The message's {@link OutboundMessage#dispatchId()} is our idempotency key:
   * pass it to the provider where it accepts one (Aliyun {@code OutId}, Tencent {@code
   * SessionContext}) so that {@link #lookup} and receipts can find the message.
   *
   * @return the provider's answer, with its message id
   * @throws ChannelException for any failure, saying whether a retry may succeed
   */
  SendResult send(OutboundMessage message);

  /**
   * Looks up a message by our dispatch id, to resolve a send whose outcome is unknown (the
   * process stopped after calling the provider). The engine never resends blindly: it resends
   * only on {@link LookupResult.Status#NOT_FOUND}.
   *
   * <p>The default cannot tell.
   */
  default LookupResult lookup(DispatchId dispatchId) {
    return LookupResult.unknown("channel '" + getClass().getSimpleName() + "' has no look-up");
  }

  /**
   * The channel type of this configured instance, when it differs from {@link
   * ChannelProvider#channelType()} (a generic provider configured as a phone channel, say).
   * Consent is checked against it. The default defers to the provider.
   */
  default Optional<io.touchbase.api.contact.ChannelType> channelType() {
    return Optional.empty();
  }

  /** Verifies and parses this provider's webhooks, if it sends any. */
  default Optional<CallbackHandler> callbackHandler() {
    return Optional.empty();
  }

  /** Releases resources. Idempotent; the default does nothing. */
  @Override
  default void close() {}
}
