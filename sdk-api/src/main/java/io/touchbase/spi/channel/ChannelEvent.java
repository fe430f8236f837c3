package io.touchbase.spi.channel;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.internal.Checks;
import io.touchbase.api.touchpoint.TouchpointKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Something a provider reported through a callback. */
public sealed interface ChannelEvent
    permits ChannelEvent.StatusReport,
        ChannelEvent.InboundReply,
        ChannelEvent.OptOut,
        ChannelEvent.OptIn,
        ChannelEvent.DispatchOptOut,
        ChannelEvent.SendQuotaChange {

  /**
   * A status of a message we sent: delivered, failed, call answered ... Correlated to our dispatch
   * by {@code dispatchId} or, failing that, by {@code providerMessageId}.
   *
   * @param dispatchId our id, when the provider echoes it
   * @param providerMessageId the provider's id, when it reports one
   * @param kind the touchpoint kind to record
   * @param occurredAt the provider's time for the status
   * @param reason the provider's status or error code, for failures and unanswered calls
   * @param attributes details such as call duration
   */
  record StatusReport(
      Optional<DispatchId> dispatchId,
      Optional<String> providerMessageId,
      TouchpointKind kind,
      Instant occurredAt,
      Optional<String> reason,
      Map<String, String> attributes)
      implements ChannelEvent {
    public StatusReport {
      Checks.notNull(dispatchId, "dispatchId");
      Checks.notNull(providerMessageId, "providerMessageId");
      if (dispatchId.isEmpty() && providerMessageId.isEmpty()) {
        throw new IllegalArgumentException("a status report needs dispatchId or providerMessageId");
      }
      Checks.notNull(kind, "kind");
      Checks.notNull(occurredAt, "occurredAt");
      Checks.notNull(reason, "reason");
      attributes = Map.copyOf(Checks.notNull(attributes, "attributes"));
    }
  }

  /**
   * A message from a contact (an SMS reply, a WeChat message).
   *
   * @param from the sender's address
   * @param text what they wrote
   * @param occurredAt when
   * @param providerMessageId the provider's id for the inbound message, for de-duplication
   */
  record InboundReply(Address from, String text, Instant occurredAt, Optional<String> providerMessageId)
      implements ChannelEvent {
    public InboundReply {
      Checks.notNull(from, "from");
      Checks.notNull(text, "text");
      Checks.notNull(occurredAt, "occurredAt");
      Checks.notNull(providerMessageId, "providerMessageId");
    }

    @Override
    public String toString() {
      return "InboundReply{from=" + from + ", chars=" + text.length() + ", at=" + occurredAt + "}";
    }
  }

  /**
   * The provider reports that the contact opted out (blocked the account, unsubscribed).
   *
   * @param from the contact's address
   * @param purpose the purpose opted out of
   * @param occurredAt when
   * @param source where the opt-out came from, e.g. {@code wechat:user block}
   */
  record OptOut(Address from, Purpose purpose, Instant occurredAt, String source)
      implements ChannelEvent {
    public OptOut {
      Checks.notNull(from, "from");
      Checks.notNull(purpose, "purpose");
      Checks.notNull(occurredAt, "occurredAt");
      Checks.notBlank(source, "source");
    }
  }

  /**
   * The provider reports that the contact opted (back) in by an act of their own on the provider's
   * side, such as following a WeChat Official Account again. The engine records an opt-in for the
   * channel's type and the purpose unless one is already in force; an address no contact holds
   * records nothing. Report only what the user did: never infer marketing consent from it.
   *
   * @param from the contact's address
   * @param purpose the purpose opted in to
   * @param occurredAt when
   * @param source where the opt-in came from, e.g. {@code wechat:subscribe}
   */
  record OptIn(Address from, Purpose purpose, Instant occurredAt, String source)
      implements ChannelEvent {
    public OptIn {
      Checks.notNull(from, "from");
      Checks.notNull(purpose, "purpose");
      Checks.notNull(occurredAt, "occurredAt");
      Checks.notBlank(source, "source");
    }
  }

  /**
   * The recipient of one of our messages opted out through it, e.g. an email's one-click
   * unsubscribe link, whose token names our dispatch rather than the address. The engine finds the
   * contact and channel type from the dispatch; an unknown dispatch id records nothing.
   *
   * @param dispatchId the dispatch the opt-out came through
   * @param purpose the purpose opted out of
   * @param occurredAt when
   * @param source where the opt-out came from, e.g. {@code email:one-click}
   */
  record DispatchOptOut(DispatchId dispatchId, Purpose purpose, Instant occurredAt, String source)
      implements ChannelEvent {
    public DispatchOptOut {
      Checks.notNull(dispatchId, "dispatchId");
      Checks.notNull(purpose, "purpose");
      Checks.notNull(occurredAt, "occurredAt");
      Checks.notBlank(source, "source");
    }
  }

  /**
   * The provider reports a change to how many messages we may send an address for one quota key,
   * such as a WeChat subscribe-message template: the user accepted a one-time subscription
   * (one more send), refused or withdrew it (none), or a message was sent outside Touchbase (one
   * fewer). See {@link Channel#sendQuotaKey(String)}.
   *
   * @param to the address the quota belongs to
   * @param quotaKey the provider's key, e.g. the subscribe template id
   * @param change what happened
   * @param occurredAt the provider's time for it
   * @param eventId the provider's identity for the event, so that a repeated push counts once. For
   *     {@link QuotaChange#USED} it is {@code "msg:"} plus the provider's message id of the sent
   *     message: the engine counts each send it made itself under that same id, so a report of
   *     one of its own sends does not use the quota twice
   */
  record SendQuotaChange(Address to, String quotaKey, QuotaChange change, Instant occurredAt, String eventId)
      implements ChannelEvent {
    public SendQuotaChange {
      Checks.notNull(to, "to");
      Checks.notBlank(quotaKey, "quotaKey");
      Checks.notNull(change, "change");
      Checks.notNull(occurredAt, "occurredAt");
      Checks.notBlank(eventId, "eventId");
    }
  }

  /** How a {@link SendQuotaChange} moves the quota. */
  enum QuotaChange {
    /** One more send is allowed (an accepted one-time subscription). */
    GRANTED,
    /** No more sends until granted again (refused, or withdrawn later). */
    REVOKED,
    /** One send was used by a message Touchbase did not send. */
    USED
  }
}
