package io.touchbase.channel.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.ConfigurationException;
import io.touchbase.api.contact.Address;
import io.touchbase.channel.support.AliyunSigner;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupRequest;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.SendAttempt;
import io.touchbase.spi.channel.SendResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests of SendSms, SendBatchSms and QuerySendDetails, and what each answer becomes. */
class AliyunSmsChannelTest {
  private static final String SECRET = "aliyun-secret-0001";
  private static final String SIGN = "%E6%B5%8B%E8%AF%95%E5%BA%97"; // 测试店
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    s.put("accessKeyId", "LTAI-test");
    s.put("signName", "测试店");
    s.put("endpoint", server.url("/").toString());
    s.put("template.renewal.code", "SMS_1");
    s.put("template.renewal.params", "name:customer,days");
    s.put("template.welcome.code", "SMS_2");
    s.put("template.welcome.signName", "另一店");
    return s;
  }

  private Channel channel(Map<String, String> settings) {
    return channel(settings, SmsTests.CLIENT);
  }

  private Channel channel(Map<String, String> settings, OkHttpClient client) {
    return new AliyunSmsProvider(() -> "nonce-1").create(SmsTests.context(
        "aliyun-sms", settings, Map.of("accessKeySecret", SECRET), SmsTests.CLOCK, client));
  }

  private Channel channel() {
    return channel(settings());
  }

  private static Map<String, String> vars(String name, String days) {
    return Map.of("customer", name, "days", days, "unused", "x");
  }

  private void answer(String json) {
    server.enqueue(new MockResponse().setBody(json));
  }

  private void answer(int status, String json) {
    server.enqueue(new MockResponse().setResponseCode(status).setBody(json));
  }

  private RecordedRequest taken() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  // --- SendSms ---

  @Test
  void sendSmsWithAcs3() throws Exception {
    answer("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"9006197469364984\",\"RequestId\":\"F655A8D5\"}");
    SendResult result = channel().send(SmsTests.message("d-1", "+8613800138000", "renewal", vars("Li", "3")));

    assertThat(result.providerMessageId()).isEqualTo("9006197469364984");
    assertThat(result.attributes()).containsEntry("requestId", "F655A8D5");
    RecordedRequest r = taken();
    assertThat(r.getMethod()).isEqualTo("POST");
    String query = "OutId=d-1&PhoneNumbers=13800138000&SignName=" + SIGN + "&TemplateCode=SMS_1"
        + "&TemplateParam=%7B%22name%22%3A%22Li%22%2C%22days%22%3A%223%22%7D";
    assertThat(r.getPath()).isEqualTo("/?" + query);
    assertThat(r.getBodySize()).isZero();
    String host = "localhost:" + server.getPort();
    assertThat(r.getHeader("Host")).isEqualTo(host);
    assertThat(r.getHeader("x-acs-action")).isEqualTo("SendSms");
    assertThat(r.getHeader("x-acs-version")).isEqualTo("2017-05-25");
    assertThat(r.getHeader("x-acs-date")).isEqualTo("2024-05-06T07:08:09Z");
    assertThat(r.getHeader("x-acs-signature-nonce")).isEqualTo("nonce-1");
    assertThat(r.getHeader("x-acs-content-sha256")).isEqualTo(AliyunSigner.EMPTY_PAYLOAD_SHA256);

    Map<String, String> params = new TreeMap<>();
    params.put("OutId", "d-1");
    params.put("PhoneNumbers", "13800138000");
    params.put("SignName", "测试店");
    params.put("TemplateCode", "SMS_1");
    params.put("TemplateParam", "{\"name\":\"Li\",\"days\":\"3\"}");
    Map<String, String> headers = Map.of(
        "host", host,
        "x-acs-action", "SendSms",
        "x-acs-version", "2017-05-25",
        "x-acs-date", "2024-05-06T07:08:09Z",
        "x-acs-signature-nonce", "nonce-1",
        "x-acs-content-sha256", AliyunSigner.EMPTY_PAYLOAD_SHA256);
    assertThat(r.getHeader("Authorization")).isEqualTo(AliyunSigner.authorizationV3(
        "POST", "/", params, headers, AliyunSigner.EMPTY_PAYLOAD_SHA256, "LTAI-test", SECRET));
  }

  @Test
  void sendSmsWithV2AndATemplateSignNameWithoutParams() throws Exception {
    Map<String, String> s = settings();
    s.put("signatureVersion", "V2");
    s.put("regionId", "cn-shanghai");
    answer("{\"Code\":\"OK\",\"BizId\":\"77\",\"RequestId\":\"R\"}");
    channel(s).send(SmsTests.message("d-2", "+6591234567", "welcome", Map.of()));

    Map<String, String> params = new TreeMap<>();
    params.put("AccessKeyId", "LTAI-test");
    params.put("Action", "SendSms");
    params.put("Format", "JSON");
    params.put("OutId", "d-2");
    params.put("PhoneNumbers", "6591234567");
    params.put("RegionId", "cn-shanghai");
    params.put("SignName", "另一店");
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureNonce", "nonce-1");
    params.put("SignatureVersion", "1.0");
    params.put("TemplateCode", "SMS_2");
    params.put("Timestamp", "2024-05-06T07:08:09Z");
    params.put("Version", "2017-05-25");
    String signature = AliyunSigner.signV2("POST", params, SECRET);
    RecordedRequest r = taken();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/?AccessKeyId=LTAI-test&Action=SendSms&Format=JSON&OutId=d-2"
        + "&PhoneNumbers=6591234567&RegionId=cn-shanghai&SignName=%E5%8F%A6%E4%B8%80%E5%BA%97"
        + "&SignatureMethod=HMAC-SHA1&SignatureNonce=nonce-1&SignatureVersion=1.0&TemplateCode=SMS_2"
        + "&Timestamp=2024-05-06T07%3A08%3A09Z&Version=2017-05-25&Signature=" + AliyunSigner.percentEncode(signature));
    assertThat(r.getHeader("Authorization")).isNull();
  }

  // --- SendBatchSms ---

  @Test
  void sendAllBatchesOneTemplateAndSendsLoneMessagesSingly() throws Exception {
    answer("{\"Code\":\"OK\",\"BizId\":\"B-1\",\"RequestId\":\"R1\"}");
    answer("{\"Code\":\"OK\",\"BizId\":\"S-2\",\"RequestId\":\"R2\"}");
    List<SendAttempt> attempts = channel().sendAll(List.of(
        SmsTests.message("d-1", "+8613800138000", "renewal", vars("Li", "3")),
        SmsTests.message("d-2", "+8613800138001", "welcome", Map.of()),
        SmsTests.message("d-3", "+8613900139000", "renewal", vars("Wu", "5")),
        SmsTests.message("d-4", "+8613900139001", "renewal", Map.of("customer", "Zhao")),
        SmsTests.message("d-5", "+8613900139002", "unknown", Map.of())));

    assertThat(attempts).extracting(SendAttempt::dispatchId)
        .containsExactly(DispatchId.of("d-1"), DispatchId.of("d-2"), DispatchId.of("d-3"), DispatchId.of("d-4"),
            DispatchId.of("d-5"));
    assertThat(attempts.get(0).result().orElseThrow().providerMessageId())
        .isEqualTo(AliyunSmsChannel.batchMessageId("B-1", "+8613800138000")).startsWith("B-1:");
    assertThat(attempts.get(2).result().orElseThrow().providerMessageId())
        .isEqualTo(AliyunSmsChannel.batchMessageId("B-1", "+8613900139000"))
        .isNotEqualTo(attempts.get(0).result().orElseThrow().providerMessageId());
    assertThat(attempts.get(1).result().orElseThrow().providerMessageId()).isEqualTo("S-2");
    assertThat(attempts.get(3).failure().orElseThrow().providerCode()).isEqualTo("missing-template-variable");
    assertThat(attempts.get(4).failure().orElseThrow().providerCode()).isEqualTo("unmapped-template");

    RecordedRequest batch = taken();
    assertThat(batch.getMethod()).isEqualTo("POST");
    assertThat(batch.getHeader("x-acs-action")).isEqualTo("SendBatchSms");
    assertThat(batch.getPath()).isEqualTo("/?OutId=batch%3Ad-1"
        + "&PhoneNumberJson=%5B%2213800138000%22%2C%2213900139000%22%5D"
        + "&SignNameJson=%5B%22" + SIGN + "%22%2C%22" + SIGN + "%22%5D"
        + "&TemplateCode=SMS_1"
        + "&TemplateParamJson=%5B%7B%22name%22%3A%22Li%22%2C%22days%22%3A%223%22%7D%2C"
        + "%7B%22name%22%3A%22Wu%22%2C%22days%22%3A%225%22%7D%5D");
    RecordedRequest single = taken();
    assertThat(single.getHeader("x-acs-action")).isEqualTo("SendSms");
    assertThat(single.getRequestUrl().queryParameter("OutId")).isEqualTo("d-2");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void sendAllSplitsAtOneHundredAndNeverRepeatsANumberInABatch() throws Exception {
    List<io.touchbase.spi.channel.OutboundMessage> messages = new java.util.ArrayList<>();
    for (int i = 0; i < 101; i++) {
      messages.add(SmsTests.message("d-" + i, String.format("+86139%08d", i), "renewal", vars("N", "1")));
    }
    messages.add(SmsTests.message("d-dup", "+8613900000000", "renewal", vars("N", "1")));
    answer("{\"Code\":\"OK\",\"BizId\":\"B-1\"}");
    answer("{\"Code\":\"OK\",\"BizId\":\"B-2\"}");
    List<SendAttempt> attempts = channel().sendAll(messages);

    assertThat(attempts).allSatisfy(a -> assertThat(a.result()).isPresent());
    RecordedRequest first = taken();
    RecordedRequest second = taken();
    assertThat(SmsTests.MAPPER.readTree(first.getRequestUrl().queryParameter("PhoneNumberJson"))).hasSize(100);
    assertThat(SmsTests.MAPPER.readTree(second.getRequestUrl().queryParameter("PhoneNumberJson")).toString())
        .isEqualTo("[\"13900000100\",\"13900000000\"]");
    assertThat(second.getRequestUrl().queryParameter("OutId")).isEqualTo("batch:d-100");
    assertThat(attempts.get(101).result().orElseThrow().providerMessageId()).startsWith("B-2:");
  }

  @Test
  void batchRefusalFailsEveryMessageOfTheBatch() {
    answer("{\"Code\":\"isv.SMS_TEMPLATE_ILLEGAL\",\"Message\":\"模板不合法\"}");
    List<SendAttempt> attempts = channel().sendAll(List.of(
        SmsTests.message("d-1", "+8613800138000", "renewal", vars("Li", "3")),
        SmsTests.message("d-2", "+8613900139000", "renewal", vars("Wu", "5"))));
    assertThat(attempts).allSatisfy(a -> {
      assertThat(a.failure().orElseThrow().providerCode()).isEqualTo("isv.SMS_TEMPLATE_ILLEGAL");
      assertThat(a.failure().orElseThrow().outcome()).isEqualTo(Outcome.PERMANENT);
    });
  }

  // --- QuerySendDetails ---

  private LookupResult lookup(Instant attemptedAt) {
    return channel().lookup(new LookupRequest(DispatchId.of("d-1"), Address.phone("+8613800138000"), attemptedAt));
  }

  private static String details(long total, String... outIds) {
    StringBuilder entries = new StringBuilder();
    for (String outId : outIds) {
      entries.append(entries.length() == 0 ? "" : ",").append("{\"PhoneNum\":\"13800138000\",\"SendStatus\":3,"
          + "\"ErrCode\":\"DELIVERED\",\"TemplateCode\":\"SMS_1\",\"OutId\":\"").append(outId).append("\"}");
    }
    return "{\"Code\":\"OK\",\"Message\":\"OK\",\"TotalCount\":" + total
        + ",\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":[" + entries + "]}}";
  }

  @Test
  void lookupFindsOurOutId() throws Exception {
    answer(details(2, "other", "d-1"));
    LookupResult result = lookup(SmsTests.NOW.minus(Duration.ofMinutes(10)));

    assertThat(result.status()).isEqualTo(LookupResult.Status.FOUND);
    assertThat(result.providerMessageId()).contains("d-1");
    RecordedRequest r = taken();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getHeader("x-acs-action")).isEqualTo("QuerySendDetails");
    assertThat(r.getPath()).isEqualTo("/?CurrentPage=1&PageSize=50&PhoneNumber=13800138000&SendDate=20240506");
  }

  @Test
  void lookupUsesTheShanghaiDateAndTheNextDayNearMidnight() throws Exception {
    answer(details(0));
    answer(details(0));
    // 23:59:30 in Shanghai on May 5, 07:59:30 in UTC.
    LookupResult result = lookup(Instant.parse("2024-05-05T15:59:30Z"));
    assertThat(result.status()).isEqualTo(LookupResult.Status.NOT_FOUND);
    assertThat(taken().getRequestUrl().queryParameter("SendDate")).isEqualTo("20240505");
    assertThat(taken().getRequestUrl().queryParameter("SendDate")).isEqualTo("20240506");
  }

  @Test
  void lookupAsksThePreviousDayJustAfterMidnight() throws Exception {
    // An interrupted attempt is dated by its run's last heartbeat, which may follow the send.
    answer(details(0));
    answer(details(1, "d-1"));
    // 00:03 in Shanghai on May 6; the send may have gone out on May 5.
    LookupResult result = lookup(Instant.parse("2024-05-05T16:03:00Z"));
    assertThat(result.status()).isEqualTo(LookupResult.Status.FOUND);
    assertThat(taken().getRequestUrl().queryParameter("SendDate")).isEqualTo("20240506");
    assertThat(taken().getRequestUrl().queryParameter("SendDate")).isEqualTo("20240505");
  }

  @Test
  void lookupReadsFurtherPages() throws Exception {
    String[] fifty = new String[50];
    java.util.Arrays.fill(fifty, "other");
    answer(details(51, fifty));
    answer(details(51, "d-1"));
    assertThat(lookup(SmsTests.NOW.minus(Duration.ofHours(1))).status()).isEqualTo(LookupResult.Status.FOUND);
    assertThat(taken().getRequestUrl().queryParameter("CurrentPage")).isEqualTo("1");
    assertThat(taken().getRequestUrl().queryParameter("CurrentPage")).isEqualTo("2");
  }

  @Test
  void lookupWithoutOurOutIdIsNotFound() {
    answer(details(1, "other"));
    LookupResult result = lookup(SmsTests.NOW.minus(Duration.ofMinutes(10)));
    assertThat(result.status()).isEqualTo(LookupResult.Status.NOT_FOUND);
  }

  @Test
  void lookupWithABatchSendThatDayCannotTell() {
    answer(details(1, "batch:d-0"));
    assertThat(lookup(SmsTests.NOW.minus(Duration.ofMinutes(10))).status()).isEqualTo(LookupResult.Status.UNKNOWN);
  }

  @Test
  void lookupOfARecentSendCannotTellAndAsksNothing() {
    assertThat(lookup(SmsTests.NOW.minus(Duration.ofSeconds(30))).status()).isEqualTo(LookupResult.Status.UNKNOWN);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void lookupThatFailsCannotTell() {
    answer(400, "{\"Code\":\"isv.INVALID_PARAMETERS\",\"Message\":\"bad\"}");
    LookupResult result = lookup(SmsTests.NOW.minus(Duration.ofMinutes(10)));
    assertThat(result.status()).isEqualTo(LookupResult.Status.UNKNOWN);
    assertThat(result.detail()).contains("isv.INVALID_PARAMETERS");
  }

  // --- errors ---

  private ChannelException failure(String code, String message) {
    return failure(200, "{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\",\"RequestId\":\"R\"}");
  }

  private ChannelException failure(int status, String body) {
    answer(status, body);
    return catchThrowableOfType(ChannelException.class,
        () -> channel().send(SmsTests.message("d-1", "+8613800138000", "renewal", vars("Li", "3"))));
  }

  @Test
  void businessLimitControlDefersToTheWindowItNames() {
    ChannelException minute = failure("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1");
    assertThat(minute.outcome()).isEqualTo(Outcome.DEFER);
    assertThat(minute.providerCode()).isEqualTo("isv.BUSINESS_LIMIT_CONTROL");
    assertThat(minute.retryAt()).contains(Instant.parse("2024-05-06T07:09:00Z"));
    assertThat(failure("isv.BUSINESS_LIMIT_CONTROL", "触发小时级流控Permits:5").retryAt())
        .contains(Instant.parse("2024-05-06T08:00:00Z"));
    // Midnight of May 7 in Shanghai.
    assertThat(failure("isv.BUSINESS_LIMIT_CONTROL", "触发天级流控Permits:10").retryAt())
        .contains(Instant.parse("2024-05-06T16:00:00Z"));
    assertThat(failure("isv.BUSINESS_LIMIT_CONTROL", "流控").retryAt())
        .contains(Instant.parse("2024-05-06T08:00:00Z"));
  }

  @Test
  void accountQuotasDeferToTheNextDayOrMonth() {
    ChannelException day = failure("isv.DAY_LIMIT_CONTROL", "日发送量超限");
    assertThat(day.outcome()).isEqualTo(Outcome.DEFER);
    assertThat(day.retryAt()).contains(Instant.parse("2024-05-06T16:00:00Z"));
    ChannelException month = failure("isv.MONTH_LIMIT_CONTROL", "月发送量超限");
    assertThat(month.retryAt()).contains(Instant.parse("2024-05-31T16:00:00Z"));
  }

  @Test
  void systemErrorAndThrottlingAreRetryable() {
    ChannelException system = failure("isp.SYSTEM_ERROR", "系统错误");
    assertThat(system.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(system.mayHaveBeenSent()).isFalse();
    ChannelException throttled = failure(400, "{\"Code\":\"Throttling.User\",\"Message\":\"Request was denied\"}");
    assertThat(throttled.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(throttled.providerCode()).isEqualTo("Throttling.User");
    ChannelException throttled5xx = failure(503, "{\"Code\":\"Throttling\",\"Message\":\"flow control\"}");
    assertThat(throttled5xx.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(throttled5xx.mayHaveBeenSent()).isFalse();
  }

  @Test
  void serverErrorsMayHaveSent() {
    ChannelException e = failure(500, "");
    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(e.providerCode()).isEqualTo("http-500");
    ChannelException coded = failure(502, "{\"Code\":\"isp.SYSTEM_ERROR\"}");
    assertThat(coded.mayHaveBeenSent()).isTrue();
  }

  @Test
  void okWithoutBizIdOrUnreadableOkMayHaveSent() {
    assertThat(failure(200, "{\"Code\":\"OK\"}").mayHaveBeenSent()).isTrue();
    assertThat(failure(200, "<html>").providerCode()).isEqualTo("malformed-response");
  }

  @Test
  void readTimeoutMayHaveSent() {
    OkHttpClient impatient = SmsTests.CLIENT.newBuilder().readTimeout(Duration.ofMillis(200)).build();
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel(settings(), impatient)
        .send(SmsTests.message("d-1", "+8613800138000", "renewal", vars("Li", "3"))));
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(e.getMessage()).doesNotContain("13800138000");
  }

  @Test
  void permanentCodesArePermanentAndKeepTheCode() {
    for (String code : List.of("isv.MOBILE_NUMBER_ILLEGAL", "isv.TEMPLATE_MISSING_PARAMETERS",
        "isv.SMS_SIGNATURE_ILLEGAL", "isv.BLACK_KEY_CONTROL_LIMIT", "isv.AMOUNT_NOT_ENOUGH",
        "isp.RAM_PERMISSION_DENY", "isv.SOMETHING_NEW")) {
      ChannelException e = failure(code, "号码 13800138000 有误");
      assertThat(e.outcome()).as(code).isEqualTo(Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo(code);
      assertThat(e.getMessage()).contains(code).doesNotContain("13800138000");
    }
    ChannelException gateway = failure(400, "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"bad signature\"}");
    assertThat(gateway.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(gateway.providerCode()).isEqualTo("SignatureDoesNotMatch");
    assertThat(failure(403, "forbidden").providerCode()).isEqualTo("http-403");
  }

  @Test
  void unmappedTemplateAndMissingVariableFailWithoutARequest() {
    Channel channel = channel();
    ChannelException unmapped = catchThrowableOfType(ChannelException.class,
        () -> channel.send(SmsTests.message("d-1", "+8613800138000", "nope", Map.of())));
    assertThat(unmapped.providerCode()).isEqualTo("unmapped-template");
    assertThat(unmapped.outcome()).isEqualTo(Outcome.PERMANENT);
    ChannelException missing = catchThrowableOfType(ChannelException.class,
        () -> channel.send(SmsTests.message("d-1", "+8613800138000", "renewal", Map.of("customer", "Li"))));
    assertThat(missing.providerCode()).isEqualTo("missing-template-variable");
    assertThat(missing.getMessage()).contains("'days'");
    assertThat(server.getRequestCount()).isZero();
  }

  // --- configuration ---

  @Test
  void requiredVariablesComeFromTheMapping() {
    Channel channel = channel();
    assertThat(channel.requiredVariables("renewal")).contains(Set.of("customer", "days"));
    assertThat(channel.requiredVariables("welcome")).contains(Set.of());
    assertThat(channel.requiredVariables("nope")).isEmpty();
  }

  @Test
  void invalidSettingsAreNamed() {
    Map<String, String> badEndpoint = settings();
    badEndpoint.put("endpoint", "not a url");
    assertThatThrownBy(() -> channel(badEndpoint)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'endpoint'").hasMessageContaining("Channel 'sms'");
    Map<String, String> badVersion = settings();
    badVersion.put("signatureVersion", "V9");
    assertThatThrownBy(() -> channel(badVersion)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'signatureVersion'");
    Map<String, String> badMapping = settings();
    badMapping.put("template.renewal.params", "a::b");
    assertThatThrownBy(() -> channel(badMapping)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'template.renewal.params'");
    Map<String, String> noSign = settings();
    noSign.remove("signName");
    assertThatThrownBy(() -> channel(noSign)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'signName'");
  }

  @Test
  void toStringShowsSettingsButNoSecret() {
    assertThat(channel().toString()).contains("LTAI-test").contains("renewal").doesNotContain(SECRET);
    assertThat(new AliyunSmsProvider().limits().permitsPerSecond()).isEqualTo(5_000);
  }

  @Test
  void defaultsToTheOfficialEndpoint() {
    Map<String, String> s = settings();
    s.remove("endpoint");
    assertThat(channel(s).toString()).contains("https://dysmsapi.aliyuncs.com/").contains("regionId=cn-hangzhou");
  }

  @Test
  void aDroppedConnectionIsNotRepeatedEvenWhenTheSharedClientWould() {
    OkHttpClient retrying = new OkHttpClient();
    Channel channel = channel(settings(), retrying);
    answer("{\"Code\":\"OK\",\"BizId\":\"1\"}");
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    answer("{\"Code\":\"OK\",\"BizId\":\"2\"}");
    channel.send(SmsTests.message("d-1", "+8613800138000", "renewal", vars("Li", "3")));
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> channel.send(SmsTests.message("d-2", "+8613800138000", "renewal", vars("Li", "3"))));
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(2);
    retrying.connectionPool().evictAll();
  }
}
