package io.touchbase.channel.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.channel.support.AliyunSigner;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.TestChannelContext;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AliyunVoiceChannelTest {
  private static final Instant NOW = Instant.parse("2026-03-01T02:03:04Z");
  private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String OK =
      "{\"Code\":\"OK\",\"Message\":\"OK\",\"CallId\":\"116012354148^102813781234\",\"RequestId\":\"req-1\"}";

  private final MockWebServer server = new MockWebServer();
  private final MutableClock clock = MutableClock.at(NOW);
  private final Map<String, String> settings = new LinkedHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server.start();
    settings.put("endpoint", server.url("/").toString());
    settings.put("accessKeyId", "testId");
    settings.put("calledShowNumber", "057112345678");
    settings.put("template.renewal.code", "TTS_0000001");
    settings.put("template.renewal.params", "name:customerName,days");
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private Channel channel() {
    return new AliyunVoiceProvider(() -> "nonce-1").create(TestChannelContext.builder()
        .channelName("phone")
        .providerId(AliyunVoiceProvider.ID)
        .settings(settings)
        .secret("accessKeySecret", "testSecret")
        .clock(clock)
        .services(Fixtures.services())
        .build());
  }

  private static OutboundMessage renewal(String dispatchId) {
    return Fixtures.message(dispatchId, "renewal", Map.of("customerName", "张三", "days", "3", "unused", "x"),
        Optional.empty(), Optional.empty());
  }

  private void answer(int status, String body) {
    server.enqueue(new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
        .setBody(body));
  }

  @Test
  void sendsSingleCallByTtsSignedWithV3() throws Exception {
    answer(200, OK);

    SendResult result = channel().send(renewal("d-1"));

    assertThat(result.providerMessageId()).isEqualTo("116012354148^102813781234");
    assertThat(result.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("outId", "d-1", "requestId", "req-1"));
    assertRenewalCall("d-1");
  }

  /** The next request is the V3-signed SingleCallByTts of {@link #renewal}, exactly. */
  private void assertRenewalCall(String dispatchId) throws InterruptedException {
    RecordedRequest request = server.takeRequest();
    String query = "CalledNumber=13800138000&CalledShowNumber=057112345678&OutId=" + dispatchId
        + "&TtsCode=TTS_0000001&TtsParam=%7B%22name%22%3A%22%E5%BC%A0%E4%B8%89%22%2C%22days%22%3A%223%22%7D";
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/?" + query);
    assertThat(request.getBodySize()).isZero();
    Map<String, String> signed = new TreeMap<>();
    signed.put("host", server.getHostName() + ":" + server.getPort());
    signed.put("x-acs-action", "SingleCallByTts");
    signed.put("x-acs-version", "2017-05-25");
    signed.put("x-acs-date", "2026-03-01T02:03:04Z");
    signed.put("x-acs-signature-nonce", "nonce-1");
    signed.put("x-acs-content-sha256", EMPTY_SHA256);
    signed.forEach((name, value) -> assertThat(request.getHeader(name)).as(name).isEqualTo(value));
    assertThat(request.getHeader("Authorization"))
        .isEqualTo(Signing.acs3Authorization("POST", query, signed, "testId", "testSecret"));
  }

  @Test
  void sendsSingleCallByTtsSignedWithV2() throws Exception {
    settings.put("signatureVersion", "V2");
    settings.put("playTimes", "2");
    settings.put("volume", "80");
    settings.put("speed", "-100");
    answer(200, OK);

    channel().send(renewal("d-1"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    // Signature computed apart from this code base over the same parameters (HMAC-SHA1, key + "&").
    assertThat(request.getPath())
        .isEqualTo("/?AccessKeyId=testId&Action=SingleCallByTts&CalledNumber=13800138000"
            + "&CalledShowNumber=057112345678&Format=JSON&OutId=d-1&PlayTimes=2&RegionId=cn-hangzhou"
            + "&SignatureMethod=HMAC-SHA1&SignatureNonce=nonce-1&SignatureVersion=1.0&Speed=-100"
            + "&Timestamp=2026-03-01T02%3A03%3A04Z&TtsCode=TTS_0000001"
            + "&TtsParam=%7B%22name%22%3A%22%E5%BC%A0%E4%B8%89%22%2C%22days%22%3A%223%22%7D&Version=2017-05-25"
            + "&Volume=80&Signature=jveZNNskVQiU%2FfCOezwf21TOVxI%3D");
    assertThat(request.getHeader("Authorization")).isNull();
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void callParametersReproduceTheVerifiedVoiceVector() {
    settings.put("template.vector.code", "TTS_0000000");
    settings.put("template.vector.params", "code,product");
    AliyunVoiceChannel channel = (AliyunVoiceChannel) channel();
    OutboundMessage message = new OutboundMessage(DispatchId.of("123"), "phone",
        io.touchbase.api.contact.ContactId.of("c-1"), io.touchbase.api.contact.Address.phone("+8613000000000"),
        io.touchbase.api.contact.Purpose.TRANSACTIONAL, "vector", Map.of("code", "1234", "product", "test"),
        Optional.empty(), Optional.empty());

    Map<String, String> params = new TreeMap<>(channel.callParams(message));
    // The vector's common parameters: GET, XML, its own nonce and time.
    params.put("AccessKeyId", "testId");
    params.put("Action", "SingleCallByTts");
    params.put("Format", "XML");
    params.put("RegionId", "cn-hangzhou");
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureNonce", "f7d2d4ef-6d5f-4da4-86ed-88e001a66abb");
    params.put("SignatureVersion", "1.0");
    params.put("Timestamp", "2017-09-28T14:31:56Z");
    params.put("Version", "2017-05-25");

    assertThat(AliyunSigner.signV2("GET", params, "testSecret")).isEqualTo("aMfgrx8DLS7vLfpeR1c2rrKLr0Q=");
  }

  @Test
  void omitsOptionalParametersThatAreNotSet() throws Exception {
    settings.remove("calledShowNumber");
    settings.put("template.plain.code", "TTS_0000002");
    answer(200, OK);

    channel().send(Fixtures.message("d-2", "plain", Map.of(), Optional.empty(), Optional.empty()));

    assertThat(server.takeRequest().getPath()).isEqualTo("/?CalledNumber=13800138000&OutId=d-2&TtsCode=TTS_0000002");
  }

  @Test
  void longDispatchIdIsSentInCompactForm() throws Exception {
    answer(200, OK);
    String id = "enrollment-7f3a9c2e-round-3-attempt-1";

    SendResult result = channel().send(renewal(id));

    String outId = AliyunOutId.of(DispatchId.of(id));
    assertThat(outId).hasSize(15);
    assertThat(server.takeRequest().getRequestUrl().queryParameter("OutId")).isEqualTo(outId);
    assertThat(result.attributes()).containsEntry("outId", outId);
  }

  @Test
  void unmappedTemplateFailsPermanentlyWithoutCalling() {
    ChannelException e = sendFails(Fixtures.message("d-3", "unknown", Map.of(), Optional.of("hi"), Optional.empty()));

    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("unmapped-template");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void missingVariableFailsPermanentlyWithoutCalling() {
    ChannelException e = sendFails(
        Fixtures.message("d-3", "renewal", Map.of("customerName", "张三"), Optional.empty(), Optional.empty()));

    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("missing-template-variable");
    assertThat(e.getMessage()).contains("days");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void ttsParamOf250CharactersFailsPermanentlyWithoutCalling() {
    // {"name":"<x>","days":"3"} is 22 characters around the name.
    String name = "x".repeat(250 - 22);
    ChannelException e = sendFails(
        Fixtures.message("d-4", "renewal", Map.of("customerName", name, "days", "3"), Optional.empty(),
            Optional.empty()));

    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("tts-param-too-long");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void ttsParamOf249CharactersIsSent() throws Exception {
    answer(200, OK);
    String name = "x".repeat(249 - 22);

    channel().send(Fixtures.message("d-4", "renewal", Map.of("customerName", name, "days", "3"), Optional.empty(),
        Optional.empty()));

    assertThat(server.takeRequest().getRequestUrl().queryParameter("TtsParam")).hasSize(249);
  }

  @Test
  void perNumberFlowControlDefersToTheNamedWindow() throws InterruptedException {
    answer(200, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"触发分钟级流控Permits:1\"}");
    answer(200, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"触发小时级流控Permits:5\"}");
    answer(200, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"触发天级流控Permits:20\"}");

    ChannelException minute = sendFails(renewal("d-5"));
    ChannelException hour = sendFails(renewal("d-5"));
    ChannelException day = sendFails(renewal("d-5"));

    assertThat(minute.outcome()).isEqualTo(Outcome.DEFER);
    assertThat(minute.providerCode()).isEqualTo("isv.BUSINESS_LIMIT_CONTROL");
    assertThat(minute.retryAt()).contains(Instant.parse("2026-03-01T02:04:00Z"));
    assertThat(hour.retryAt()).contains(Instant.parse("2026-03-01T03:00:00Z"));
    // Midnight in Beijing (UTC+8).
    assertThat(day.retryAt()).contains(Instant.parse("2026-03-01T16:00:00Z"));
    assertRenewalCall("d-5");
    assertRenewalCall("d-5");
    assertRenewalCall("d-5");
  }

  @Test
  void systemErrorIsRetryable() throws InterruptedException {
    answer(200, "{\"Code\":\"isp.SYSTEM_ERROR\",\"Message\":\"System error\"}");

    ChannelException e = sendFails(renewal("d-6"));

    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isFalse();
    assertThat(e.providerCode()).isEqualTo("isp.SYSTEM_ERROR");
    assertRenewalCall("d-6");
  }

  @Test
  void throttlingIsRetryable() throws InterruptedException {
    answer(400, "{\"Code\":\"Throttling.User\",\"Message\":\"Request was denied due to user flow control.\"}");

    ChannelException e = sendFails(renewal("d-7"));

    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isFalse();
    assertThat(e.providerCode()).isEqualTo("Throttling.User");
    assertRenewalCall("d-7");
  }

  @Test
  void serverErrorLeavesTheOutcomeUnknown() throws InterruptedException {
    answer(503, "<html>Service Unavailable</html>");

    ChannelException e = sendFails(renewal("d-8"));

    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(e.providerCode()).isEqualTo("http-503");
    assertRenewalCall("d-8");
  }

  @Test
  void otherCodesArePermanentAndKeepTheCode() throws InterruptedException {
    answer(200, "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"number 13800138000 is illegal\"}");

    ChannelException e = sendFails(renewal("d-9"));

    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("isv.MOBILE_NUMBER_ILLEGAL");
    assertThat(e.getMessage()).contains("isv.MOBILE_NUMBER_ILLEGAL").doesNotContain("13800138000");
    assertRenewalCall("d-9");
  }

  @Test
  void signatureMismatchIsPermanent() throws InterruptedException {
    answer(400, "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not matched.\"}");

    ChannelException e = sendFails(renewal("d-10"));

    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("SignatureDoesNotMatch");
    assertRenewalCall("d-10");
  }

  @Test
  void acceptedWithoutCallIdLeavesTheOutcomeUnknown() throws InterruptedException {
    answer(200, "{\"Code\":\"OK\",\"Message\":\"OK\"}");

    ChannelException e = sendFails(renewal("d-11"));

    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(e.providerCode()).isEqualTo("missing-call-id");
    assertRenewalCall("d-11");
  }

  @Test
  void unreadableSuccessLeavesTheOutcomeUnknown() throws InterruptedException {
    answer(200, "<html>proxy</html>");

    ChannelException e = sendFails(renewal("d-12"));

    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(e.providerCode()).isEqualTo("malformed-response");
    assertRenewalCall("d-12");
  }

  @Test
  void connectionDroppedAfterTheRequestLeavesTheOutcomeUnknown() throws InterruptedException {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

    ChannelException e = sendFails(renewal("d-13"));

    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertRenewalCall("d-13");
    assertThat(server.getRequestCount()).as("sent once, not retried").isEqualTo(1);
  }

  @Test
  void refusedConnectionIsRetryable() throws IOException {
    server.shutdown(); // nothing listens on the endpoint any more

    ChannelException e = sendFails(renewal("d-14"));

    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isFalse();
  }

  @Test
  void requiredVariablesAreTheMappingsVariables() {
    Channel channel = channel();

    assertThat(channel.requiredVariables("renewal")).contains(Set.of("customerName", "days"));
    assertThat(channel.requiredVariables("unknown")).isEmpty();
  }

  @Test
  void lookupCannotTell() {
    assertThat(channel().lookup(DispatchId.of("d-1")).status()).isEqualTo(LookupResult.Status.UNKNOWN);
  }

  @Test
  void toStringShowsNoSecret() {
    assertThat(channel().toString()).contains("testId").doesNotContain("testSecret");
  }

  private ChannelException sendFails(OutboundMessage message) {
    Channel channel = channel();
    ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel.send(message));
    assertThat(e).as("send must throw ChannelException").isNotNull();
    assertThat(e.getMessage())
        .doesNotContain(Fixtures.PHONE).doesNotContain("13800138000").doesNotContain("testSecret");
    return e;
  }
}
