package io.touchbase.testkit;

import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The smallest well-behaved plugin: it "sends" by answering an id, the way a plugin author's
 * provider would talk to a real endpoint. It needs setting {@code endpoint} and secret {@code token}.
 */
public final class EchoChannelProvider implements ChannelProvider {
  // Stands in for the remote endpoint's state, as a MockWebServer's queue would.
  private static final AtomicBoolean rejectNext = new AtomicBoolean();

  /** The next send of any echo channel is rejected. */
  static void rejectNextSend() {
    rejectNext.set(true);
  }

  @Override
  public String id() {
    return "echo";
  }

  @Override
  public ChannelType channelType() {
    return ChannelType.of("echo");
  }

  @Override
  public List<AddressKind> requiredAddressKinds() {
    return List.of(AddressKind.PHONE, AddressKind.EMAIL);
  }

  @Override
  public Set<String> requiredSettings() {
    return Set.of("endpoint");
  }

  @Override
  public Set<String> requiredSecrets() {
    return Set.of("token");
  }

  @Override
  public Channel create(ChannelContext context) {
    return new EchoChannel(context.settings().require("endpoint"), context.secrets().require("token"));
  }

  private static final class EchoChannel implements Channel {
    private final String endpoint;
    private final String token;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<DispatchId, String> sent = new ConcurrentHashMap<>();

    EchoChannel(String endpoint, String token) {
      this.endpoint = endpoint;
      this.token = token;
    }

    @Override
    public SendResult send(OutboundMessage message) {
      if (rejectNext.getAndSet(false)) {
        throw ChannelException.permanent("echo.rejected", "echo endpoint rejected the message");
      }
      String id = "echo-" + sequence.incrementAndGet() + "-" + Integer.toHexString(token.hashCode());
      sent.put(message.dispatchId(), id);
      return SendResult.of(id);
    }

    @Override
    public LookupResult lookup(DispatchId dispatchId) {
      String id = sent.get(dispatchId);
      return id != null ? LookupResult.found(id) : LookupResult.notFound("echo never saw it");
    }

    @Override
    public String toString() {
      return "EchoChannel{endpoint=" + endpoint + ", sent=" + sent.size() + "}";
    }
  }
}
