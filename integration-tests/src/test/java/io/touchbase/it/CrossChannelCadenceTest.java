package io.touchbase.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.touchbase.api.ChannelConfig;
import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.callback.CallbackResponse;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.api.touchpoint.TouchpointQuery;
import io.touchbase.core.EngineControl;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.logging.PiiLeakAppender;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cross-channel cadence through the engine and the real WeChat, SMS and email
 * modules, against WeChat, Aliyun and an SMTP server over real sockets: round 1 a WeChat template
 * message, falling back to SMS for a contact without an openid of the app or without WeChat
 * consent; round 2 an email; round 3 an SMS. Every fallback reason is asserted on the touchpoints
 * and every round's funnel. Run on every supported database by the subclasses.
 */
abstract class CrossChannelCadenceTest {
  static final Instant START = Instant.parse("2026-03-02T02:00:00Z"); // Monday 10:00 in Shanghai
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String CADENCE = "renewal-reach";
  static final String WECHAT_TEMPLATE = "Kq3xVbR7tJ9mW2nP5sL8dF4gH6jC0zY1aE3uI7oT9wQ";
  static final String UNSUBSCRIBE_KEY = "unsubscribe-key-e2e-0123456789abcdef";
  static final String UNSUBSCRIBE_URL = "https://shop.example/touchbase/callbacks/email/u";
  static final String EXPIRY = "3月31日";
  static final String WECOM_CORP_ID = "ww7e2e0c5a9b3f1d46";
  static final String JSON_UTF8 = "application/json; charset=utf-8";
  static final String WECHAT_CALLBACK_TOKEN = "wechat-callback-token-e2e-8a21";

  /** A contact of the test: who they are and how they can be reached. */
  record Member(String id, String name, String phone, String email, String openId, String externalUserId,
      String staff) {
    /** The phone number as Aliyun's {@code PhoneNumbers} carries a mainland number. */
    String mainland() {
      return phone.substring(3);
    }
  }

  /** Has an openid of the app: WeChat in round 1. */
  static final Member ANN = new Member("a", "Ann", "+8613800000011", "ann.a@example.com",
      "oA3e2eGjjl_eiZoUpGozMo7dbBJ36A", "wmA3e2eGCAAAXtWyujaWJHDDGi0mAAA", "zhangsan");
  /** Has no openid: SMS in round 1. */
  static final Member BO = new Member("b", "Bo", "+8613800000012", "bo.b@example.com",
      "", "wmB3e2eGCAAAXtWyujaWJHDDGi0mBBB", "zhangsan");
  /** Has an openid but opted out of marketing on WeChat: SMS in round 1. Reads Chinese email. */
  static final Member CHEN = new Member("c", "陈女士", "+8613800000013", "chen.c@example.com",
      "oC3e2eGjjl_eiZoUpGozMo7dbBJ36C", "wmC3e2eGCAAAXtWyujaWJHDDGi0mCCC", "zhangsan");
  /** Like Ann, and their staff member does send the WeCom message in round 3. */
  static final Member DAI = new Member("d", "Dai", "+8613800000014", "dai.d@example.com",
      "oD3e2eGjjl_eiZoUpGozMo7dbBJ36D", "wmD3e2eGCAAAXtWyujaWJHDDGi0mDDD", "lisi");
  static final List<Member> MEMBERS = List.of(ANN, BO, CHEN, DAI);

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      // Mailboxes exist up front: GreenMail logs the address of every mailbox it creates itself.
      .withConfiguration(GreenMailConfiguration.aConfig()
          .withUser(ANN.email(), "ann", "mail-password-a")
          .withUser(BO.email(), "bo", "mail-password-b")
          .withUser(CHEN.email(), "chen", "mail-password-c")
          .withUser(DAI.email(), "dai", "mail-password-d"));

  static {
    // No log line may hold a secret, an access token, an openid or an external user id.
    PiiLeakAppender.forbid(FakeAliyun.SECRET, FakeWeChat.APP_SECRET, FakeWeChat.ACCESS_TOKEN, WECHAT_CALLBACK_TOKEN,
        UNSUBSCRIBE_KEY);
    MEMBERS.forEach(m -> PiiLeakAppender.forbid(m.openId(), m.externalUserId()));
  }

  protected MutableClock clock;
  protected FakeAliyun aliyun;
  protected FakeWeChat wechat;
  private final List<Touchbase> opened = new ArrayList<>();

  protected abstract Database newDatabase();

  @BeforeEach
  void setUp() throws Exception {
    clock = MutableClock.at(START);
    aliyun = new FakeAliyun();
    wechat = new FakeWeChat();
  }

  @AfterEach
  void tearDown() throws Exception {
    opened.forEach(Touchbase::close);
    aliyun.close();
    wechat.close();
  }

  /** The four channels on the real providers, and the cadence WeChat-or-SMS, email, SMS. */
  protected Touchbase start() {
    Touchbase t = Touchbase.builder()
        .database(newDatabase())
        .clock(clock)
        .defaultZone(SHANGHAI)
        .quietHours(QuietHours.none())
        .pollingInterval(Duration.ofMillis(20))
        .retryBackoff(Duration.ofMinutes(1))
        .channel(ChannelConfig.builder("wechat")
            .provider("wechat-template", p -> p.setting("appId", FakeWeChat.APP_ID)
                .setting("baseUrl", wechat.baseUrl())
                .setting("template.renewal-notice.code", WECHAT_TEMPLATE)
                .setting("template.renewal-notice.params", "keyword1:name,keyword2:expiry")
                .setting("template.renewal-notice.url", "https://shop.example/renew")
                .secret("appSecret", FakeWeChat.APP_SECRET).secret("callbackToken", WECHAT_CALLBACK_TOKEN))
            .build())
        .channel(ChannelConfig.builder("sms")
            .provider("aliyun-sms", p -> p.setting("endpoint", aliyun.endpoint())
                .setting("accessKeyId", FakeAliyun.KEY_ID).setting("signName", "会员中心")
                .setting("template.renewal-notice.code", "SMS_5001")
                .setting("template.renewal-notice.params", "name,expiry")
                .setting("template.renewal-staff.code", "SMS_5003")
                .setting("template.renewal-staff.params", "name,expiry")
                .setting("resilience.callTimeout", "PT2S")
                .secret("accessKeySecret", FakeAliyun.SECRET))
            .build())
        .channel(ChannelConfig.builder("email")
            .provider("smtp", p -> p.setting("host", "127.0.0.1")
                .setting("port", Integer.toString(MAIL.getSmtp().getPort()))
                .setting("security", "none-insecure")
                .setting("from", "Shop News <news@shop.example>")
                .setting("connectTimeout", "PT2S").setting("readTimeout", "PT5S").setting("writeTimeout", "PT5S")
                .setting("unsubscribeUrl", UNSUBSCRIBE_URL)
                .setting("unsubscribeMailto", "unsubscribe@shop.example")
                .setting("template.renewal-email.subject", "{{name}}, your membership ends on {{expiry}}")
                .setting("template.renewal-email.html", "<p>Hello {{name}},</p><p>your membership ends on "
                    + "{{expiry}}.</p><p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></p>")
                .setting("template.renewal-email.text",
                    "Hello {{name}},\nyour membership ends on {{expiry}}.\nUnsubscribe: {{unsubscribeUrl}}")
                .setting("template.renewal-email.zh.subject", "{{name}}，您的会员将于{{expiry}}到期")
                .setting("template.renewal-email.zh.html", "<p>{{name}}您好，</p><p>您的会员将于{{expiry}}到期。</p>")
                .setting("template.renewal-email.zh.text", "{{name}}您好，您的会员将于{{expiry}}到期。")
                .secret("unsubscribeKey", UNSUBSCRIBE_KEY))
            .build())
        .cadence(CadenceDefinition.builder(CADENCE)
            .purpose(Purpose.MARKETING)
            .round(r -> r.channels("wechat", "sms").template("renewal-notice").variable("expiry", EXPIRY))
            .round(r -> r.waitFor(Duration.ofDays(2)).channel("email").template("renewal-email")
                .variable("expiry", EXPIRY))
            .round(r -> r.waitFor(Duration.ofDays(3)).channels("sms").template("renewal-staff")
                .variable("expiry", EXPIRY))
            .build())
        .build();
    opened.add(t);
    return t;
  }

  /** Opted in to marketing on every channel type a month ago; Chen opted out of WeChat since. */
  static Contact contact(Member m) {
    Instant signup = START.minus(Duration.ofDays(30));
    Contact.Builder b = Contact.builder(m.id())
        .phone(m.phone())
        .email(m.email())
        .address(Address.wecomExternalUserId(WECOM_CORP_ID, m.externalUserId()))
        .attribute("name", m.name())
        .attribute("wecomSender", m.staff())
        .timeZone(SHANGHAI);
    if (!m.openId().isEmpty()) {
      b.address(Address.wechatOpenId(FakeWeChat.APP_ID, m.openId()));
    }
    for (ChannelType type : List.of(ChannelType.WECHAT, ChannelType.SMS, ChannelType.EMAIL, ChannelType.WECOM)) {
      b.consent(Consent.optIn(type, Purpose.MARKETING, signup, "signup"));
    }
    if (m == CHEN) {
      b.consent(Consent.optOut(ChannelType.WECHAT, Purpose.MARKETING, START.minus(Duration.ofDays(2)), "wechat-menu"));
      b.locale(Locale.forLanguageTag("zh-CN"));
    }
    return b.build();
  }

  static void idle(Touchbase t) {
    assertThat(t.unwrap(EngineControl.class).orElseThrow().awaitIdle(Duration.ofSeconds(20))).isTrue();
  }

  void advance(Touchbase t, Duration total, Duration step) {
    for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(step)) {
      clock.advance(step);
      idle(t);
    }
  }

  static List<Touchpoint> timeline(Touchbase t, Member m) {
    return t.touchpoints().timeline(ContactId.of(m.id()));
  }

  /** A touchpoint as {@code KIND channel rN}, e.g. {@code SENT sms r1}. */
  static String row(Touchpoint tp) {
    return tp.kind() + " " + tp.channel().orElse("-") + " r" + (tp.round().isPresent() ? tp.round().getAsInt() : "-");
  }

  static Map<TouchpointKind, Long> funnel(Touchbase t, int round) {
    return t.touchpoints().count(TouchpointQuery.builder().cadence(CADENCE).round(round).build());
  }

  /** The dispatch id of the contact's SENT touchpoint of a round. */
  static String dispatchOf(Touchbase t, Member m, int round) {
    return timeline(t, m).stream().filter(tp -> tp.kind() == TouchpointKind.SENT && tp.round().orElse(0) == round)
        .findFirst().flatMap(Touchpoint::dispatchId).orElseThrow();
  }

  static String sha1Hex(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A plaintext Official Account push, signed as WeChat signs it: SHA-1 of token, timestamp, nonce sorted. */
  CallbackRequest wechatPush(String xml) throws Exception {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonce = "n" + timestamp.substring(4);
    String[] parts = {WECHAT_CALLBACK_TOKEN, timestamp, nonce};
    Arrays.sort(parts);
    String signature = sha1Hex(String.join("", parts));
    return CallbackRequest.builder("wechat").method("POST")
        .url("https://shop.example/touchbase/callbacks/wechat?signature=" + signature + "&timestamp=" + timestamp
            + "&nonce=" + nonce + "&openid=" + ANN.openId())
        .header("Content-Type", "text/xml").body(xml).build();
  }

  @Test
  @DisplayName("WeChat or SMS by openid and consent, then email, then SMS: every fallback reason and the funnel")
  void crossChannelCadence() throws Exception {
    Touchbase t = start();
    MEMBERS.forEach(m -> t.contacts().upsert(contact(m)));
    MEMBERS.forEach(m -> t.cadences().enroll(ContactId.of(m.id()), CADENCE));
    idle(t);

    // Round 1: WeChat for Ann and Dai, who have an openid of the app and consent; SMS for the others.
    List<FakeWeChat.Call> wx = wechat.calls();
    assertThat(wx).as("one token for every send, then one send per contact with an openid").hasSize(3);
    assertThat(wx.get(0)).isEqualTo(new FakeWeChat.Call("POST", FakeWeChat.TOKEN_PATH, JSON_UTF8,
        "{\"grant_type\":\"client_credential\",\"appid\":\"" + FakeWeChat.APP_ID + "\",\"secret\":\""
            + FakeWeChat.APP_SECRET + "\",\"force_refresh\":false}"));
    assertThat(wx.subList(1, 3)).allSatisfy(c -> {
      assertThat(c.method()).isEqualTo("POST");
      assertThat(c.path()).isEqualTo(FakeWeChat.SEND_PATH);
      assertThat(c.contentType()).isEqualTo(JSON_UTF8);
    });
    assertThat(wechat.sends()).containsExactlyInAnyOrder(wechatSend(ANN, dispatchOf(t, ANN, 1)),
        wechatSend(DAI, dispatchOf(t, DAI, 1)));
    assertThat(aliyun.requests("SendSms")).extracting(r -> r.get("PhoneNumbers"))
        .containsExactlyInAnyOrder(BO.mainland(), CHEN.mainland());
    for (Member m : List.of(BO, CHEN)) {
      assertThat(sms(m, "SMS_5001")).containsEntry("OutId", dispatchOf(t, m, 1)).containsEntry("SignName", "会员中心")
          .containsEntry("TemplateParam", "{\"name\":\"" + m.name() + "\",\"expiry\":\"" + EXPIRY + "\"}")
          .containsEntry("method", "POST");
    }
    // WeChat reports Ann's message delivered.
    String annMsgId = timeline(t, ANN).get(0).providerMessageId().orElseThrow();
    CallbackResponse pushed = t.callbacks().handle(wechatPush("<xml><ToUserName><![CDATA[gh_7f083739789a]]>"
        + "</ToUserName><FromUserName><![CDATA[" + ANN.openId() + "]]></FromUserName><CreateTime>"
        + clock.instant().getEpochSecond() + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event>"
        + "<![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>" + annMsgId + "</MsgID><Status><![CDATA[success]]>"
        + "</Status></xml>"));
    assertThat(pushed.status()).isEqualTo(200);
    assertThat(pushed.body()).isEqualTo("success");

    // Round 2, two days later: one marketing email per contact, in the contact's language.
    advance(t, Duration.ofDays(2), Duration.ofHours(6));
    assertThat(MAIL.getReceivedMessages()).hasSize(4);
    for (Member m : MEMBERS) {
      MimeMessage mail = receivedBy(m);
      assertThat(mail.getHeader("From")).containsExactly("Shop News <news@shop.example>");
      assertThat(mail.getSubject()).isEqualTo(m == CHEN ? "陈女士，您的会员将于3月31日到期"
          : m.name() + ", your membership ends on " + EXPIRY);
      assertThat(mail.getHeader("Message-ID")).containsExactly("<" + dispatchOf(t, m, 2) + ".touchbase@shop.example>");
      assertThat(mail.getHeader("List-Unsubscribe")).singleElement().asString()
          .startsWith("<" + UNSUBSCRIBE_URL + "/").endsWith(">, <mailto:unsubscribe@shop.example?subject=unsubscribe>");
      assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
      assertThat(mail.getContentType()).startsWith("multipart/alternative;");
      MimeMultipart parts = (MimeMultipart) mail.getContent();
      assertThat(parts.getCount()).isEqualTo(2);
      assertThat(parts.getBodyPart(0).getContentType()).isEqualTo("text/plain; charset=UTF-8");
      assertThat(parts.getBodyPart(1).getContentType()).isEqualTo("text/html; charset=UTF-8");
      assertThat((String) parts.getBodyPart(1).getContent()).contains(m == CHEN ? "陈女士您好" : "Hello " + m.name());
    }
    assertThat(wechat.calls()).as("no WeChat send after round 1").hasSize(3);

    // Round 3, three days later: SMS for everyone.
    advance(t, Duration.ofDays(3), Duration.ofHours(6));
    for (Member m : MEMBERS) {
      assertThat(sms(m, "SMS_5003")).containsEntry("OutId", dispatchOf(t, m, 3))
          .containsEntry("TemplateParam", "{\"name\":\"" + m.name() + "\",\"expiry\":\"" + EXPIRY + "\"}");
    }
    assertThat(aliyun.requests("SendSms")).hasSize(6);

    String noOpenId = "channel 'wechat': contact has no wechat-openid address for app " + FakeWeChat.APP_ID;
    String optedOut = "channel 'wechat': contact opted out of marketing on wechat (wechat-menu)";
    assertTimeline(t, ANN, "SENT wechat r1", "DELIVERED wechat r1", "SENT email r2", "SENT sms r3");
    assertTimeline(t, BO, "SENT sms r1", "SENT email r2", "SENT sms r3");
    assertTimeline(t, CHEN, "SENT sms r1", "SENT email r2", "SENT sms r3");
    assertTimeline(t, DAI, "SENT wechat r1", "SENT email r2", "SENT sms r3");
    assertThat(timeline(t, BO).get(0).reason()).hasValue(noOpenId);
    assertThat(timeline(t, CHEN).get(0).reason()).hasValue(optedOut);
    for (Member m : List.of(ANN, DAI)) {
      Touchpoint first = timeline(t, m).get(0);
      assertThat(first.provider()).hasValue("wechat-template");
      assertThat(first.reason()).as("nothing was passed over").isEmpty();
    }
    assertThat(timeline(t, ANN).get(1).providerMessageId()).hasValue(annMsgId);

    assertThat(funnel(t, 1)).isEqualTo(Map.of(TouchpointKind.SENT, 4L, TouchpointKind.DELIVERED, 1L));
    assertThat(funnel(t, 2)).isEqualTo(Map.of(TouchpointKind.SENT, 4L));
    assertThat(funnel(t, 3)).isEqualTo(Map.of(TouchpointKind.SENT, 4L));
  }

  static String wechatSend(Member m, String dispatchId) {
    return "{\"touser\":\"" + m.openId() + "\",\"template_id\":\"" + WECHAT_TEMPLATE + "\","
        + "\"url\":\"https://shop.example/renew\",\"client_msg_id\":\"" + dispatchId + "\","
        + "\"data\":{\"keyword1\":{\"value\":\"" + m.name() + "\"},\"keyword2\":{\"value\":\"" + EXPIRY
        + "\"}}}";
  }

  /** The one SendSms of this template to this contact. */
  Map<String, String> sms(Member m, String templateCode) {
    List<Map<String, String>> found = aliyun.requests("SendSms").stream()
        .filter(r -> r.get("PhoneNumbers").equals(m.mainland()) && r.get("TemplateCode").equals(templateCode))
        .toList();
    assertThat(found).as("SendSms %s to contact %s", templateCode, m.id()).hasSize(1);
    return found.get(0);
  }

  static MimeMessage receivedBy(Member m) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage mail : MAIL.getReceivedMessages()) {
      if (List.of(mail.getHeader("To")).equals(List.of(m.email()))) {
        found.add(mail);
      }
    }
    assertThat(found).as("email to contact %s", m.id()).hasSize(1);
    return found.get(0);
  }

  static void assertTimeline(Touchbase t, Member m, String... rows) {
    assertThat(timeline(t, m)).as("timeline of contact %s", m.id()).extracting(CrossChannelCadenceTest::row)
        .containsExactly(rows);
  }
}
