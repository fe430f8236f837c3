package io.touchbase.channel.sms.internal;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.contact.Address;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.channel.support.Forms;
import io.touchbase.channel.support.TwilioWebhooks;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio messaging webhooks: status callbacks and incoming messages, verified by {@code
 * X-Twilio-Signature} before anything is read.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class TwilioSmsCallbacks implements CallbackHandler {
  private static final Logger LOG = LoggerFactory.getLogger(TwilioSmsCallbacks.class);

  private final String authToken;
  private final Clock clock;

  TwilioSmsCallbacks(String authToken, Clock clock) {
    this.authToken = authToken;
    this.clock = clock;
  }

  @Override
  public CallbackResult handle(CallbackRequest request) {
    Map<String, List<String>> params = TwilioWebhooks.verifiedParams(authToken, request);
    String status = Forms.first(params, "MessageStatus").or(() -> Forms.first(params, "SmsStatus")).orElse("");
    Optional<String> sid = Forms.first(params, "MessageSid").or(() -> Forms.first(params, "SmsSid"))
        .or(() -> Forms.first(params, "SmsMessageSid")).filter(s -> !s.isBlank());
    if (status.equals("received")) {
      return new CallbackResult(inbound(params, sid), TwilioWebhooks.EMPTY_TWIML);
    }
    if (sid.isEmpty()) {
      throw CallbackRejectedException.malformed("status callback has no MessageSid");
    }
    Optional<String> errorCode = Forms.first(params, "ErrorCode").filter(s -> !s.isBlank());
    TouchpointKind kind;
    Optional<String> reason = Optional.empty();
    switch (status) {
      case "delivered" -> kind = TouchpointKind.DELIVERED;
      case "undelivered", "failed" -> {
        kind = TouchpointKind.FAILED;
        reason = Optional.of(errorCode.orElse(status));
      }
      case "read" -> kind = TouchpointKind.OPENED;
      default -> {
        // queued, accepted, sending, sent, scheduled ...: SENT was recorded when the API accepted.
        return new CallbackResult(List.of(), TwilioWebhooks.EMPTY_TWIML);
      }
    }
    Map<String, String> attributes = errorCode.map(c -> Map.of("errorCode", c)).orElse(Map.of());
    // Twilio sends no event time; callbacks arrive within moments and may come out of order.
    return new CallbackResult(
        List.of(new ChannelEvent.StatusReport(Optional.empty(), sid, kind, clock.instant(), reason, attributes)),
        TwilioWebhooks.EMPTY_TWIML);
  }

  private List<ChannelEvent> inbound(Map<String, List<String>> params, Optional<String> sid) {
    String from = Forms.first(params, "From").orElse("");
    Address address;
    try {
      address = Address.phone(from);
    } catch (IllegalArgumentException e) {
      // A short code or another channel (whatsapp:...): a genuine request, but no contact's phone.
      // No sid in the line: it is request text and may hold a phone number.
      LOG.debug("Incoming Twilio message is not from an E.164 number; ignored");
      return List.of();
    }
    String body = Forms.first(params, "Body").orElse("");
    return List.of(new ChannelEvent.InboundReply(address, body, clock.instant(), sid));
  }
}
