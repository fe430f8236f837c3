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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioCallStatusHandlerTest {
  private static final String TOKEN = "twilio-auth-token-1";
  private static final String URL = "https://shop.example.com/touchbase/callbacks/phone?dispatchId=d-1";
  private static final String CALL_SID = "CA0123456789abcdef0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-03-01T02:03:04Z");

  private final CallbackHandler handler = new TwilioVoiceProvider().create(TestChannelContext.builder()
          .channelName("phone")
          .providerId(TwilioVoiceProvider.ID)
          .setting("accountSid", "AC0123456789abcdef0123456789abcdef")
          .setting("from", "+15005550006")
          .secret("authToken", TOKEN)
          .clock(MutableClock.at(NOW))
          .services(Fixtures.services())
          .build())
      .callbackHandler()
      .orElseThrow();

  private static Map<String, String> params(String status, String duration) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
    params.put("ApiVersion", "2010-04-01");
    params.put("CallSid", CALL_SID);
    params.put("CallStatus", status);
    if (duration != null) {
      params.put("CallDuration", duration);
    }
    params.put("Direction", "outbound-api");
    params.put("From", "+15005550006");
    params.put("To", "+8613800138000");
    return params;
  }

  private static CallbackRequest signed(String url, Map<String, String> params) {
    return request(url, params, Signing.twilio(TOKEN, url, params));
  }

  private static CallbackRequest request(String url, Map<String, String> params, String signature) {
    String body = params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    CallbackRequest.Builder request = CallbackRequest.builder("phone").method("POST").url(url)
        .header("Content-Type", "application/x-www-form-urlencoded").body(body);
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return request.build();
  }

  private static StatusReport only(CallbackResult result) {
    assertThat(result.events()).hasSize(1);
    return (StatusReport) result.events().get(0);
  }

  @Test
  void completedWithDurationIsAnswered() {
    Map<String, String> params = params("completed", "35");
    params.put("Timestamp", "Sun, 01 Mar 2026 02:01:00 +0000");

    CallbackResult result = handler.handle(signed(URL, params));

    StatusReport event = only(result);
    assertThat(event.kind()).isEqualTo(TouchpointKind.CALL_ANSWERED);
    assertThat(event.dispatchId()).contains(DispatchId.of("d-1"));
    assertThat(event.providerMessageId()).contains(CALL_SID);
    assertThat(event.reason()).isEmpty();
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-03-01T02:01:00Z"));
    assertThat(event.attributes()).isEqualTo(Map.of("durationSeconds", "35", "callStatus", "completed"));
  }

  @Test
  void repliesWithEmptyTwiml() {
    CallbackResult result = handler.handle(signed(URL, params("completed", "35")));

    assertThat(result.response().status()).isEqualTo(200);
    assertThat(result.response().contentType()).isEqualTo("text/xml");
    assertThat(result.response().body()).isEqualTo("<Response/>");
  }

  @ParameterizedTest(name = "{0} ({1} s) -> {2} {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        "completed, 0, CALL_NOT_ANSWERED, no-answer",
        "no-answer, -, CALL_NOT_ANSWERED, no-answer",
        "busy, -, CALL_NOT_ANSWERED, busy",
        "failed, -, FAILED, failed",
        "canceled, -, FAILED, canceled",
      })
  void otherResults(String status, String duration, TouchpointKind kind, String reason) {
    StatusReport event = only(handler.handle(signed(URL, params(status, duration))));

    assertThat(event.kind()).isEqualTo(kind);
    assertThat(event.reason()).contains(reason);
    assertThat(event.providerMessageId()).contains(CALL_SID);
    assertThat(event.occurredAt()).isEqualTo(NOW);
    assertThat(event.attributes()).containsEntry("callStatus", status);
  }

  @ParameterizedTest
  @ValueSource(strings = {"queued", "initiated", "ringing", "in-progress"})
  void statesOnTheWayProduceNoEvent(String status) {
    CallbackResult result = handler.handle(signed(URL, params(status, null)));

    assertThat(result.events()).isEmpty();
    assertThat(result.response().body()).isEqualTo("<Response/>");
  }

  @Test
  void urlWithoutDispatchIdCorrelatesByCallSid() {
    String url = "https://shop.example.com/touchbase/callbacks/phone";

    StatusReport event = only(handler.handle(signed(url, params("busy", null))));

    assertThat(event.dispatchId()).isEmpty();
    assertThat(event.providerMessageId()).contains(CALL_SID);
  }

  @Test
  void statusCallbackByGetIsReadFromTheQuery() {
    // StatusCallbackMethod=GET: the parameters come in the signed URL, after our dispatch id.
    String url = URL + "&" + params("no-answer", "0").entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    CallbackRequest get = CallbackRequest.builder("phone").method("GET").url(url)
        .header("X-Twilio-Signature", Signing.twilio(TOKEN, url, Map.of())).build();

    StatusReport event = only(handler.handle(get));

    assertThat(event.kind()).isEqualTo(TouchpointKind.CALL_NOT_ANSWERED);
    assertThat(event.dispatchId()).contains(DispatchId.of("d-1"));
    assertThat(event.providerMessageId()).contains(CALL_SID);
  }

  @Test
  void missingSignatureIsRejected() {
    assertThat(rejected(request(URL, params("completed", "35"), null)).status()).isEqualTo(401);
  }

  @Test
  void forgedSignatureIsRejected() {
    Map<String, String> params = params("completed", "35");
    String forged = Signing.twilio("some-other-token", URL, params);

    CallbackRejectedException e = rejected(request(URL, params, forged));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void tamperedParameterIsRejected() {
    Map<String, String> params = params("no-answer", null);
    String signature = Signing.twilio(TOKEN, URL, params);
    params.put("CallStatus", "completed");
    params.put("CallDuration", "60");

    assertThat(rejected(request(URL, params, signature)).status()).isEqualTo(401);
  }

  @Test
  void signatureForAnotherDispatchIsRejected() {
    Map<String, String> params = params("completed", "35");
    String signature = Signing.twilio(TOKEN, URL, params);

    assertThat(rejected(request(URL.replace("d-1", "d-2"), params, signature)).status()).isEqualTo(401);
  }

  @Test
  void signedCallbackWithoutCallSidIsMalformed() {
    Map<String, String> params = params("completed", "35");
    params.remove("CallSid");

    assertThat(rejected(signed(URL, params)).status()).isEqualTo(400);
  }

  @Test
  void signedCallbackWithoutCallStatusIsMalformed() {
    Map<String, String> params = params("completed", "35");
    params.remove("CallStatus");

    assertThat(rejected(signed(URL, params)).status()).isEqualTo(400);
  }

  @Test
  void signedCallbackWithUnreadableDurationIsMalformed() {
    assertThat(rejected(signed(URL, params("completed", "a while"))).status()).isEqualTo(400);
  }

  private CallbackRejectedException rejected(CallbackRequest request) {
    CallbackRejectedException e =
        catchThrowableOfType(CallbackRejectedException.class, () -> handler.handle(request));
    assertThat(e).as("the handler must reject the request").isNotNull();
    return e;
  }
}
