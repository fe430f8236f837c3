package io.touchbase.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.ChannelConfig;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.ConsentStatus;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.channel.support.TwilioSignature;
import io.touchbase.core.EngineControl;
import io.touchbase.core.engine.TestDatabase;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.logging.PiiLeakAppender;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Twilio for an international shop, and the providers' own opt-out answers (Twilio 21610, Tencent's
 * blacklist) turning into consent changes that stop later marketing rounds.
 */
class InternationalAndOptOutTest {
  static final Instant START = Instant.parse("2026-03-02T14:00:00Z");
  static final String AUTH_TOKEN = "twilio-auth-token-value";
  static final String STATUS_URL = "https://shop.example/hooks/sms-twilio";

  static {
    PiiLeakAppender.forbid(AUTH_TOKEN, FakeTencent.SECRET_KEY);
  }

  private final MockWebServer twilio = new MockWebServer();
  private MutableClock clock;
  private FakeTencent tencent;
  private Touchbase touchbase;

  @BeforeEach
  void setUp() throws Exception {
    clock = MutableClock.at(START);
    twilio.start();
    tencent = new FakeTencent();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (touchbase != null) {
      touchbase.close();
    }
    twilio.shutdown();
    tencent.close();
  }

  private Touchbase start(Consumer<Touchbase.Builder> custom) {
    String endpoint = twilio.url("/").toString().replaceAll("/$", "");
    Touchbase.Builder b = Touchbase.builder()
        .database(TestDatabase.h2())
        .clock(clock)
        .defaultZone(ZoneId.of("Europe/London"))
        .quietHours(QuietHours.none())
        .pollingInterval(Duration.ofMillis(20))
        .channel(ChannelConfig.builder("sms")
            .provider("twilio-sms", p -> p.setting("endpoint", endpoint).setting("accountSid", "AC0001")
                .setting("from", "+15005550006").setting("statusCallbackUrl", STATUS_URL)
                .secret("authToken", AUTH_TOKEN))
            .build())
        .template("welcome-back", "Hi {{name}}, your basket is waiting.")
        .template("last-call", "Last call, {{name}}: your basket expires tonight.")
        .cadence(CadenceDefinition.builder("basket").purpose(Purpose.MARKETING)
            .round(r -> r.channel("sms").template("welcome-back"))
            .round(r -> r.waitFor(Duration.ofDays(1)).channel("sms").template("last-call"))
            .build());
    custom.accept(b);
    touchbase = b.build();
    return touchbase;
  }

  private static Contact shopper(String id, String phone) {
    return Contact.builder(id).phone(phone).attribute("name", "Sam")
        .consent(Consent.optIn(ChannelType.SMS, Purpose.MARKETING, START.minus(Duration.ofDays(1)), "checkout"))
        .build();
  }

  private void idle() {
    assertThat(touchbase.unwrap(EngineControl.class).orElseThrow().awaitIdle(Duration.ofSeconds(20))).isTrue();
  }

  private List<TouchpointKind> kinds(String contact) {
    return touchbase.touchpoints().timeline(ContactId.of(contact)).stream().map(Touchpoint::kind).toList();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new TreeMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8), java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }

  /** A status callback signed as Twilio signs it. */
  private static CallbackRequest signedStatus(Map<String, String> params, String token) {
    Map<String, List<String>> multi = new TreeMap<>();
    params.forEach((k, v) -> multi.put(k, List.of(v)));
    String body = params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return CallbackRequest.builder("sms").url(STATUS_URL)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", TwilioSignature.compute(token, STATUS_URL, multi))
        .body(body).build();
  }

  @Test
  @DisplayName("Twilio: the Messages API request, then a signed delivery callback; a forged one records nothing")
  void twilioSendAndSignedCallback() throws Exception {
    start(b -> {});
    twilio.enqueue(new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
        .setBody("{\"sid\":\"SM0001\",\"status\":\"queued\",\"num_segments\":\"1\"}"));
    touchbase.contacts().upsert(shopper("s1", "+447700900123"));
    touchbase.cadences().enroll(ContactId.of("s1"), "basket");
    idle();
    RecordedRequest sent = twilio.takeRequest();
    assertThat(sent.getPath()).isEqualTo("/2010-04-01/Accounts/AC0001/Messages.json");
    assertThat(sent.getHeader("Authorization")).isEqualTo("Basic "
        + java.util.Base64.getEncoder().encodeToString(("AC0001:" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(form(sent.getBody().readUtf8())).containsEntry("To", "+447700900123").containsEntry("From", "+15005550006")
        .containsEntry("Body", "Hi Sam, your basket is waiting.").containsEntry("StatusCallback", STATUS_URL);

    Map<String, String> delivered = new LinkedHashMap<>(Map.of("MessageSid", "SM0001", "MessageStatus", "delivered",
        "AccountSid", "AC0001", "To", "+447700900123", "From", "+15005550006", "ApiVersion", "2010-04-01"));
    assertThat(touchbase.callbacks().handle(signedStatus(delivered, "not-the-token")).status()).isEqualTo(401);
    var answer = touchbase.callbacks().handle(signedStatus(delivered, AUTH_TOKEN));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("<Response/>");
    Map<String, String> lateSent = new LinkedHashMap<>(delivered);
    lateSent.put("MessageStatus", "sent");
    touchbase.callbacks().handle(signedStatus(lateSent, AUTH_TOKEN)); // out of order: records nothing
    assertThat(kinds("s1")).containsExactly(TouchpointKind.SENT, TouchpointKind.DELIVERED);
  }

  @Test
  @DisplayName("Twilio 21610 (the recipient sent STOP) records an opt-out, and the next marketing round is suppressed")
  void twilioStopAnswer() {
    start(b -> {});
    twilio.enqueue(new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
        .setBody("{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\","
            + "\"more_info\":\"https://www.twilio.com/docs/errors/21610\",\"status\":400}"));
    touchbase.contacts().upsert(shopper("s1", "+447700900123"));
    touchbase.cadences().enroll(ContactId.of("s1"), "basket");
    idle();
    clock.advance(Duration.ofDays(1));
    idle();
    assertThat(twilio.getRequestCount()).isEqualTo(1);
    assertThat(touchbase.contacts().find(ContactId.of("s1")).orElseThrow().consent(ChannelType.SMS, Purpose.MARKETING))
        .get().extracting(Consent::status).isEqualTo(ConsentStatus.OPTED_OUT);
    assertThat(kinds("s1")).containsExactly(TouchpointKind.UNSUBSCRIBED, TouchpointKind.FAILED, TouchpointKind.SUPPRESSED);
  }

  @Test
  @DisplayName("Tencent's blacklist answer records an opt-out, and the next marketing round is suppressed")
  void tencentBlacklist() {
    start(b -> b.channel(ChannelConfig.builder("sms-cn")
            .provider("tencent-sms", p -> p.setting("endpoint", tencent.endpoint())
                .setting("secretId", FakeTencent.SECRET_ID).setting("smsSdkAppId", "1400000001").setting("signName", "会员中心")
                .setting("template.cn-1.code", "2001").setting("template.cn-1.params", "name")
                .setting("template.cn-2.code", "2002").setting("template.cn-2.params", "name")
                .secret("secretKey", FakeTencent.SECRET_KEY))
            .build())
        .cadence(CadenceDefinition.builder("cn").purpose(Purpose.MARKETING)
            .round(r -> r.channel("sms-cn").template("cn-1"))
            .round(r -> r.waitFor(Duration.ofDays(1)).channel("sms-cn").template("cn-2"))
            .build()));
    tencent.script(new MockResponse().setHeader("Content-Type", "application/json").setBody(
        "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"\",\"PhoneNumber\":\"+8613800000001\",\"Fee\":0,"
            + "\"SessionContext\":\"x\",\"Code\":\"FailedOperation.PhoneNumberInBlacklist\","
            + "\"Message\":\"the number is in the blacklist\",\"IsoCode\":\"CN\"}],\"RequestId\":\"r\"}}"));
    touchbase.contacts().upsert(shopper("c1", "+8613800000001"));
    touchbase.cadences().enroll(ContactId.of("c1"), "cn");
    idle();
    clock.advance(Duration.ofDays(1));
    idle();
    assertThat(tencent.requests()).hasSize(1);
    assertThat(kinds("c1")).containsExactly(TouchpointKind.UNSUBSCRIBED, TouchpointKind.FAILED, TouchpointKind.SUPPRESSED);
    Touchpoint unsubscribed = touchbase.touchpoints().timeline(ContactId.of("c1")).get(0);
    assertThat(unsubscribed.reason()).get().asString().contains("FailedOperation.PhoneNumberInBlacklist");
  }
}
