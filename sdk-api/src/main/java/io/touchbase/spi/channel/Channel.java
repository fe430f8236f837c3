package io.touchbase.spi.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
   * Looks up a message with everything the engine knows about the attempt. Providers whose query
   * needs the recipient or the date override this one; the default asks {@link
   * #lookup(DispatchId)}.
   */
  default LookupResult lookup(LookupRequest request) {
    return lookup(request.dispatchId());
  }

  /**
   * Sends several messages, in one provider call where the provider has a batch API (Aliyun
   * {@code SendBatchSms}, Tencent's {@code PhoneNumberSet}). Returns one attempt per message, in
   * the order given; a failure of one message does not fail the others. The default sends them
   * one by one.
   */
  default List<SendAttempt> sendAll(List<OutboundMessage> messages) {
    List<SendAttempt> attempts = new ArrayList<>(messages.size());
    for (OutboundMessage m : messages) {
      try {
        attempts.add(SendAttempt.accepted(m.dispatchId(), send(m)));
      } catch (ChannelException e) {
        attempts.add(SendAttempt.failed(m.dispatchId(), e));
      }
    }
    return attempts;
  }

  /**
   * The variables this channel needs to send a logical template: a provider of pre-approved
   * templates names the variables its mapping for {@code templateId} reads. Empty when the
   * channel cannot send the template at all (no mapping). The engine checks this when a cadence is
   * defined and when a contact is enrolled, so that a missing parameter is an error there rather
   * than a blank in a customer's message. The default sends any template and needs nothing.
   */
  default Optional<Set<String>> requiredVariables(String templateId) {
    return Optional.of(Set.of());
  }

  /**
   * The channel type of this configured instance, when it differs from {@link
   * ChannelProvider#channelType()} (a generic provider configured as a phone channel, say).
   * Consent is checked against it. The default defers to the provider.
   */
  default Optional<io.touchbase.api.contact.ChannelType> channelType() {
    return Optional.empty();
  }

  /**
   * The app or corporation id this channel sends from, for address kinds that are {@linkplain
   * io.touchbase.api.contact.AddressKind#scoped() scoped} (a WeChat openid belongs to one app id):
   * the engine then picks the contact's address of that scope only. Empty for channels whose
   * addresses are not scoped, which is the default.
   */
  default Optional<String> addressScope() {
    return Optional.empty();
  }

  /**
   * The quota key a send of {@code templateId} uses up, when the provider allows a send only
   * while the recipient holds quota for it (a WeChat subscribe message needs one accepted
   * one-time subscription per send). The engine keeps the count per address and key from {@link
   * ChannelEvent.SendQuotaChange} events, passes this channel over with a reason when none is
   * left, and uses one up when the provider accepts a send. The default is no quota.
   */
  default Optional<String> sendQuotaKey(String templateId) {
    return Optional.empty();
  }

  /**
   * How this channel's accepted sends wait for a staff member to confirm them, for providers
   * that only queue a message in a staff member's client (WeCom customer-contact messages). The
   * default is none: an accepted send is sent.
   */
  default Optional<StaffConfirmation> staffConfirmation() {
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
