package io.touchbase.channel.sms.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.callback.CallbackResponse;
import io.touchbase.api.contact.Address;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.channel.support.CallbackTokens;
import io.touchbase.channel.support.ChinaTime;
import io.touchbase.channel.support.Json;
import io.touchbase.channel.support.PhoneNumbers;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tencent Cloud SMS callbacks: status reports (a JSON array) and replies (a JSON object).
 * Tencent documents no request signature (unconfirmed), so the callback URL must carry the
 * secret {@code callbackToken} as query parameter {@code token}; it is checked before anything is
 * parsed.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class TencentSmsCallbacks implements CallbackHandler {
  static final CallbackResponse ACCEPTED =
      CallbackResponse.ok("application/json; charset=utf-8", "{\"result\":0,\"errmsg\":\"OK\"}");

  private final ObjectMapper mapper;
  private final Clock clock;
  private final Optional<String> callbackToken;

  TencentSmsCallbacks(ObjectMapper mapper, Clock clock, Optional<String> callbackToken) {
    this.mapper = mapper;
    this.clock = clock;
    this.callbackToken = callbackToken;
  }

  @Override
  public CallbackResult handle(CallbackRequest request) {
    CallbackTokens.require(request, callbackToken);
    JsonNode root;
    try {
      root = mapper.readTree(request.body());
    } catch (IOException e) {
      throw CallbackRejectedException.malformed("body is not JSON");
    }
    List<JsonNode> items = new ArrayList<>();
    if (root != null && root.isArray()) {
      root.forEach(items::add);
    } else if (root != null && root.isObject()) {
      items.add(root);
    } else {
      throw CallbackRejectedException.malformed("body must be a JSON array of status reports or a reply object");
    }
    List<ChannelEvent> events = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (item.has("report_status") || item.has("sid")) {
        events.add(status(item, i));
      } else if (item.has("text") && item.has("mobile")) {
        events.add(reply(item, i));
      } else {
        throw CallbackRejectedException.malformed("item " + i + " is neither a status report nor a reply");
      }
    }
    return new CallbackResult(events, ACCEPTED);
  }

  private ChannelEvent.StatusReport status(JsonNode item, int i) {
    String sid = Json.nonBlankText(item, "sid")
        .orElseThrow(() -> CallbackRejectedException.malformed("status report " + i + " has no sid"));
    String status = Json.text(item, "report_status").orElse("");
    boolean delivered = status.equals("SUCCESS");
    // Receive times are believed to be mainland China time (unconfirmed).
    Instant at = Json.text(item, "user_receive_time").flatMap(ChinaTime::parse)
        .orElseGet(clock::instant);
    Optional<String> reason = delivered
        ? Optional.empty()
        : Optional.of(Json.nonBlankText(item, "errmsg")
            .orElse(status.isEmpty() ? "unknown" : status));
    // No SessionContext comes back: correlation is by sid, the SerialNo of the send.
    return new ChannelEvent.StatusReport(
        Optional.empty(), Optional.of(sid), delivered ? TouchpointKind.DELIVERED : TouchpointKind.FAILED, at,
        reason, Map.of());
  }

  private ChannelEvent.InboundReply reply(JsonNode item, int i) {
    String from;
    try {
      from = PhoneNumbers.fromNationCode(
          Json.text(item, "nationcode").orElse(""), Json.text(item, "mobile").orElse(""));
    } catch (IllegalArgumentException e) {
      throw CallbackRejectedException.malformed("reply " + i + " has no readable nationcode and mobile");
    }
    Instant at = epochSeconds(item.path("time")).orElseGet(clock::instant);
    String text = Json.text(item, "text").orElse("");
    // Replies carry no message id.
    return new ChannelEvent.InboundReply(Address.phone(from), text, at, Optional.empty());
  }

  /** Unix seconds, as a number or digits; empty when unreadable or beyond what an instant holds. */
  private static Optional<Instant> epochSeconds(JsonNode time) {
    try {
      if (time.canConvertToLong()) {
        return Optional.of(Instant.ofEpochSecond(time.asLong()));
      }
      if (time.isTextual() && time.asText().matches("[0-9]+")) {
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(time.asText())));
      }
    } catch (NumberFormatException | DateTimeException e) {
      // A time no clock can show is as unreadable as text: the engine's clock stands in.
    }
    return Optional.empty();
  }
}
