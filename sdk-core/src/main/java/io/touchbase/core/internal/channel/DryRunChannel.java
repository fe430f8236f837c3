package io.touchbase.core.internal.channel;

import io.touchbase.api.contact.ChannelType;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends nothing: logs each message with its address masked, and remembers the last {@value
 * #REMEMBERED} dispatch ids so that in-doubt look-ups within this process can be answered.
 * Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class DryRunChannel implements Channel {
  private static final Logger log = LoggerFactory.getLogger(DryRunChannel.class);
  static final int REMEMBERED = 10_000;

  private final String channelName;
  private final ChannelType type;
  // Insertion order, so the eldest entry is the oldest send; bounded so a long demo cannot grow it.
  private final Map<DispatchId, String> recent =
      new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<DispatchId, String> eldest) {
          return size() > REMEMBERED;
        }
      };

  DryRunChannel(String channelName, ChannelType type) {
    this.channelName = channelName;
    this.type = type;
  }

  @Override
  public Optional<ChannelType> channelType() {
    return Optional.of(type);
  }

  @Override
  public SendResult send(OutboundMessage message) {
    String id = "dry-run-" + message.dispatchId().value();
    synchronized (recent) {
      recent.put(message.dispatchId(), id);
    }
    log.info("Dry run: channel '{}' would send template '{}' to {} (dispatch {})",
        channelName, message.templateId(), message.to(), message.dispatchId());
    return SendResult.of(id);
  }

  /**
   * Found if sent by this instance. Otherwise unknown, not "not found": the id may have been sent
   * before a restart or pushed out of memory, and "not found" would make the engine send again.
   */
  @Override
  public LookupResult lookup(DispatchId dispatchId) {
    String id;
    synchronized (recent) {
      id = recent.get(dispatchId);
    }
    return id != null
        ? LookupResult.found(id)
        : LookupResult.unknown("dry-run keeps no record across restarts");
  }

  @Override
  public String toString() {
    return "DryRunChannel{channel=" + channelName + ", type=" + type + "}";
  }
}
