package io.touchbase.channel.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent.StatusReport;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.TestChannelContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AliyunVoiceReportHandlerTest {
  private static final String TOKEN = "voice-callback-token-1";
  private static final String URL = "https://shop.example.com/touchbase/callbacks/phone?token=" + TOKEN;
  private static final Instant NOW = Instant.parse("2026-03-01T02:03:04Z");

  private static CallbackHandler handler(Optional<String> token) {
    TestChannelContext.Builder context = TestChannelContext.builder()
        .channelName("phone")
        .providerId(AliyunVoiceProvider.ID)
        .setting("accessKeyId", "testId")
        .secret("accessKeySecret", "testSecret")
        .clock(MutableClock.at(NOW))
        .services(Fixtures.services());
    token.ifPresent(t -> context.secret("callbackToken", t));
    return new AliyunVoiceProvider().create(context.build()).callbackHandler().orElseThrow();
  }

  private static CallbackResult push(String url, String body) {
    return handler(Optional.of(TOKEN)).handle(request(url, body));
  }

  private static CallbackRequest request(String url, String body) {
    return CallbackRequest.builder("phone").method("POST").url(url)
        .header("Content-Type", "application/json").body(body).build();
  }

  private static String report(String statusCode, String smartStatusCode, String duration) {
    return "{\"call_id\":\"116012354148^102813781234\",\"out_id\":\"d-1\",\"caller\":\"057112345678\","
        + "\"callee\":\"13800138000\",\"status_code\":\"" + statusCode + "\","
        + (smartStatusCode == null ? "" : "\"smart_status_code\":\"" + smartStatusCode + "\",")
        + "\"status_msg\":\"msg\",\"originate_time\":\"2026-03-01 10:00:00\",\"ring_time\":\"2026-03-01 10:00:02\","
        + "\"start_time\":\"" + (duration.equals("0") ? "" : "2026-03-01 10:00:05") + "\","
        + "\"end_time\":\"2026-03-01 10:00:40\",\"duration\":\"" + duration + "\"}";
  }

  private static StatusReport only(CallbackResult result) {
    assertThat(result.events()).hasSize(1);
    return (StatusReport) result.events().get(0);
  }

  @Test
  void answeredCallBecomesCallAnswered() {
    String body = "[" + report("200000", "ANSWERED", "35").replace("}", ",\"hangup_direction\":\"用户\"}") + "]";

    CallbackResult result = push(URL, body);

    StatusReport event = only(result);
    assertThat(event.kind()).isEqualTo(TouchpointKind.CALL_ANSWERED);
    assertThat(event.dispatchId()).contains(DispatchId.of("d-1"));
    assertThat(event.providerMessageId()).contains("116012354148^102813781234");
    assertThat(event.reason()).isEmpty();
    // start_time, read as Beijing time
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-03-01T02:00:05Z"));
    assertThat(event.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "durationSeconds", "35", "hangupDirection", "callee", "statusCode", "200000", "smartStatusCode", "ANSWERED"));
  }

  @Test
  void answerIsAcknowledgedAsAliyunExpects() {
    CallbackResult result = push(URL, "[" + report("200001", null, "12") + "]");

    assertThat(result.response().status()).isEqualTo(200);
    assertThat(result.response().contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(result.response().body()).isEqualTo("{\"code\":0,\"msg\":\"接收成功\"}");
    assertThat(only(result).attributes()).containsEntry("durationSeconds", "12").doesNotContainKey("hangupDirection");
  }

  @ParameterizedTest(name = "status {0} / smart {1} -> {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "200000, ANSWERED, -",
        "200001, ANSWERED, -",
        "200002, USER_BUSY, busy",
        "200003, NO_ANSWER, no-answer",
        "200004, INVALID_NUMBER, invalid-number",
        "200005, CALL_REJECTED, rejected",
        "200005, OPERATOR_BLOCK, operator-blocked",
        "200007, NO_USER_RESPONDING, out-of-service",
        "200010, POWERED_OFF, powered-off",
        "200011, SUSPEND, suspended",
        "200121, -, provider-limit",
        "200118, -, provider-limit",
        "200119, -, provider-limit",
        "999999, OTHER, provider-error",
        "500, -, provider-error",
        "400, OTHERS, provider-error",
        "200005, NETWORK_BUSY, network-busy",
        // the smart code wins over the status code
        "200003, CALL_REJECTED, rejected",
        // without a smart code the status code decides
        "200002, -, busy",
        "200005, -, unreachable",
      })
  void everyRowOfTheResultTable(String statusCode, String smartStatusCode, String reason) {
    String duration = reason == null ? "20" : "0";

    StatusReport event = only(push(URL, "[" + report(statusCode, smartStatusCode, duration) + "]"));

    if (reason == null) {
      assertThat(event.kind()).isEqualTo(TouchpointKind.CALL_ANSWERED);
      assertThat(event.reason()).isEmpty();
    } else {
      assertThat(event.kind()).isEqualTo(TouchpointKind.CALL_NOT_ANSWERED);
      assertThat(event.reason()).contains(reason);
      assertThat(event.attributes()).containsEntry("statusCode", statusCode).doesNotContainKey("durationSeconds");
      if (smartStatusCode != null) {
        assertThat(event.attributes()).containsEntry("smartStatusCode", smartStatusCode);
      }
      // end_time, read as Beijing time
      assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-03-01T02:00:40Z"));
    }
  }

  @Test
  void intermediateStatesProduceNoEventAndReportsKeepTheirOrder() {
    String body = "["
        + "{\"call_id\":\"c-1\",\"status_code\":\"200100\",\"status_time\":\"2026-03-01 10:00:01\",\"out_id\":\"d-1\"},"
        + report("200002", "USER_BUSY", "0").replace("116012354148^102813781234", "c-2") + ","
        + report("200000", "ANSWERED", "9").replace("116012354148^102813781234", "c-3")
        + "]";

    CallbackResult result = push(URL, body);

    assertThat(result.events()).extracting(e -> ((StatusReport) e).providerMessageId().orElseThrow())
        .containsExactly("c-2", "c-3");
  }

  @Test
  void emptyPushIsAcknowledged() {
    assertThat(push(URL, "[]").events()).isEmpty();
  }

  @Test
  void outIdIsTakenAsGivenAndCallIdAlone() {
    String hashed = "elHQZKGiFqaS91P";
    String body = "[" + report("200003", "NO_ANSWER", "0").replace("\"d-1\"", "\"" + hashed + "\"") + ","
        + report("200003", "NO_ANSWER", "0").replace("\"out_id\":\"d-1\",", "") + "]";

    CallbackResult result = push(URL, body);

    StatusReport first = (StatusReport) result.events().get(0);
    StatusReport second = (StatusReport) result.events().get(1);
    assertThat(first.dispatchId()).contains(DispatchId.of(hashed));
    assertThat(second.dispatchId()).isEmpty();
    assertThat(second.providerMessageId()).contains("116012354148^102813781234");
  }

  @Test
  void missingTimesFallBackToTheEngineClock() {
    String body = "[{\"call_id\":\"c-1\",\"out_id\":\"d-1\",\"status_code\":\"200003\","
        + "\"smart_status_code\":\"NO_ANSWER\",\"duration\":\"0\",\"end_time\":\"\"}]";

    assertThat(only(push(URL, body)).occurredAt()).isEqualTo(NOW);
  }

  @Test
  void pushWithoutTokenIsRejected() {
    CallbackRejectedException e = rejected(handler(Optional.of(TOKEN)),
        request("https://shop.example.com/touchbase/callbacks/phone", "[" + report("200000", "ANSWERED", "3") + "]"));

    assertThat(e.status()).isEqualTo(401);
  }

  @Test
  void pushWithForgedTokenIsRejectedBeforeTheBodyIsRead() {
    CallbackRejectedException e = rejected(handler(Optional.of(TOKEN)),
        request("https://shop.example.com/touchbase/callbacks/phone?token=guessed-token", "not json"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("guessed-token");
  }

  @Test
  void everyPushIsRejectedWhenNoTokenIsConfigured() {
    CallbackRejectedException e = rejected(handler(Optional.empty()),
        request(URL, "[" + report("200000", "ANSWERED", "3") + "]"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).contains("callbackToken");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json",
        "{\"call_id\":\"c-1\",\"status_code\":\"200000\"}",
        "[\"c-1\"]",
        "[{\"status_code\":\"200000\",\"duration\":\"3\"}]",
        "[{\"call_id\":\"c-1\",\"out_id\":\"d-1\",\"duration\":\"3\"}]",
        "[{\"call_id\":\"c-1\",\"status_code\":\"200000\",\"duration\":\"three\"}]",
        "[{\"out_id\":\"not a dispatch id\",\"status_code\":\"200000\",\"duration\":\"3\"}]",
      })
  void malformedPushIsRejected(String body) {
    CallbackRejectedException e = rejected(handler(Optional.of(TOKEN)), request(URL, body));

    assertThat(e.status()).isEqualTo(400);
  }

  private static CallbackRejectedException rejected(CallbackHandler handler, CallbackRequest request) {
    CallbackRejectedException e =
        catchThrowableOfType(CallbackRejectedException.class, () -> handler.handle(request));
    assertThat(e).as("the handler must reject the request").isNotNull();
    return e;
  }
}
