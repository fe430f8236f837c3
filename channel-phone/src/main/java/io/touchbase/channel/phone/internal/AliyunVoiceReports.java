package io.touchbase.channel.phone.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.channel.support.AliyunPushes;
import io.touchbase.channel.support.ChinaTime;
import io.touchbase.channel.support.Json;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.spi.channel.DispatchId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the body of an Aliyun Voice HTTP batch push into status reports: each final call result
 * ({@code VoiceReport}) becomes {@code CALL_ANSWERED} or {@code CALL_NOT_ANSWERED}; intermediate
 * states ({@code VoiceCallReport}) become nothing. Verification happens before this class is
 * asked.
 */
final class AliyunVoiceReports {
  private final ObjectMapper mapper;
  private final Clock clock;

  AliyunVoiceReports(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  /**
   * Parses a push body.
   *
   * @throws CallbackRejectedException (400) if the body is not a JSON array of call reports
   */
  List<ChannelEvent> parse(String body) {
    List<JsonNode> items = AliyunPushes.items(mapper, body);
    List<ChannelEvent> events = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      report(items.get(i), i).ifPresent(events::add);
    }
    return events;
  }

  private Optional<ChannelEvent> report(JsonNode item, int index) {
    Optional<String> callId = text(item, "call_id");
    Optional<String> outId = text(item, "out_id");
    if (callId.isEmpty() && outId.isEmpty()) {
      throw CallbackRejectedException.malformed(
          "Aliyun voice report item [" + index + "] has neither call_id nor out_id");
    }
    Optional<DispatchId> dispatchId = outId.flatMap(AliyunVoiceReports::dispatchId);
    if (callId.isEmpty() && dispatchId.isEmpty()) {
      // Nothing to correlate with: an out_id Touchbase did not set, and no call_id.
      throw CallbackRejectedException.malformed(
          "Aliyun voice report item [" + index + "] has no call_id and an out_id that is not a dispatch id");
    }
    if (isIntermediate(item)) {
      return Optional.empty();
    }
    Optional<String> statusCode = text(item, "status_code");
    Optional<String> smartStatusCode = text(item, "smart_status_code");
    if (statusCode.isEmpty() && smartStatusCode.isEmpty()) {
      throw CallbackRejectedException.malformed(
          "Aliyun voice report item [" + index + "] has neither status_code nor smart_status_code");
    }
    AliyunCallOutcome outcome = AliyunCallOutcome.of(statusCode, smartStatusCode);
    Map<String, String> attributes = new LinkedHashMap<>();
    statusCode.ifPresent(v -> attributes.put("statusCode", v));
    smartStatusCode.ifPresent(v -> attributes.put("smartStatusCode", v));
    Instant at;
    if (outcome.answered()) {
      attributes.put("durationSeconds", duration(item, index));
      text(item, "hangup_direction").ifPresent(v -> attributes.put("hangupDirection", hangupDirection(v)));
      // The touchpoint is the answer, so it happened when the callee picked up.
      at = time(item, "start_time").or(() -> time(item, "end_time")).orElseGet(clock::instant);
    } else {
      at = time(item, "end_time").or(() -> time(item, "originate_time")).orElseGet(clock::instant);
    }
    return Optional.of(
        new ChannelEvent.StatusReport(
            dispatchId,
            callId,
            outcome.answered() ? TouchpointKind.CALL_ANSWERED : TouchpointKind.CALL_NOT_ANSWERED,
            at,
            outcome.reason(),
            attributes));
  }

  // unconfirmed: a VoiceCallReport item (call_id, status_code, status_time, out_id) is told apart
  // from a VoiceReport by its status_time and the absence of every field only a final result has.
  private static boolean isIntermediate(JsonNode item) {
    return item.has("status_time")
        && !item.has("smart_status_code")
        && !item.has("duration")
        && !item.has("end_time")
        && !item.has("hangup_direction");
  }

  private static String duration(JsonNode item, int index) {
    String raw = text(item, "duration").orElse("0");
    try {
      long seconds = Long.parseLong(raw);
      if (seconds < 0) {
        throw new NumberFormatException();
      }
      return Long.toString(seconds);
    } catch (NumberFormatException e) {
      throw CallbackRejectedException.malformed(
          "Aliyun voice report item [" + index + "] has a duration that is not whole seconds");
    }
  }

  // The push names the side that hung up in Chinese; the touchpoint keeps a stable English word.
  private static String hangupDirection(String raw) {
    return switch (raw) {
      case "用户" -> "callee";
      case "机器" -> "platform";
      default -> raw;
    };
  }

  /** Our dispatch id from {@code out_id} as given, when it can be one. */
  private static Optional<DispatchId> dispatchId(String outId) {
    try {
      return Optional.of(DispatchId.of(outId));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not set by Touchbase; correlation falls back to call_id
    }
  }

  // unconfirmed: the push's times carry no zone; Aliyun's mainland services use Beijing time.
  private static Optional<Instant> time(JsonNode item, String field) {
    return text(item, field).flatMap(ChinaTime::parse);
  }

  /** A field's text, stripped: strings as they are, numbers in their plain form; empty when absent or blank. */
  private static Optional<String> text(JsonNode item, String field) {
    return Json.nonBlankText(item, field).map(String::strip);
  }
}
