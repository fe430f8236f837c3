package io.touchbase.channel.phone.internal;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.channel.support.Forms;
import io.touchbase.channel.support.TwilioWebhooks;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.spi.channel.DispatchId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Receives Twilio call status callbacks. The {@code X-Twilio-Signature} is checked first; then
 * {@code CallStatus} decides: a result becomes one status report for {@code CallSid}, a state on
 * the way to one (ringing ...) becomes nothing.
 */
final class TwilioCallStatusHandler implements CallbackHandler {
  private final String authToken;
  private final Clock clock;

  TwilioCallStatusHandler(String authToken, Clock clock) {
    this.authToken = authToken;
    this.clock = clock;
  }

  @Override
  public CallbackResult handle(CallbackRequest request) {
    Map<String, List<String>> params = TwilioWebhooks.verifiedParams(authToken, request);
    String callSid = required(params, "CallSid");
    String callStatus = required(params, "CallStatus");
    Optional<String> rawDuration = Forms.first(params, "CallDuration").filter(v -> !v.isBlank());
    long duration = rawDuration.map(TwilioCallStatusHandler::seconds).orElse(0L);
    Optional<TwilioCallOutcome> outcome = TwilioCallOutcome.of(callStatus, duration);
    if (outcome.isEmpty()) {
      return new CallbackResult(List.of(), TwilioWebhooks.EMPTY_TWIML);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("callStatus", callStatus);
    rawDuration.ifPresent(v -> attributes.put("durationSeconds", Long.toString(duration)));
    // unconfirmed: AnsweredBy (answering machine detection) and ErrorCode are not among the
    // fields the provider reference confirms; kept when present.
    Forms.first(params, "AnsweredBy").filter(v -> !v.isBlank()).ifPresent(v -> attributes.put("answeredBy", v));
    Forms.first(params, "ErrorCode").filter(v -> !v.isBlank()).ifPresent(v -> attributes.put("errorCode", v));
    ChannelEvent event =
        new ChannelEvent.StatusReport(
            dispatchId(request.url()),
            Optional.of(callSid),
            outcome.get().kind(),
            occurredAt(params),
            outcome.get().reason(),
            attributes);
    return new CallbackResult(List.of(event), TwilioWebhooks.EMPTY_TWIML);
  }

  private static String required(Map<String, List<String>> params, String name) {
    return Forms.first(params, name)
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .orElseThrow(() -> CallbackRejectedException.malformed("Twilio call status has no " + name));
  }

  private static long seconds(String raw) {
    try {
      long seconds = Long.parseLong(raw.strip());
      if (seconds < 0) {
        throw new NumberFormatException();
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw CallbackRejectedException.malformed("Twilio call status has a CallDuration that is not whole seconds");
    }
  }

  /** The dispatch id the channel put into the status callback URL; the signature covers it. */
  private static Optional<DispatchId> dispatchId(String url) {
    try {
      return Forms.first(Forms.queryOf(url), TwilioVoiceChannel.DISPATCH_ID_PARAMETER).map(DispatchId::of);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // correlation falls back to CallSid
    }
  }

  // unconfirmed: Timestamp (RFC 1123, e.g. "Mon, 16 Aug 2010 03:45:01 +0000") is not among the
  // confirmed fields; the engine clock stands in when it is absent or unreadable.
  private Instant occurredAt(Map<String, List<String>> params) {
    return Forms.first(params, "Timestamp")
        .flatMap(
            v -> {
              try {
                return Optional.of(ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
              } catch (DateTimeParseException e) {
                return Optional.empty();
              }
            })
        .orElseGet(clock::instant);
  }

  @Override
  public String toString() {
    return "TwilioCallStatusHandler{}";
  }
}
