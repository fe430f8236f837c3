package io.touchbase.core.internal.channel;

import io.touchbase.api.ConfigurationException;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.internal.Checks;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The built-in {@code staff-call} provider: a channel bound to it makes a round a call by a person.
 * The engine creates a staff task instead of sending anything; the host claims and completes it
 * through {@code Touchbase.staffTasks()}. Channel type {@code phone}, address kind {@code phone}, so
 * consent, quiet hours, address checks and channel fallback apply as to any phone channel.
 *
 * <p>Settings: {@code queue}, the queue agents claim from (default: the channel name), and {@code
 * deadline}, how long a task may stay uncompleted ({@link #DEFAULT_DEADLINE} unless set). With
 * {@code alertChannel} and {@code alertContact} every new task is also announced to that contact
 * (the queue's agents, e.g. as WeCom staff) on that channel, with template {@code alertTemplate}
 * ({@link #DEFAULT_ALERT_TEMPLATE} unless set).
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class StaffCallChannelProvider implements ChannelProvider {
  public static final String ID = "staff-call";
  /** How long a task may stay uncompleted unless the channel sets {@code deadline}. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofHours(48);
  /** The template of a task alert unless the channel sets {@code alertTemplate}. */
  public static final String DEFAULT_ALERT_TEMPLATE = "staff-task-waiting";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ChannelType channelType() {
    return ChannelType.PHONE;
  }

  @Override
  public List<AddressKind> requiredAddressKinds() {
    return List.of(AddressKind.PHONE);
  }

  @Override
  public Channel create(ChannelContext context) {
    String owner = "Channel '" + context.channelName() + "' (provider '" + ID + "')";
    String queue = context.settings().get("queue").orElse(context.channelName());
    try {
      Checks.name(queue, "setting 'queue'");
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(owner + ": " + e.getMessage());
    }
    Duration deadline = context.settings().duration("deadline", DEFAULT_DEADLINE);
    if (deadline.isNegative() || deadline.isZero()) {
      throw new ConfigurationException(owner + ": setting 'deadline' must be greater than 0, but was " + deadline);
    }
    Optional<String> alertChannel = context.settings().get("alertChannel");
    Optional<String> alertContact = context.settings().get("alertContact");
    if (alertChannel.isPresent() != alertContact.isPresent()) {
      throw new ConfigurationException(owner + ": settings 'alertChannel' and 'alertContact' go together: the"
          + " channel that carries task alerts and the contact that stands for the queue's agents");
    }
    Optional<StaffCallChannel.Alert> alert = Optional.empty();
    if (alertChannel.isPresent()) {
      String template = context.settings().get("alertTemplate").orElse(DEFAULT_ALERT_TEMPLATE);
      try {
        Checks.name(alertChannel.get(), "setting 'alertChannel'");
        Checks.name(template, "setting 'alertTemplate'");
        ContactId.of(alertContact.get());
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(owner + ": " + e.getMessage());
      }
      alert = Optional.of(new StaffCallChannel.Alert(alertChannel.get(), alertContact.get(), template));
    }
    return new StaffCallChannel(context.channelName(), queue, deadline, alert);
  }

  @Override
  public String toString() {
    return "StaffCallChannelProvider{id=" + ID + "}";
  }
}
