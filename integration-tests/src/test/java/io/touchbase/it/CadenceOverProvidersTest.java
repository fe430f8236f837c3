package io.touchbase.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ChannelConfig;
import io.touchbase.api.ConfigurationException;
import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.callback.CallbackResponse;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.task.CallOutcome;
import io.touchbase.api.task.CallPolicy;
import io.touchbase.api.task.StaffTask;
import io.touchbase.api.task.StaffTaskQuery;
import io.touchbase.api.task.StaffTaskState;
import io.touchbase.api.task.StaffTasks;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.api.touchpoint.TouchpointQuery;
import io.touchbase.core.EngineControl;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.logging.PiiLeakAppender;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The mission's cadence, "round 1 SMS, round 2 SMS days later, round 3 a call, stop when the
 * customer converts", through the engine and the real channel modules, against Aliyun and Tencent
 * faked over real sockets. Run on every supported database by the subclasses.
 */
abstract class CadenceOverProvidersTest {
  static final Instant START = Instant.parse("2026-03-02T02:00:00Z"); // Monday 10:00 in Shanghai
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String TOKEN = "cb-token-value-7f3a";
  static final String CADENCE = "renewal";
  static final String STAFF_CADENCE = "renewal-with-agent";

  protected MutableClock clock;
  protected FakeAliyun aliyun;
  protected FakeTencent tencent;
  private final List<Touchbase> opened = new ArrayList<>();

  protected abstract Database newDatabase();

  static {
    // No log line of these tests may hold a secret or the callback token, on top of numbers and emails.
    PiiLeakAppender.forbid(TOKEN, FakeAliyun.SECRET, FakeTencent.SECRET_KEY);
  }

  @BeforeEach
  void setUp() throws Exception {
    clock = MutableClock.at(START);
    aliyun = new FakeAliyun();
    tencent = new FakeTencent();
  }

  @AfterEach
  void tearDown() throws Exception {
    opened.forEach(Touchbase::close);
    aliyun.close();
    tencent.close();
  }

  /** SMS on Aliyun with Tencent as failover, calls on Aliyun voice; the cadence SMS, SMS, call. */
  protected Touchbase start(Consumer<Touchbase.Builder> custom) {
    Touchbase.Builder b = Touchbase.builder()
        .database(newDatabase())
        .clock(clock)
        .defaultZone(SHANGHAI)
        .quietHours(QuietHours.none())
        .pollingInterval(Duration.ofMillis(20))
        .retryBackoff(Duration.ofMinutes(1))
        .channel(ChannelConfig.builder("sms")
            .provider("aliyun-sms", p -> p.setting("endpoint", aliyun.endpoint())
                .setting("accessKeyId", FakeAliyun.KEY_ID).setting("signName", "会员中心")
                .setting("template.renewal-1.code", "SMS_1001").setting("template.renewal-1.params", "name,offer")
                .setting("template.renewal-2.code", "SMS_1002").setting("template.renewal-2.params", "name")
                .setting("resilience.callTimeout", "PT1S").setting("resilience.retryBackoff", "PT0.01S")
                .secret("accessKeySecret", FakeAliyun.SECRET).secret("callbackToken", TOKEN))
            .provider("tencent-sms", p -> p.setting("endpoint", tencent.endpoint())
                .setting("secretId", FakeTencent.SECRET_ID).setting("smsSdkAppId", "1400000001")
                .setting("signName", "会员中心")
                .setting("template.renewal-1.code", "2001").setting("template.renewal-1.params", "name,offer")
                .setting("template.renewal-2.code", "2002").setting("template.renewal-2.params", "name")
                .secret("secretKey", FakeTencent.SECRET_KEY).secret("callbackToken", TOKEN))
            .build())
        .channel(ChannelConfig.builder("voice")
            .provider("aliyun-voice", p -> p.setting("endpoint", aliyun.endpoint())
                .setting("accessKeyId", FakeAliyun.KEY_ID)
                .setting("template.renewal-call.code", "TTS_3001").setting("template.renewal-call.params", "name")
                .secret("accessKeySecret", FakeAliyun.SECRET).secret("callbackToken", TOKEN))
            .build())
        .channel(ChannelConfig.builder("agent-call")
            .provider("staff-call", p -> p.setting("queue", "renewals").setting("deadline", "PT48H")).build())
        .template("renewal-agent", "Call {{name}}: the membership ends soon; offer 10% off for two years.")
        .cadence(CadenceDefinition.builder(CADENCE)
            .purpose(Purpose.MARKETING)
            .round(r -> r.channel("sms").template("renewal-1").variable("offer", "10%"))
            .round(r -> r.waitFor(Duration.ofDays(5)).channel("sms").template("renewal-2"))
            .round(r -> r.waitFor(Duration.ofDays(2)).channel("voice").template("renewal-call"))
            .exitOn("membership.renewed")
            .build())
        .cadence(CadenceDefinition.builder(STAFF_CADENCE)
            .purpose(Purpose.MARKETING)
            .round(r -> r.channel("sms").template("renewal-1").variable("offer", "10%"))
            .round(r -> r.waitFor(Duration.ofDays(5)).channel("sms").template("renewal-2"))
            .round(r -> r.waitFor(Duration.ofDays(2)).channel("agent-call").template("renewal-agent")
                .callPolicy(CallPolicy.builder().maxAttempts(3).retryAfter(Duration.ofHours(4)).build()))
            .exitOn("membership.renewed")
            .build());
    custom.accept(b);
    Touchbase t = b.build();
    opened.add(t);
    return t;
  }

  static Contact member(String id, String phone) {
    return Contact.builder(id)
        .phone(phone)
        .attribute("name", "Member " + id)
        .timeZone(SHANGHAI)
        .consent(Consent.optIn(ChannelType.SMS, Purpose.MARKETING, START.minus(Duration.ofDays(30)), "signup"))
        .consent(Consent.optIn(ChannelType.PHONE, Purpose.MARKETING, START.minus(Duration.ofDays(30)), "signup"))
        .build();
  }

  static void idle(Touchbase t) {
    assertThat(t.unwrap(EngineControl.class).orElseThrow().awaitIdle(Duration.ofSeconds(20))).isTrue();
  }

  void advance(Touchbase t, Duration total) {
    Duration step = Duration.ofHours(6);
    for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(step)) {
      clock.advance(step);
      idle(t);
    }
  }

  static List<TouchpointKind> kinds(Touchbase t, String contact) {
    return t.touchpoints().timeline(ContactId.of(contact)).stream().map(Touchpoint::kind).toList();
  }

  static CallbackRequest callback(String channel, String path, String body) {
    return CallbackRequest.builder(channel).url("https://shop.example" + path + "?token=" + TOKEN)
        .header("Content-Type", "application/json").body(body).build();
  }

  @Test
  @DisplayName("SMS, SMS, then an automated call whose VoiceReport arrives by callback")
  void smsSmsVoiceCall() {
    Touchbase t = start(b -> {});
    t.contacts().upsert(member("u1", "+8613800000001"));
    long e = t.cadences().enroll(ContactId.of("u1"), CADENCE).id().value();
    idle(t);

    Map<String, String> first = aliyun.requests("SendSms").get(0);
    assertThat(first).containsEntry("PhoneNumbers", "13800000001").containsEntry("SignName", "会员中心")
        .containsEntry("TemplateCode", "SMS_1001").containsEntry("OutId", "e" + e + "r1a1")
        .containsEntry("method", "POST");
    assertThat(first.get("TemplateParam")).isEqualTo("{\"name\":\"Member u1\",\"offer\":\"10%\"}");

    String report = "[{\"phone_number\":\"13800000001\",\"send_time\":\"2026-03-02 10:00:01\","
        + "\"report_time\":\"2026-03-02 10:00:05\",\"success\":true,\"err_code\":\"DELIVERED\","
        + "\"err_msg\":\"用户接收成功\",\"sms_size\":\"1\",\"biz_id\":\"biz-1\",\"out_id\":\"e" + e + "r1a1\"}]";
    CallbackResponse answer = t.callbacks().handle(callback("sms:aliyun-sms", "/hooks/aliyun-sms", report));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("\"code\":0");
    t.callbacks().handle(callback("sms:aliyun-sms", "/hooks/aliyun-sms", report)); // a duplicate push

    advance(t, Duration.ofDays(5));
    assertThat(aliyun.requests("SendSms")).hasSize(2);
    assertThat(aliyun.requests("SendSms").get(1)).containsEntry("TemplateCode", "SMS_1002")
        .containsEntry("TemplateParam", "{\"name\":\"Member u1\"}");

    advance(t, Duration.ofDays(2));
    List<Map<String, String>> calls = aliyun.requests("SingleCallByTts");
    assertThat(calls).singleElement().satisfies(call -> {
      assertThat(call).containsEntry("CalledNumber", "13800000001").containsEntry("TtsCode", "TTS_3001")
          .containsEntry("TtsParam", "{\"name\":\"Member u1\"}");
      assertThat(call.get("OutId").getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(15);
    });
    String callId = "call-3";
    String voiceReport = "[{\"call_id\":\"" + callId + "\",\"out_id\":\"" + calls.get(0).get("OutId") + "\","
        + "\"status_code\":\"200000\",\"smart_status_code\":\"ANSWERED\",\"status_msg\":\"用户听完挂断\","
        + "\"start_time\":\"2026-03-09 10:00:10\",\"end_time\":\"2026-03-09 10:00:41\",\"duration\":\"31\","
        + "\"hangup_direction\":\"用户\"}]";
    assertThat(t.callbacks().handle(callback("voice", "/hooks/aliyun-voice", voiceReport)).status()).isEqualTo(200);

    assertThat(kinds(t, "u1")).containsExactly(TouchpointKind.SENT, TouchpointKind.DELIVERED, TouchpointKind.SENT,
        TouchpointKind.SENT, TouchpointKind.CALL_ANSWERED);
    Touchpoint answered = t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.CALL_ANSWERED).build()).get(0);
    assertThat(answered.round()).hasValue(3);
    assertThat(answered.attributes()).containsEntry("durationSeconds", "31");
  }

  @Test
  @DisplayName("a forged or token-less callback is rejected and records nothing")
  void forgedCallbackRejected() {
    Touchbase t = start(b -> {});
    t.contacts().upsert(member("u1", "+8613800000001"));
    long e = t.cadences().enroll(ContactId.of("u1"), CADENCE).id().value();
    idle(t);
    String report = "[{\"phone_number\":\"13800000001\",\"success\":false,\"err_code\":\"MK:0001\","
        + "\"biz_id\":\"biz-1\",\"out_id\":\"e" + e + "r1a1\",\"send_time\":\"2026-03-02 10:00:01\","
        + "\"report_time\":\"2026-03-02 10:00:05\",\"err_msg\":\"x\",\"sms_size\":\"1\"}]";
    CallbackRequest forged = CallbackRequest.builder("sms:aliyun-sms")
        .url("https://shop.example/hooks/aliyun-sms?token=guess").body(report).build();
    CallbackRequest bare = CallbackRequest.builder("sms:aliyun-sms").url("https://shop.example/hooks/aliyun-sms")
        .body(report).build();
    assertThat(t.callbacks().handle(forged).status()).isEqualTo(401);
    assertThat(t.callbacks().handle(bare).status()).isEqualTo(401);
    assertThat(kinds(t, "u1")).containsExactly(TouchpointKind.SENT);
  }

  @Test
  @DisplayName("Aliyun answering isp.SYSTEM_ERROR hands the round to Tencent, and the touchpoint says why")
  void failoverOnSystemError() {
    Touchbase t = start(b -> {});
    // Twice: the guard retries an answered retryable error once before failing over.
    aliyun.script("SendSms", FakeAliyun.error("isp.SYSTEM_ERROR", "System error"));
    aliyun.script("SendSms", FakeAliyun.error("isp.SYSTEM_ERROR", "System error"));
    t.contacts().upsert(member("u1", "+8613800000001"));
    long e = t.cadences().enroll(ContactId.of("u1"), CADENCE).id().value();
    idle(t);
    assertThat(tencent.requests()).singleElement().satisfies(body -> {
      assertThat(body.path("SessionContext").asText()).isEqualTo("e" + e + "r1a1");
      assertThat(body.path("TemplateId").asText()).isEqualTo("2001");
      assertThat(body.path("TemplateParamSet").toString()).isEqualTo("[\"Member u1\",\"10%\"]");
      assertThat(body.path("PhoneNumberSet").toString()).isEqualTo("[\"+8613800000001\"]");
    });
    assertThat(tencent.rawRequests().get(0).getHeader("Authorization")).startsWith("TC3-HMAC-SHA256 Credential=AKID-test/");
    Touchpoint sent = t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.SENT).build()).get(0);
    assertThat(sent.provider()).hasValue("tencent-sms");
    assertThat(sent.reason()).get().asString().contains("aliyun-sms: isp.SYSTEM_ERROR");
  }

  @Test
  @DisplayName("Aliyun timing out hands the round to Tencent without asking Aliyun again")
  void failoverOnTimeout() {
    Touchbase t = start(b -> {});
    aliyun.script("SendSms", FakeAliyun.json("{\"Code\":\"OK\",\"BizId\":\"late\"}").setBodyDelay(3, java.util.concurrent.TimeUnit.SECONDS));
    t.contacts().upsert(member("u1", "+8613800000001"));
    t.cadences().enroll(ContactId.of("u1"), CADENCE);
    idle(t);
    assertThat(aliyun.requests("SendSms")).hasSize(1);
    assertThat(tencent.requests()).hasSize(1);
    Touchpoint sent = t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.SENT).build()).get(0);
    assertThat(sent.provider()).hasValue("tencent-sms");
    assertThat(sent.reason()).get().asString().contains("aliyun-sms").contains("may have been sent");
  }

  @Test
  @DisplayName("after a timeout on the only provider, Aliyun's send-detail query finds the message: not sent twice")
  void timeoutResolvedBySendDetailQuery() {
    Touchbase t = start(b -> b.channel(ChannelConfig.builder("sms-solo")
            .provider("aliyun-sms", p -> p.setting("endpoint", aliyun.endpoint())
                .setting("accessKeyId", FakeAliyun.KEY_ID).setting("signName", "会员中心")
                .setting("template.renewal-1.code", "SMS_1001").setting("template.renewal-1.params", "name,offer")
                .setting("resilience.callTimeout", "PT1S")
                .secret("accessKeySecret", FakeAliyun.SECRET))
            .build())
        .cadence(CadenceDefinition.builder("solo").round(r -> r.channel("sms-solo").template("renewal-1")
            .variable("offer", "10%")).build()));
    aliyun.script("SendSms", FakeAliyun.json("{\"Code\":\"OK\",\"BizId\":\"late\"}")
        .setBodyDelay(3, java.util.concurrent.TimeUnit.SECONDS));
    t.contacts().upsert(member("u1", "+8613800000001"));
    long e = t.cadences().enroll(ContactId.of("u1"), "solo").id().value();
    idle(t);
    assertThat(kinds(t, "u1")).as("nothing is recorded while the outcome is unknown").isEmpty();
    aliyun.script("QuerySendDetails", FakeAliyun.json("{\"Code\":\"OK\",\"Message\":\"OK\",\"TotalCount\":1,"
        + "\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":[{\"OutId\":\"e" + e + "r1a1\",\"SendStatus\":3,"
        + "\"PhoneNum\":\"13800000001\",\"TemplateCode\":\"SMS_1001\"}]}}"));
    clock.advance(Duration.ofMinutes(6));
    idle(t);
    assertThat(aliyun.requests("QuerySendDetails")).singleElement().satisfies(q -> assertThat(q)
        .containsEntry("PhoneNumber", "13800000001").containsEntry("SendDate", "20260302"));
    assertThat(aliyun.requests("SendSms")).as("found at the provider, so not sent again").hasSize(1);
    Touchpoint sent = t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.SENT).build()).get(0);
    assertThat(sent.attributes()).containsEntry("recovered", "true");
  }

  @Test
  @DisplayName("a per-number limit defers the round to the provider's next window, and it is sent then")
  void perNumberLimitDefers() {
    Touchbase t = start(b -> {});
    aliyun.script("SendSms", FakeAliyun.error("isv.BUSINESS_LIMIT_CONTROL", "触发小时级流控Permits:5"));
    t.contacts().upsert(member("u1", "+8613800000001"));
    t.cadences().enroll(ContactId.of("u1"), CADENCE);
    idle(t);
    assertThat(tencent.requests()).as("a deferral is not a reason to fail over").isEmpty();
    Touchpoint deferred = t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.DEFERRED).build()).get(0);
    assertThat(deferred.reason()).get().asString().contains("isv.BUSINESS_LIMIT_CONTROL");
    clock.advance(Duration.ofMinutes(30));
    idle(t);
    assertThat(aliyun.requests("SendSms")).hasSize(1);
    clock.advance(Duration.ofMinutes(31));
    idle(t);
    assertThat(aliyun.requests("SendSms")).hasSize(2);
    assertThat(kinds(t, "u1")).containsExactly(TouchpointKind.DEFERRED, TouchpointKind.SENT);
  }

  @Test
  @DisplayName("an unsubscribe reply by SmsUp suppresses the next marketing round")
  void unsubscribeReply() {
    Touchbase t = start(b -> {});
    t.contacts().upsert(member("u1", "+8613800000001"));
    t.cadences().enroll(ContactId.of("u1"), CADENCE);
    idle(t);
    String up = "[{\"phone_number\":\"13800000001\",\"content\":\"TD\",\"send_time\":\"2026-03-02 11:00:00\","
        + "\"dest_code\":\"1234\",\"sequence_id\":\"9001\"}]";
    assertThat(t.callbacks().handle(callback("sms:aliyun-sms", "/hooks/aliyun-sms-up", up)).status()).isEqualTo(200);
    advance(t, Duration.ofDays(5));
    assertThat(aliyun.requests("SendSms")).hasSize(1);
    assertThat(kinds(t, "u1")).containsExactly(TouchpointKind.SENT, TouchpointKind.REPLIED,
        TouchpointKind.UNSUBSCRIBED, TouchpointKind.SUPPRESSED);
  }

  @Test
  @DisplayName("a conversion after round 2 stops the call")
  void conversionStopsTheCall() {
    Touchbase t = start(b -> {});
    t.contacts().upsert(member("u1", "+8613800000001"));
    t.cadences().enroll(ContactId.of("u1"), CADENCE);
    idle(t);
    advance(t, Duration.ofDays(5));
    t.events().record(ContactId.of("u1"), "membership.renewed");
    advance(t, Duration.ofDays(3));
    assertThat(aliyun.requests("SingleCallByTts")).isEmpty();
    assertThat(t.cadences().enrollments(ContactId.of("u1")).get(0).state()).isEqualTo(EnrollmentState.CONVERTED);
  }

  @Test
  @DisplayName("SMS, SMS, then an agent's call task: no answer, retried four hours later, then answered")
  void smsSmsStaffCall() {
    Touchbase t = start(b -> {});
    t.contacts().upsert(member("u1", "+8613800000001"));
    t.cadences().enroll(ContactId.of("u1"), STAFF_CADENCE);
    idle(t);
    advance(t, Duration.ofDays(7));
    assertThat(aliyun.requests("SendSms")).hasSize(2);
    StaffTasks tasks = t.staffTasks();
    StaffTask first = tasks.claimNext("renewals", "agent-7").orElseThrow();
    assertThat(first.maskedAddress()).doesNotContain("13800000001").endsWith("0001");
    assertThat(first.script()).hasValue("Call Member u1: the membership ends soon; offer 10% off for two years.");
    assertThat(tasks.claimNext("renewals", "agent-8")).as("a claimed task is nobody else's").isEmpty();
    assertThat(tasks.revealAddress(first.id(), "agent-7").value()).isEqualTo("+8613800000001");
    tasks.complete(first.id(), "agent-7", CallOutcome.noAnswer());

    clock.advance(Duration.ofHours(3));
    idle(t);
    assertThat(tasks.claimNext("renewals", "agent-7")).as("the retry is not due yet").isEmpty();
    clock.advance(Duration.ofHours(1));
    idle(t);
    StaffTask second = tasks.claimNext("renewals", "agent-8").orElseThrow();
    assertThat(second.attempt()).isEqualTo(2);
    tasks.complete(second.id(), "agent-8", CallOutcome.answered());
    advance(t, Duration.ofDays(4)); // past the attribution window

    assertThat(kinds(t, "u1")).containsExactly(TouchpointKind.SENT, TouchpointKind.SENT, TouchpointKind.TASK_CREATED,
        TouchpointKind.CALL_NOT_ANSWERED, TouchpointKind.TASK_CREATED, TouchpointKind.CALL_ANSWERED);
    assertThat(t.cadences().enrollments(ContactId.of("u1")).get(0).state()).isEqualTo(EnrollmentState.COMPLETED);
    assertThat(aliyun.requests("SingleCallByTts")).as("no automated call in this cadence").isEmpty();
  }

  @Test
  @DisplayName("a conversion after round 2 cancels the agent's open call task")
  void conversionCancelsTheCallTask() {
    Touchbase t = start(b -> {});
    t.contacts().upsert(member("u1", "+8613800000001"));
    t.cadences().enroll(ContactId.of("u1"), STAFF_CADENCE);
    idle(t);
    advance(t, Duration.ofDays(7));
    StaffTask task = t.staffTasks().list(StaffTaskQuery.builder().queue("renewals").build()).get(0);
    assertThat(task.state()).isEqualTo(StaffTaskState.OPEN);
    t.events().record(ContactId.of("u1"), "membership.renewed");
    idle(t);
    assertThat(t.staffTasks().find(task.id()).orElseThrow().state()).isEqualTo(StaffTaskState.CANCELLED);
    assertThat(t.staffTasks().claimNext("renewals", "agent-7")).isEmpty();
    assertThat(kinds(t, "u1")).contains(TouchpointKind.TASK_CANCELLED).contains(TouchpointKind.CONVERTED);
  }

  @Test
  @DisplayName("a provider configured without a required setting fails the build naming the setting")
  void missingSettingNamed() {
    assertThatThrownBy(() -> start(b -> b.channel(ChannelConfig.builder("sms2")
        .provider("aliyun-sms", p -> p.setting("signName", "x").secret("accessKeySecret", "y")).build())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("sms2").hasMessageContaining("accessKeyId");
  }
}
