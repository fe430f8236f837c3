package io.touchbase.channel.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.ConfigurationException;
import io.touchbase.channel.support.Tc3Signer;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendAttempt;
import io.touchbase.spi.channel.SendResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact SendSms request, TC3 signature included, and what each answer becomes. */
class TencentSmsChannelTest {
  private static final String SECRET_KEY = "tencent-secret-0001";
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
    s.put("secretId", "AKID-test");
    s.put("smsSdkAppId", "1400006666");
    s.put("signName", "腾讯云");
    s.put("endpoint", server.url("/").toString());
    s.put("template.renewal.code", "1110");
    s.put("template.renewal.params", "1:customer,2:days");
    s.put("template.plain.code", "1111");
    return s;
  }

  private Channel channel(Map<String, String> settings) {
    return new TencentSmsProvider().create(SmsTests.context(
        "tencent-sms", settings, Map.of("secretKey", SECRET_KEY), SmsTests.CLOCK, SmsTests.CLIENT));
  }

  private Channel channel() {
    return channel(settings());
  }

  private static OutboundMessage renewal(String dispatchId, String phone, String customer, String days) {
    return SmsTests.message(dispatchId, phone, "renewal", Map.of("customer", customer, "days", days));
  }

  private static String ok(String... serialAndNumber) {
    StringBuilder set = new StringBuilder();
    for (int i = 0; i < serialAndNumber.length; i += 2) {
      set.append(i == 0 ? "" : ",").append("{\"SerialNo\":\"").append(serialAndNumber[i])
          .append("\",\"PhoneNumber\":\"").append(serialAndNumber[i + 1])
          .append("\",\"Fee\":1,\"SessionContext\":\"x\",\"Code\":\"Ok\",\"Message\":\"send success\","
              + "\"IsoCode\":\"CN\"}");
    }
    return "{\"Response\":{\"SendStatusSet\":[" + set + "],\"RequestId\":\"a0aabda6\"}}";
  }

  private void answer(String json) {
    server.enqueue(new MockResponse().setBody(json));
  }

  private RecordedRequest taken() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void sendSmsRequestIsExactAndSigned() throws Exception {
    answer(ok("5000:1045710669157053657849499619", "+8613711112222"));
    SendResult result = channel().send(renewal("d-1", "+8613711112222", "Li", "3"));

    assertThat(result.providerMessageId()).isEqualTo("5000:1045710669157053657849499619");
    assertThat(result.attributes()).containsEntry("fee", "1").containsEntry("requestId", "a0aabda6");
    RecordedRequest r = taken();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/");
    String body = "{\"PhoneNumberSet\":[\"+8613711112222\"],\"SmsSdkAppId\":\"1400006666\",\"SignName\":\"腾讯云\","
        + "\"TemplateId\":\"1110\",\"TemplateParamSet\":[\"Li\",\"3\"],\"SessionContext\":\"d-1\"}";
    assertThat(r.getBody().readUtf8()).isEqualTo(body);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    String host = "localhost:" + server.getPort();
    assertThat(r.getHeader("Host")).isEqualTo(host);
    assertThat(r.getHeader("X-TC-Action")).isEqualTo("SendSms");
    assertThat(r.getHeader("X-TC-Version")).isEqualTo("2021-01-11");
    assertThat(r.getHeader("X-TC-Region")).isEqualTo("ap-guangzhou");
    long timestamp = SmsTests.NOW.getEpochSecond();
    assertThat(r.getHeader("X-TC-Timestamp")).isEqualTo(String.valueOf(timestamp));
    assertThat(r.getHeader("Authorization")).isEqualTo(Tc3Signer.authorization("AKID-test", SECRET_KEY, "sms", host,
        "application/json; charset=utf-8", timestamp, body.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.getHeader("Authorization"))
        .startsWith("TC3-HMAC-SHA256 Credential=AKID-test/2024-05-06/sms/tc3_request, "
            + "SignedHeaders=content-type;host, ");
  }

  @Test
  void templateWithoutParamsAndRegionSetting() throws Exception {
    Map<String, String> s = settings();
    s.put("region", "ap-beijing");
    answer(ok("5000:1", "+8613711112222"));
    channel(s).send(SmsTests.message("d-1", "+8613711112222", "plain", Map.of()));
    RecordedRequest r = taken();
    assertThat(r.getBody().readUtf8()).isEqualTo("{\"PhoneNumberSet\":[\"+8613711112222\"],"
        + "\"SmsSdkAppId\":\"1400006666\",\"SignName\":\"腾讯云\",\"TemplateId\":\"1111\","
        + "\"SessionContext\":\"d-1\"}");
    assertThat(r.getHeader("X-TC-Region")).isEqualTo("ap-beijing");
  }

  @Test
  void sendAllSharesOneRequestOnlyForEqualTemplateAndParameters() throws Exception {
    answer(ok("S-1", "+8613800138000", "S-2", "+8613900139000"));
    answer(ok("S-3", "+8613700137000"));
    List<SendAttempt> attempts = channel().sendAll(List.of(
        renewal("d-1", "+8613800138000", "Li", "3"),
        renewal("d-2", "+8613900139000", "Li", "3"),
        renewal("d-3", "+8613700137000", "Wu", "5"),
        SmsTests.message("d-4", "+8613600136000", "renewal", Map.of("customer", "Zhao"))));

    assertThat(attempts.get(0).result().orElseThrow().providerMessageId()).isEqualTo("S-1");
    assertThat(attempts.get(1).result().orElseThrow().providerMessageId()).isEqualTo("S-2");
    assertThat(attempts.get(2).result().orElseThrow().providerMessageId()).isEqualTo("S-3");
    assertThat(attempts.get(3).failure().orElseThrow().providerCode()).isEqualTo("missing-template-variable");
    assertThat(taken().getBody().readUtf8()).isEqualTo("{\"PhoneNumberSet\":[\"+8613800138000\",\"+8613900139000\"],"
        + "\"SmsSdkAppId\":\"1400006666\",\"SignName\":\"腾讯云\",\"TemplateId\":\"1110\","
        + "\"TemplateParamSet\":[\"Li\",\"3\"],\"SessionContext\":\"batch:d-1\"}");
    assertThat(taken().getBody().readUtf8()).contains("\"PhoneNumberSet\":[\"+8613700137000\"]")
        .contains("\"SessionContext\":\"d-3\"");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void batchEvaluatesEveryEntry() {
    answer("{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"S-1\",\"PhoneNumber\":\"+8613800138000\","
        + "\"Code\":\"Ok\"},{\"SerialNo\":\"\",\"PhoneNumber\":\"+8613900139000\","
        + "\"Code\":\"FailedOperation.PhoneNumberInBlacklist\",\"Message\":\"blacklist\"}],\"RequestId\":\"r\"}}");
    List<SendAttempt> attempts = channel().sendAll(List.of(
        renewal("d-1", "+8613800138000", "Li", "3"),
        renewal("d-2", "+8613900139000", "Li", "3"),
        renewal("d-3", "+8613700137000", "Li", "3")));
    assertThat(attempts.get(0).result()).isPresent();
    assertThat(attempts.get(1).failure().orElseThrow().outcome()).isEqualTo(Outcome.RECIPIENT_OPTED_OUT);
    ChannelException missing = attempts.get(2).failure().orElseThrow();
    assertThat(missing.providerCode()).isEqualTo("missing-send-status");
    assertThat(missing.mayHaveBeenSent()).isTrue();
  }

  @Test
  void sendAllSplitsAtTwoHundredAndSeparatesMainlandFromInternational() throws Exception {
    List<OutboundMessage> messages = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      messages.add(renewal("d-" + i, String.format("+86139%08d", i), "Li", "3"));
    }
    messages.add(renewal("d-intl", "+6591234567", "Li", "3"));
    String[] first = new String[400];
    for (int i = 0; i < 200; i++) {
      first[2 * i] = "S-" + i;
      first[2 * i + 1] = String.format("+86139%08d", i);
    }
    answer(ok(first));
    answer(ok("S-200", "+8613900000200"));
    answer(ok("S-intl", "+6591234567"));
    List<SendAttempt> attempts = channel().sendAll(messages);
    assertThat(attempts).allSatisfy(a -> assertThat(a.result()).isPresent());
    assertThat(SmsTests.MAPPER.readTree(taken().getBody().readUtf8()).get("PhoneNumberSet")).hasSize(200);
    assertThat(taken().getBody().readUtf8()).contains("[\"+8613900000200\"]");
    assertThat(taken().getBody().readUtf8()).contains("[\"+6591234567\"]");
  }

  // --- errors ---

  private ChannelException statusFailure(String code) {
    answer("{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"\",\"PhoneNumber\":\"+8613711112222\",\"Fee\":0,"
        + "\"Code\":\"" + code + "\",\"Message\":\"refused +8613711112222\"}],\"RequestId\":\"r\"}}");
    return send();
  }

  private ChannelException requestFailure(String code) {
    answer("{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"no\"},\"RequestId\":\"r\"}}");
    return send();
  }

  private ChannelException send() {
    return catchThrowableOfType(ChannelException.class,
        () -> channel().send(renewal("d-1", "+8613711112222", "Li", "3")));
  }

  @Test
  void blacklistIsAnOptOut() {
    ChannelException e = statusFailure("FailedOperation.PhoneNumberInBlacklist");
    assertThat(e.outcome()).isEqualTo(Outcome.RECIPIENT_OPTED_OUT);
    assertThat(e.providerCode()).isEqualTo("FailedOperation.PhoneNumberInBlacklist");
    assertThat(e.getMessage()).doesNotContain("13711112222");
  }

  @Test
  void perNumberLimitsDeferToTheirWindow() {
    assertThat(statusFailure("LimitExceeded.PhoneNumberThirtySecondLimit").retryAt())
        .contains(Instant.parse("2024-05-06T07:08:39Z"));
    assertThat(statusFailure("LimitExceeded.PhoneNumberOneHourLimit").retryAt())
        .contains(Instant.parse("2024-05-06T08:00:00Z"));
    assertThat(statusFailure("LimitExceeded.PhoneNumberDailyLimit").retryAt())
        .contains(Instant.parse("2024-05-06T16:00:00Z"));
    assertThat(statusFailure("LimitExceeded.PhoneNumberSameContentDailyLimit").retryAt())
        .contains(Instant.parse("2024-05-06T16:00:00Z"));
    assertThat(statusFailure("LimitExceeded.DeliveryFrequencyLimit").retryAt())
        .contains(Instant.parse("2024-05-06T08:00:00Z"));
    ChannelException e = statusFailure("LimitExceeded.PhoneNumberOneHourLimit");
    assertThat(e.outcome()).isEqualTo(Outcome.DEFER);
  }

  @Test
  void quotasDeferToTheNextDay() {
    for (String code : List.of("LimitExceeded.AppDailyLimit", "LimitExceeded.AppMainlandChinaDailyLimit",
        "LimitExceeded.AppGlobalDailyLimit", "LimitExceeded.DailyLimit")) {
      ChannelException e = requestFailure(code);
      assertThat(e.outcome()).as(code).isEqualTo(Outcome.DEFER);
      assertThat(e.retryAt()).contains(Instant.parse("2024-05-06T16:00:00Z"));
    }
  }

  @Test
  void marketingTimeConstraintDefersToEightInTheMorning() {
    ChannelException e = statusFailure("FailedOperation.MarketingSendTimeConstraint");
    assertThat(e.outcome()).isEqualTo(Outcome.DEFER);
    // 15:08 in Shanghai: 08:00 tomorrow, 00:00 UTC.
    assertThat(e.retryAt()).contains(Instant.parse("2024-05-07T00:00:00Z"));
  }

  @Test
  void internalErrorsRateLimitsAndExpiredSignaturesAreRetryable() {
    for (String code : List.of("InternalError.Timeout", "InternalError.SendAndRecvFail", "InternalError",
        "RequestLimitExceeded", "RequestLimitExceeded.PhoneNumberCountLimit", "AuthFailure.SignatureExpire",
        "InternalError.RequestTimeException")) {
      ChannelException e = requestFailure(code);
      assertThat(e.outcome()).as(code).isEqualTo(Outcome.RETRY);
      assertThat(e.mayHaveBeenSent()).isFalse();
      assertThat(e.providerCode()).isEqualTo(code);
    }
  }

  @Test
  void permanentCodesKeepTheCode() {
    for (String code : List.of("InvalidParameterValue.IncorrectPhoneNumber", "FailedOperation.PhoneNumberParseFail",
        "FailedOperation.SignatureIncorrectOrUnapproved", "FailedOperation.ContainSensitiveWord",
        "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber", "AuthFailure.SignatureFailure",
        "FailedOperation.InsufficientBalanceInSmsPackage", "Something.New")) {
      ChannelException e = statusFailure(code);
      assertThat(e.outcome()).as(code).isEqualTo(Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo(code);
    }
    assertThat(requestFailure("AuthFailure.SecretIdNotFound").outcome()).isEqualTo(Outcome.PERMANENT);
  }

  @Test
  void serverErrorsAndUnreadableAnswersMayHaveSent() {
    server.enqueue(new MockResponse().setResponseCode(502));
    ChannelException e = send();
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(e.providerCode()).isEqualTo("http-502");
    answer("{\"Response\":{\"RequestId\":\"r\"}}");
    assertThat(send().providerCode()).isEqualTo("missing-send-status");
    answer("not json");
    assertThat(send().providerCode()).isEqualTo("malformed-response");
    server.enqueue(new MockResponse().setResponseCode(404).setBody("nope"));
    assertThat(send().outcome()).isEqualTo(Outcome.PERMANENT);
  }

  @Test
  void unmappedTemplateAndMissingSignatureFailWithoutARequest() {
    assertThat(catchThrowableOfType(ChannelException.class,
        () -> channel().send(SmsTests.message("d-1", "+8613711112222", "nope", Map.of()))).providerCode())
        .isEqualTo("unmapped-template");
    Map<String, String> s = settings();
    s.remove("signName");
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> channel(s).send(renewal("d-1", "+8613711112222", "Li", "3")));
    assertThat(e.providerCode()).isEqualTo("missing-sign-name");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void internationalNumbersNeedNoSignature() throws Exception {
    Map<String, String> s = settings();
    s.remove("signName");
    answer(ok("S-1", "+6591234567"));
    channel(s).send(renewal("d-1", "+6591234567", "Li", "3"));
    assertThat(taken().getBody().readUtf8()).doesNotContain("SignName");
  }

  @Test
  void configuration() {
    assertThat(channel().requiredVariables("renewal")).contains(Set.of("customer", "days"));
    assertThat(channel().requiredVariables("nope")).isEmpty();
    assertThat(channel().toString()).contains("AKID-test").contains("1400006666").doesNotContain(SECRET_KEY);
    assertThat(new TencentSmsProvider().limits().permitsPerSecond()).isEqualTo(3_000);
    Map<String, String> bad = settings();
    bad.put("template.renewal.signName", "");
    assertThatThrownBy(() -> channel(bad)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'template.renewal.signName'");
    Map<String, String> noApp = settings();
    noApp.remove("smsSdkAppId");
    assertThatThrownBy(() -> channel(noApp)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'smsSdkAppId'");
  }

  @Test
  void aDroppedConnectionIsNotRepeatedEvenWhenTheSharedClientWould() {
    OkHttpClient retrying = new OkHttpClient();
    Channel channel = new TencentSmsProvider().create(SmsTests.context(
        "tencent-sms", settings(), Map.of("secretKey", SECRET_KEY), SmsTests.CLOCK, retrying));
    answer(ok("S-1", "+8613711112222"));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    answer(ok("S-2", "+8613711112222"));
    channel.send(renewal("d-1", "+8613711112222", "Li", "3"));
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> channel.send(renewal("d-2", "+8613711112222", "Li", "3")));
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(2);
    retrying.connectionPool().evictAll();
  }
}
