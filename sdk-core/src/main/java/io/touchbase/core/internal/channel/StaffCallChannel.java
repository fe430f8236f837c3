package io.touchbase.core.internal.channel;

import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.time.Duration;
import java.util.Optional;

/**
 * A staff call channel: holds its queue and task deadline. Nothing is sent through it; the
 * engine turns its rounds into staff tasks, so {@link #send} is never called and refuses if it is.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class StaffCallChannel implements Channel {
  private final String channelName;
  private final String queue;
  private final Duration deadline;
  private final Optional<Alert> alert;

  /**
   * Who is told, and how, that a task of this channel is waiting.
   *
   * @param channel the configured channel that carries the alert, e.g. one bound to {@code wecom-app}
   * @param contactId the contact that stands for the queue's agents, with an address that channel sends to
   * @param template the template of the alert
   */
  public record Alert(String channel, String contactId, String template) {}

  StaffCallChannel(String channelName, String queue, Duration deadline, Optional<Alert> alert) {
    this.channelName = channelName;
    this.queue = queue;
    this.deadline = deadline;
    this.alert = alert;
  }

  /** The staff channel behind a configured channel, when it is one. */
  public static Optional<StaffCallChannel> of(ConfiguredChannel channel) {
    return channel.providers().get(0).channel() instanceof StaffCallChannel s ? Optional.of(s) : Optional.empty();
  }

  public String channelName() {
    return channelName;
  }

  /** The queue agents claim this channel's tasks from. */
  public String queue() {
    return queue;
  }

  /** How long a task may stay uncompleted. */
  public Duration deadline() {
    return deadline;
  }

  /** Who is told that a task is waiting, when the channel says. */
  public Optional<Alert> alert() {
    return alert;
  }

  @Override
  public SendResult send(OutboundMessage message) {
    throw ChannelException.permanent("staff-call",
        "Channel '" + channelName + "' is a staff call channel: its rounds become staff tasks and send nothing");
  }

  @Override
  public String toString() {
    return "StaffCallChannel{channel=" + channelName + ", queue=" + queue + ", deadline=" + deadline
        + alert.map(a -> ", alert=" + a.channel() + " to " + a.contactId()).orElse("") + "}";
  }
}
