package io.touchbase.core.internal.engine;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.callback.CallbackResponse;
import io.touchbase.api.callback.Callbacks;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.internal.Checks;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.internal.channel.ChannelRegistry;
import io.touchbase.core.internal.channel.ConfiguredChannel;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.DispatchRow;
import io.touchbase.core.internal.store.DispatchStore;
import io.touchbase.core.internal.store.EnrollmentRow;
import io.touchbase.core.internal.store.EnrollmentStore;
import io.touchbase.core.internal.store.SendQuotaStore;
import io.touchbase.core.internal.store.TouchpointStore;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callbacks API: routes a webhook to its channel's handler, which verifies it first; records
 * what it reports (status reports by our dispatch id or the provider's id, replies, opt-outs,
 * send quota changes) in one transaction; answers what the provider expects. Duplicated reports
 * are ignored, and so are reports that arrive out of order (see {@link DeliveryProgress}). A reply
 * that is an unsubscribe keyword records a marketing opt-out for the channel's type. An opt-out
 * through one of our messages ({@link ChannelEvent.DispatchOptOut}) applies to the contact and
 * channel type of that dispatch. An opt-out of any kind (keyword, provider report, through a
 * dispatch) while one is already in force records nothing.
 *
 * <p>The request's channel may name a provider, {@code sms:tencent-sms}, when a channel has
 * several providers with callbacks; a bare channel name uses its first provider that has one.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class CallbacksService implements Callbacks {
  private static final Logger log = LoggerFactory.getLogger(CallbacksService.class);

  private final Db db;
  private final Clock clock;
  private final ChannelRegistry channels;
  private final DispatchStore dispatches;
  private final EnrollmentStore enrollments;
  private final ContactStore contacts;
  private final TouchpointStore touchpoints;
  private final Notifier notifier;
  private final UnsubscribeKeywords keywords;
  private final SendQuotaStore quotas;

  CallbacksService(Db db, Clock clock, ChannelRegistry channels, DispatchStore dispatches,
      EnrollmentStore enrollments, ContactStore contacts, TouchpointStore touchpoints, Notifier notifier,
      UnsubscribeKeywords keywords, SendQuotaStore quotas) {
    this.keywords = keywords;
    this.quotas = quotas;
    this.db = db;
    this.clock = clock;
    this.channels = channels;
    this.dispatches = dispatches;
    this.enrollments = enrollments;
    this.contacts = contacts;
    this.touchpoints = touchpoints;
    this.notifier = notifier;
  }

  @Override
  public CallbackResponse handle(CallbackRequest request) {
    Checks.notNull(request, "request");
    String[] parts = request.channel().split(":", 2);
    Optional<ConfiguredChannel> channel = channels.get(parts[0]);
    if (channel.isEmpty()) {
      log.warn("Callback for unknown channel '{}' rejected", parts[0]);
      return CallbackResponse.text(404, "unknown channel");
    }
    Optional<ConfiguredChannel.Bound> bound = channel.get().providers().stream()
        .filter(b -> parts.length == 1 || b.providerId().equals(parts[1]))
        .filter(b -> b.channel().callbackHandler().isPresent())
        .findFirst();
    if (bound.isEmpty()) {
      log.warn("Callback for channel '{}' rejected: no provider of it accepts callbacks", request.channel());
      return CallbackResponse.text(404, "channel accepts no callbacks");
    }
    CallbackHandler handler = bound.get().channel().callbackHandler().orElseThrow();
    CallbackResult result;
    try {
      result = handler.handle(request);
    } catch (CallbackRejectedException e) {
      log.warn("Callback for channel '{}' (provider '{}') rejected: {}",
          parts[0], bound.get().providerId(), e.getMessage());
      return CallbackResponse.text(e.status(), "rejected");
    }
    Effects fx = new Effects(touchpoints);
    db.inTransaction("record callback", c -> {
      for (ChannelEvent event : result.events()) {
        apply(c, channel.get(), bound.get().providerId(), event, fx);
      }
      return null;
    });
    notifier.publish(fx);
    return result.response();
  }

  private void apply(Connection c, ConfiguredChannel channel, String provider, ChannelEvent event, Effects fx)
      throws SQLException {
    var now = clock.instant();
    if (event instanceof ChannelEvent.StatusReport r) {
      Optional<DispatchRow> d = r.dispatchId().isPresent()
          ? dispatches.find(c, r.dispatchId().get().value())
          : Optional.empty();
      if (d.isEmpty() && r.providerMessageId().isPresent()) {
        // Some providers echo a shortened id of ours (Aliyun voice OutId): their id still matches.
        d = dispatches.findByProviderMessageId(c, channel.name(), r.providerMessageId().get());
      }
      if (d.isEmpty()) {
        log.warn("Status report on channel '{}' matches no dispatch (dispatch {}, provider id {}); ignored",
            channel.name(), r.dispatchId().map(Object::toString).orElse("-"), r.providerMessageId().orElse("-"));
        return;
      }
      DispatchRow dispatch = d.get();
      Optional<String> stale = DeliveryProgress.staleBecause(r.kind(), touchpoints.kindsOf(c, dispatch.dispatchId()));
      if (stale.isPresent()) {
        log.debug("{} report for dispatch {} ignored: {}", r.kind(), dispatch.dispatchId(), stale.get());
        return;
      }
      var enrollment = enrollments.find(c, dispatch.enrollmentId()).orElseThrow();
      fx.append(c, TouchpointDraft.ofRound(enrollment, dispatch.round(), r.kind(), r.occurredAt())
          .channel(channel.name()).provider(provider).dispatch(dispatch.dispatchId())
          .providerMessageId(r.providerMessageId().orElse(dispatch.providerMessageId()))
          .reason(r.reason().orElse(null)).attributes(r.attributes()));
    } else if (event instanceof ChannelEvent.InboundReply reply) {
      Optional<String> owner = contacts.ownerOf(c, reply.from());
      if (owner.isEmpty()) {
        log.info("Reply on channel '{}' from unknown address {} ignored", channel.name(), reply.from());
        return;
      }
      ContactId id = ContactId.of(owner.get());
      // Providers that give replies no id (Tencent) still push them again on a failed answer:
      // the time and text then stand in for the id.
      String replyId = reply.providerMessageId().orElseGet(() ->
          "reply@" + reply.occurredAt().getEpochSecond() + "#" + Integer.toHexString(reply.text().hashCode()));
      if (touchpoints.existsReply(c, id.value(), channel.name(), replyId)) {
        log.debug("Duplicate reply on channel '{}' ignored", channel.name());
        return;
      }
      fx.append(c, TouchpointDraft.of(id, TouchpointKind.REPLIED, reply.occurredAt())
          .channel(channel.name()).provider(provider).providerMessageId(replyId)
          .attribute("text", reply.text()));
      Optional<String> keyword = keywords.match(reply.text());
      if (keyword.isPresent()) {
        String source = "reply keyword '" + keyword.get() + "' on channel '" + channel.name() + "'";
        if (optOut(c, id, channel.type(), Purpose.MARKETING, reply.occurredAt(), source, now)) {
          fx.append(c, TouchpointDraft.of(id, TouchpointKind.UNSUBSCRIBED, reply.occurredAt())
              .channel(channel.name()).provider(provider).reason(source));
          log.info("Contact {} opted out of marketing on {} by replying an unsubscribe keyword", id, channel.type());
        }
      }
    } else if (event instanceof ChannelEvent.SendQuotaChange q) {
      // Kept by address: the popup may be accepted before the host upserts the contact.
      boolean counted = quotas.apply(c, q.to(), q.quotaKey(), q.change(), q.eventId(), q.occurredAt(), now);
      log.debug("Send quota '{}' of {} on channel '{}': {} {}", q.quotaKey(), q.to(), channel.name(), q.change(),
          counted ? "counted" : "already counted, ignored");
    } else if (event instanceof ChannelEvent.OptOut optOut) {
      Optional<String> owner = contacts.ownerOf(c, optOut.from());
      if (owner.isEmpty()) {
        log.info("Opt-out on channel '{}' from unknown address {} ignored", channel.name(), optOut.from());
        return;
      }
      ContactId id = ContactId.of(owner.get());
      if (optOut(c, id, channel.type(), optOut.purpose(), optOut.occurredAt(), optOut.source(), now)) {
        fx.append(c, TouchpointDraft.of(id, TouchpointKind.UNSUBSCRIBED, optOut.occurredAt())
            .channel(channel.name()).provider(provider).reason(optOut.source()));
      }
    } else if (event instanceof ChannelEvent.OptIn optIn) {
      Optional<String> owner = contacts.ownerOf(c, optIn.from());
      if (owner.isEmpty()) {
        log.info("Opt-in on channel '{}' from unknown address {} ignored", channel.name(), optIn.from());
        return;
      }
      ContactId id = ContactId.of(owner.get());
      if (consent(c, id, Consent.optIn(channel.type(), optIn.purpose(), optIn.occurredAt(), optIn.source()), now)) {
        log.info("Contact {} opted in to {} on {} ({})", id, optIn.purpose(), channel.type(), optIn.source());
      }
    } else if (event instanceof ChannelEvent.DispatchOptOut optOut) {
      optOutThrough(c, channel, provider, optOut, now, fx);
    }
  }

  /**
   * An opt-out through one of our messages (an email's one-click link): the contact of the
   * dispatch's enrollment opts out on the type of the channel that carried it.
   */
  private void optOutThrough(Connection c, ConfiguredChannel channel, String provider,
      ChannelEvent.DispatchOptOut optOut, Instant now, Effects fx) throws SQLException {
    Optional<DispatchRow> found = dispatches.find(c, optOut.dispatchId().value());
    Optional<EnrollmentRow> enrollment = found.isEmpty()
        ? Optional.empty() : enrollments.find(c, found.get().enrollmentId());
    if (enrollment.isEmpty()) {
      log.warn("Opt-out on channel '{}' through unknown dispatch {} ignored", channel.name(), optOut.dispatchId());
      return;
    }
    DispatchRow dispatch = found.get();
    ContactId id = ContactId.of(enrollment.get().contactId());
    ChannelType type = channels.get(dispatch.channel()).map(ConfiguredChannel::type).orElse(channel.type());
    if (optOut(c, id, type, optOut.purpose(), optOut.occurredAt(), optOut.source(), now)) {
      fx.append(c, TouchpointDraft.ofRound(enrollment.get(), dispatch.round(), TouchpointKind.UNSUBSCRIBED,
              optOut.occurredAt())
          .channel(dispatch.channel()).provider(dispatch.provider() == null ? provider : dispatch.provider())
          .dispatch(dispatch.dispatchId()).reason(optOut.source()));
      log.info("Contact {} opted out of {} on {} through dispatch {}",
          id, optOut.purpose(), type, dispatch.dispatchId());
    }
  }

  private boolean optOut(Connection c, ContactId id, ChannelType type, Purpose purpose, Instant at, String source,
      Instant now) throws SQLException {
    return consent(c, id, Consent.optOut(type, purpose, at, source), now);
  }

  /**
   * Records a consent unless the one in force for its channel type and purpose already has its
   * status, so that a repeated one-click POST, a pushed-again block or a second follow records
   * nothing new. The contact row is locked first: two such requests at once do not both see the
   * consent as it was.
   *
   * @return whether it was recorded
   */
  private boolean consent(Connection c, ContactId id, Consent consent, Instant now) throws SQLException {
    if (!contacts.lock(c, id)) {
      return false;
    }
    boolean already = ContactStore.currentConsents(contacts.consentHistory(c, id)).stream()
        .anyMatch(k -> k.channelType().equals(consent.channelType()) && k.purpose() == consent.purpose()
            && k.status() == consent.status());
    if (already) {
      log.debug("Contact {} already {} {} on {}; '{}' records nothing new", id, consent.status(), consent.purpose(),
          consent.channelType(), consent.source());
      return false;
    }
    contacts.insertConsent(c, id, consent, now);
    return true;
  }
}
