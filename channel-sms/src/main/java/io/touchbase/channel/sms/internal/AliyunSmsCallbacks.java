package io.touchbase.channel.sms.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.contact.Address;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.channel.support.AliyunPushes;
import io.touchbase.channel.support.CallbackTokens;
import io.touchbase.channel.support.ChinaTime;
import io.touchbase.channel.support.Json;
import io.touchbase.channel.support.PhoneNumbers;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.spi.channel.DispatchId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aliyun SMS HTTP pushes: delivery receipts (SmsReport) and replies (SmsUp), each a JSON array.
 * Aliyun documents no request signature, so the callback URL must carry the secret {@code
 * callbackToken} as query parameter {@code token}; it is checked before anything is parsed.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class AliyunSmsCallbacks implements CallbackHandler {
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Optional<String> callbackToken;

  AliyunSmsCallbacks(ObjectMapper mapper, Clock clock, Optional<String> callbackToken) {
    this.mapper = mapper;
    this.clock = clock;
    this.callbackToken = callbackToken;
  }

  @Override
  public CallbackResult handle(CallbackRequest request) {
    CallbackTokens.require(request, callbackToken);
    List<JsonNode> items = AliyunPushes.items(mapper, request.bodyText());
    List<ChannelEvent> events = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (item.has("biz_id") || item.has("success") || item.has("err_code")) {
        events.add(report(item, i));
      } else if (item.has("content") || item.has("sequence_id")) {
        events.add(reply(item, i));
      } else {
        throw CallbackRejectedException.malformed("item " + i + " is neither an SmsReport nor an SmsUp");
      }
    }
    return new CallbackResult(events, AliyunPushes.RECEIVED);
  }

  private ChannelEvent.StatusReport report(JsonNode item, int i) {
    boolean success = item.path("success").asBoolean(false);
    Optional<String> outId = Json.text(item, "out_id");
    Optional<String> bizId = Json.nonBlankText(item, "biz_id");
    Optional<DispatchId> dispatchId = outId.flatMap(AliyunSmsChannel::dispatchIdOf);
    Optional<String> providerMessageId = bizId;
    if (outId.isPresent() && outId.get().startsWith(AliyunSmsChannel.BATCH_OUT_ID_PREFIX) && bizId.isPresent()) {
      providerMessageId = Optional.of(AliyunSmsChannel.batchMessageId(bizId.get(), phone(item, i)));
    }
    if (dispatchId.isEmpty() && providerMessageId.isEmpty()) {
      throw CallbackRejectedException.malformed("SmsReport item " + i + " has neither out_id nor biz_id");
    }
    Optional<String> errCode = Json.nonBlankText(item, "err_code");
    // Report times are believed to be mainland China time (unconfirmed).
    Instant at = Json.text(item, "report_time").flatMap(ChinaTime::parse)
        .or(() -> Json.text(item, "send_time").flatMap(ChinaTime::parse))
        .orElseGet(clock::instant);
    Map<String, String> attributes = Json.text(item, "sms_size")
        .map(size -> Map.of("smsSize", size)).orElse(Map.of());
    return new ChannelEvent.StatusReport(
        dispatchId,
        providerMessageId,
        success ? TouchpointKind.DELIVERED : TouchpointKind.FAILED,
        at,
        success ? Optional.empty() : Optional.of(errCode.orElse("unknown")),
        attributes);
  }

  private ChannelEvent.InboundReply reply(JsonNode item, int i) {
    String text = Json.text(item, "content")
        .orElseThrow(() -> CallbackRejectedException.malformed("SmsUp item " + i + " has no content"));
    Instant at = Json.text(item, "send_time").flatMap(ChinaTime::parse).orElseGet(clock::instant);
    // sequence_id is a string now and a number in older pages; Json.text reads both.
    Optional<String> sequenceId = Json.nonBlankText(item, "sequence_id");
    return new ChannelEvent.InboundReply(Address.phone(phone(item, i)), text, at, sequenceId);
  }

  private static String phone(JsonNode item, int i) {
    try {
      return PhoneNumbers.toE164(Json.text(item, "phone_number").orElse(""));
    } catch (IllegalArgumentException e) {
      throw CallbackRejectedException.malformed("item " + i + " has no readable phone_number");
    }
  }
}
