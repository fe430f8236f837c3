package io.touchbase.core.internal.task;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.internal.channel.ChannelRegistry;
import io.touchbase.core.internal.channel.ConfiguredChannel;
import io.touchbase.core.internal.dispatch.Dispatcher;
import io.touchbase.core.internal.dispatch.SendOutcome;
import io.touchbase.core.internal.engine.Effects;
import io.touchbase.core.internal.engine.TouchpointDraft;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.TouchpointStore;
import io.touchbase.core.internal.template.TemplateRenderer;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.OutboundMessage;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a queue's agents that a staff task is waiting: after the task's transaction commits, one
 * message on the staff channel's {@code alertChannel} (typically bound to {@code wecom-app}) to its
 * {@code alertContact}, the contact that stands for the agents. The alert is internal: no consent
 * or quiet hours apply, and it is sent once, not retried (the task itself is durable; the alert
 * only hurries it). Either way a {@code SENT} or {@code FAILED} touchpoint on the alert contact,
 * naming the task, records how it went.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class StaffAlerts {
  private static final Logger log = LoggerFactory.getLogger(StaffAlerts.class);

  private final Db db;
  private final Clock clock;
  private final ChannelRegistry channels;
  private final ContactStore contacts;
  private final TemplateRenderer templates;
  private final Dispatcher dispatcher;
  private final TouchpointStore touchpoints;

  public StaffAlerts(Db db, Clock clock, ChannelRegistry channels, ContactStore contacts, TemplateRenderer templates,
      Dispatcher dispatcher, TouchpointStore touchpoints) {
    this.db = db;
    this.clock = clock;
    this.channels = channels;
    this.contacts = contacts;
    this.templates = templates;
    this.dispatcher = dispatcher;
    this.touchpoints = touchpoints;
  }

  /** Sends one alert; never throws. @return the touchpoint recorded, if the alert contact exists */
  public Optional<Touchpoint> send(Effects.StaffAlert a) {
    try {
      return attempt(a);
    } catch (RuntimeException e) {
      log.warn("Alert of staff task {} on channel '{}' failed", a.taskId(), a.alertChannel(), e);
      return Optional.empty();
    }
  }

  private Optional<Touchpoint> attempt(Effects.StaffAlert a) {
    ContactId to = ContactId.of(a.alertContact());
    Optional<Contact> found = db.read("find alert contact", c -> contacts.find(c, to));
    if (found.isEmpty()) {
      log.warn("Staff task {} is waiting, but alert contact '{}' of channel '{}' does not exist; no alert sent",
          a.taskId(), a.alertContact(), a.alertChannel());
      return Optional.empty();
    }
    Contact agents = found.get();
    String about = "staff task " + a.taskId() + " is waiting in queue '" + a.variables().get("queue") + "'";
    TouchpointDraft draft = TouchpointDraft.of(agents.id(), TouchpointKind.FAILED, clock.instant())
        .channel(a.alertChannel()).attribute("taskId", Long.toString(a.taskId()));
    ConfiguredChannel channel = channels.get(a.alertChannel()).orElseThrow();
    Optional<Address> address = channel.addressFor(agents);
    if (address.isEmpty()) {
      return record(draft.reason(about + "; no alert: contact has no " + channel.addressKinds()
          + " address" + channel.addressScope().map(s -> " of " + s).orElse("")));
    }
    Locale locale = agents.locale().orElse(Locale.ROOT);
    Optional<String> text;
    try {
      text = templates.render(a.template(), locale, a.variables());
    } catch (IllegalArgumentException e) {
      return record(draft.reason(about + "; no alert: " + e.getMessage()));
    }
    OutboundMessage message = new OutboundMessage(DispatchId.of("task" + a.taskId() + "-alert"), channel.name(),
        agents.id(), address.get(), Purpose.TRANSACTIONAL, a.template(), a.variables(), text, agents.locale());
    SendOutcome outcome = dispatcher.send(channel, message);
    if (outcome instanceof SendOutcome.Accepted ok) {
      log.debug("Staff task {} announced on channel '{}' to contact '{}'", a.taskId(), channel.name(), agents.id());
      return record(TouchpointDraft.of(agents.id(), TouchpointKind.SENT, clock.instant()).channel(channel.name())
          .provider(ok.provider()).providerMessageId(ok.result().providerMessageId()).dispatch(message.dispatchId().value())
          .attribute("taskId", Long.toString(a.taskId())).reason(about));
    }
    SendOutcome.Failed failed = (SendOutcome.Failed) outcome;
    log.warn("Alert of staff task {} on channel '{}' failed: {}", a.taskId(), channel.name(), failed.reason());
    return record(draft.provider(failed.provider()).dispatch(message.dispatchId().value())
        .reason(about + "; alert failed: " + failed.reason()));
  }

  private Optional<Touchpoint> record(TouchpointDraft draft) {
    return Optional.of(db.inTransaction("record staff alert", c -> touchpoints.append(c, draft.build())));
  }
}
