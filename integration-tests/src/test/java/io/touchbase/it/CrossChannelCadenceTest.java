package io.touchbase.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.touchbase.api.ChannelConfig;
import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.callback.CallbackResponse;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.task.CallOutcome;
import io.touchbase.api.task.StaffTask;
import io.touchbase.api.task.StaffTaskKind;
import io.touchbase.api.task.StaffTaskQuery;
import io.touchbase.api.task.StaffTaskState;
import io.touchbase.api.task.StaffTaskStateException;
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
 * consent; round 2 an email; round 3 a WeCom customer-contact message that a staff member must
 * send from their WeCom client, falling back to SMS when they do not by the deadline (against WeCom
 * faked over a real socket too). Every fallback reason is asserted on the touchpoints and every
 * round's funnel. Run on every supported database by the subclasses.
 */
abstract class CrossChannelCadenceTest {
  static final Instant START = Instant.parse("2026-03-02T02:00:00Z"); // Monday 10:00 in Shanghai
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String CADENCE = "renewal-reach";
  static final String WECHAT_TEMPLATE = "Kq3xVbR7tJ9mW2nP5sL8dF4gH6jC0zY1aE3uI7oT9wQ";
  static final String UNSUBSCRIBE_KEY = "unsubscribe-key-e2e-0123456789abcdef";
  static final String UNSUBSCRIBE_URL = "https://shop.example/touchbase/callbacks/email/u";
  static final String EXPIRY = "3月31日";
  static final String WECOM_CORP_ID = FakeWeCom.CORP_ID;
  static final Duration CONFIRM_DEADLINE = Duration.ofHours(24);
  static final Duration CONFIRM_POLL = Duration.ofHours(1);
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
  /** Enrolled alone: WeCom answers that the message can not be sent to them (over the monthly cap). */
  static final Member EVE = new Member("e", "Eve", "+8613800000015", "eve.e@example.com",
      "oE3e2eGjjl_eiZoUpGozMo7dbBJ36E", "wmE3e2eGCAAAXtWyujaWJHDDGi0mEEE", "wangwu");

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      // Mailboxes exist up front: GreenMail logs the address of every mailbox it creates itself.
      .withConfiguration(GreenMailConfiguration.aConfig()
          .withUser(ANN.email(), "ann", "mail-password-a")
          .withUser(BO.email(), "bo", "mail-password-b")
          .withUser(CHEN.email(), "chen", "mail-password-c")
          .withUser(DAI.email(), "dai", "mail-password-d")
          .withUser(EVE.email(), "eve", "mail-password-e"));

  static {
    // No log line may hold a secret, an access token, an openid or an external user id.
    PiiLeakAppender.forbid(FakeAliyun.SECRET, FakeWeChat.APP_SECRET, FakeWeChat.TOKENS.get(0), WECHAT_CALLBACK_TOKEN,
        FakeWeCom.CONTACT_SECRET, FakeWeCom.ACCESS_TOKEN, UNSUBSCRIBE_KEY);
    MEMBERS.forEach(m -> PiiLeakAppender.forbid(m.openId(), m.externalUserId()));
    PiiLeakAppender.forbid(EVE.openId(), EVE.externalUserId());
  }

  protected MutableClock clock;
  protected FakeAliyun aliyun;
  protected FakeWeChat wechat;
  protected FakeWeCom wecom;
  private final List<Touchbase> opened = new ArrayList<>();

  protected abstract Database newDatabase();

  @BeforeEach
  void setUp() throws Exception {
    clock = MutableClock.at(START);
    aliyun = new FakeAliyun();
    wechat = new FakeWeChat();
    wecom = new FakeWeCom();
  }

  @AfterEach
  void tearDown() throws Exception {
    opened.forEach(Touchbase::close);
    aliyun.close();
    wechat.close();
    wecom.close();
  }

  /** The four channels on the real providers, and the cadence WeChat-or-SMS, email, WeCom-or-SMS. */
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
        .channel(ChannelConfig.builder("wecom")
            .provider("wecom-customer", p -> p.setting("corpId", FakeWeCom.CORP_ID)
                .setting("baseUrl", wecom.baseUrl())
                .setting("confirmDeadline", CONFIRM_DEADLINE.toString())
                .setting("confirmPollInterval", CONFIRM_POLL.toString())
                .setting("template.renewal-staff.text", "{{name}}，您的会员将于{{expiry}}到期，回复即可续费")
                .secret("contactSecret", FakeWeCom.CONTACT_SECRET))
            .build())
        .cadence(CadenceDefinition.builder(CADENCE)
            .purpose(Purpose.MARKETING)
            .round(r -> r.channels("wechat", "sms").template("renewal-notice").variable("expiry", EXPIRY))
            .round(r -> r.waitFor(Duration.ofDays(2)).channel("email").template("renewal-email")
                .variable("expiry", EXPIRY))
            .round(r -> r.waitFor(Duration.ofDays(3)).channels("wecom", "sms").template("renewal-staff")
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
  @DisplayName("WeChat or SMS by openid and consent, then email, then WeCom or SMS by staff confirmation")
  void crossChannelCadence() throws Exception {
    Touchbase t = start();
    MEMBERS.forEach(m -> t.contacts().upsert(contact(m)));
    MEMBERS.forEach(m -> t.cadences().enroll(ContactId.of(m.id()), CADENCE));
    idle(t);

    // Round 1: WeChat for Ann and Dai, who have an openid of the app and consent; SMS for the others.
    List<FakeWeChat.Exchange> wx = wechat.exchanges();
    assertThat(wx).as("one token for every send, then one send per contact with an openid").hasSize(3);
    FakeWeChat.Exchange token = wx.get(0);
    assertThat(token.isTokenRequest()).isTrue();
    assertThat(token.method()).isEqualTo("POST");
    assertThat(token.query()).isEmpty();
    assertThat(token.contentType()).isEqualTo(JSON_UTF8);
    assertThat(token.body()).isEqualTo("{\"grant_type\":\"client_credential\",\"appid\":\"" + FakeWeChat.APP_ID
        + "\",\"secret\":\"" + FakeWeChat.APP_SECRET + "\",\"force_refresh\":false}");
    assertThat(wx.subList(1, 3)).allSatisfy(c -> {
      assertThat(c.isSend()).isTrue();
      assertThat(c.method()).isEqualTo("POST");
      assertThat(c.accessToken()).contains(FakeWeChat.TOKENS.get(0));
      assertThat(c.contentType()).isEqualTo(JSON_UTF8);
      assertThat(c.errcode()).isZero();
    });
    assertThat(wechat.sends()).extracting(FakeWeChat.Exchange::body).containsExactlyInAnyOrder(wechatSend(ANN, dispatchOf(t, ANN, 1)),
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
    assertThat(wechat.exchanges()).as("no WeChat send after round 1").hasSize(3);

    // Round 3, three days later: a customer-contact message queued in each staff member's WeCom client.
    advance(t, Duration.ofDays(3), Duration.ofHours(6));
    Instant queuedAt = START.plus(Duration.ofDays(5));
    Instant deadline = queuedAt.plus(CONFIRM_DEADLINE);
    assertThat(clock.instant()).isEqualTo(queuedAt);
    List<FakeWeCom.Call> wc = wecom.calls();
    assertThat(wc).as("one token for every call, then one add_msg_template per contact").hasSize(5);
    assertThat(wc.get(0)).isEqualTo(new FakeWeCom.Call("GET", FakeWeCom.TOKEN_PATH, "gettoken", null, ""));
    assertThat(wc.subList(1, 5)).allSatisfy(c -> {
      assertThat(c.method()).isEqualTo("POST");
      assertThat(c.path()).isEqualTo(FakeWeCom.API + FakeWeCom.ADD + "?access_token=" + FakeWeCom.ACCESS_TOKEN);
      assertThat(c.contentType()).isEqualTo(JSON_UTF8);
    });
    assertThat(wecom.bodies(FakeWeCom.ADD)).containsExactlyInAnyOrderElementsOf(
        MEMBERS.stream().map(CrossChannelCadenceTest::wecomSend).toList());
    assertThat(aliyun.requests("SendSms")).as("no SMS while the staff members have time").hasSize(2);

    List<StaffTask> tasks = t.staffTasks().list(StaffTaskQuery.builder().queue("wecom").build());
    assertThat(tasks).hasSize(4).allSatisfy(task -> {
      assertThat(task.kind()).isEqualTo(StaffTaskKind.CONFIRM_MESSAGE);
      assertThat(task.state()).isEqualTo(StaffTaskState.OPEN);
      assertThat(task.channel()).isEqualTo("wecom");
      assertThat(task.cadenceId()).isEqualTo(CADENCE);
      assertThat(task.round()).isEqualTo(3);
      assertThat(task.deadline()).isEqualTo(deadline);
    });
    assertThat(tasks).extracting(task -> task.contactId().value()).containsExactlyInAnyOrder("a", "b", "c", "d");
    for (Member m : MEMBERS) {
      Touchpoint created = last(t, m);
      assertThat(row(created)).isEqualTo("TASK_CREATED wecom r3");
      assertThat(created.provider()).hasValue("wecom-customer");
      assertThat(created.dispatchId()).isPresent();
      assertThat(created.providerMessageId()).hasValue(msgIdOf(m));
      assertThat(created.reason()).get().asString().contains("waiting for a staff member");
      assertThat(created.attributes()).containsEntry("taskId", Long.toString(taskOf(t, m).id().value()))
          .containsEntry("deadline", deadline.toString()).containsEntry("dueAt", queuedAt.toString());
      assertThat(taskOf(t, m).maskedAddress()).as("shown masked").doesNotContain(m.externalUserId());
    }
    StaffTask annTask = taskOf(t, ANN);
    assertThatThrownBy(() -> t.staffTasks().claim(annTask.id(), "agent-7"))
        .isInstanceOf(StaffTaskStateException.class);
    assertThatThrownBy(() -> t.staffTasks().complete(annTask.id(), "agent-7", CallOutcome.answered()))
        .isInstanceOf(StaffTaskStateException.class);
    assertThat(wecom.bodies(FakeWeCom.TASK)).as("nothing polled before the first interval").isEmpty();

    // Every poll interval the engine asks WeCom about each queued message.
    advance(t, CONFIRM_POLL, CONFIRM_POLL);
    for (Member m : MEMBERS) {
      assertThat(polls(m)).as("polls of contact %s", m.id()).isEqualTo(1);
    }
    assertThat(wecom.bodies(FakeWeCom.RESULT)).containsExactlyInAnyOrderElementsOf(MEMBERS.stream()
        .map(m -> "{\"msgid\":\"" + msgIdOf(m) + "\",\"userid\":\"" + m.staff() + "\"}").toList());

    // Dai's staff member sends it; the next poll sees it, and Dai's round is done.
    advance(t, CONFIRM_POLL, CONFIRM_POLL);
    Instant daiSentAt = clock.instant().plus(Duration.ofMinutes(40));
    wecom.staffSends(DAI.externalUserId(), daiSentAt);
    advance(t, CONFIRM_POLL, CONFIRM_POLL);
    Touchpoint daiSent = last(t, DAI);
    assertThat(row(daiSent)).isEqualTo("SENT wecom r3");
    assertThat(daiSent.provider()).hasValue("wecom-customer");
    assertThat(daiSent.providerMessageId()).hasValue(msgIdOf(DAI));
    assertThat(daiSent.occurredAt()).isEqualTo(daiSentAt);
    assertThat(daiSent.attributes()).containsEntry("confirmedBy", DAI.staff());
    assertThat(taskOf(t, DAI).state()).isEqualTo(StaffTaskState.COMPLETED);
    assertThat(taskOf(t, DAI).claimedBy()).hasValue(DAI.staff());
    for (Member m : List.of(ANN, BO, CHEN)) {
      assertThat(row(last(t, m))).isEqualTo("TASK_CREATED wecom r3");
    }

    // The others never send it: at the deadline it is withdrawn and the round falls back to SMS.
    advance(t, CONFIRM_DEADLINE.minus(CONFIRM_POLL.multipliedBy(4)), CONFIRM_POLL);
    assertThat(wecom.bodies(FakeWeCom.CANCEL)).as("nothing withdrawn before the deadline").isEmpty();
    assertThat(aliyun.requests("SendSms")).hasSize(2);
    advance(t, CONFIRM_POLL, CONFIRM_POLL);
    assertThat(clock.instant()).isEqualTo(deadline);
    assertThat(wecom.bodies(FakeWeCom.CANCEL)).containsExactlyInAnyOrder("{\"msgid\":\"" + msgIdOf(ANN) + "\"}",
        "{\"msgid\":\"" + msgIdOf(BO) + "\"}", "{\"msgid\":\"" + msgIdOf(CHEN) + "\"}");
    for (Member m : List.of(ANN, BO, CHEN)) {
      assertThat(polls(m)).as("polls of contact %s, one per interval up to the deadline", m.id()).isEqualTo(24);
      List<Touchpoint> tl = timeline(t, m);
      Touchpoint expired = tl.get(tl.size() - 2);
      assertThat(row(expired)).isEqualTo("TASK_EXPIRED wecom r3");
      assertThat(expired.providerMessageId()).hasValue(msgIdOf(m));
      assertThat(expired.reason()).get().asString().contains("not sent by staff by its deadline " + deadline)
          .contains("withdrawn").contains("falling back to the round's next channel");
      assertThat(taskOf(t, m).state()).isEqualTo(StaffTaskState.EXPIRED);
      assertThat(sms(m, "SMS_5003")).containsEntry("OutId", dispatchOf(t, m, 3))
          .containsEntry("TemplateParam", "{\"name\":\"" + m.name() + "\",\"expiry\":\"" + EXPIRY + "\"}");
    }
    assertThat(polls(DAI)).as("no poll after the staff member sent it").isEqualTo(3);
    assertThat(aliyun.requests("SendSms")).as("no SMS for Dai in round 3").hasSize(5);

    // Past the attribution window every enrollment is complete, and nothing more is asked of WeCom.
    int wecomCalls = wecom.calls().size();
    advance(t, Duration.ofDays(4), Duration.ofHours(12));
    assertThat(wecom.calls()).hasSize(wecomCalls);
    for (Member m : MEMBERS) {
      assertThat(t.cadences().enrollments(ContactId.of(m.id())).get(0).state()).isEqualTo(EnrollmentState.COMPLETED);
    }

    String noOpenId = "channel 'wechat': contact has no wechat-openid address for app " + FakeWeChat.APP_ID;
    String optedOut = "channel 'wechat': contact opted out of marketing on wechat (wechat-menu)";
    assertTimeline(t, ANN, "SENT wechat r1", "DELIVERED wechat r1", "SENT email r2", "TASK_CREATED wecom r3",
        "TASK_EXPIRED wecom r3", "SENT sms r3");
    assertTimeline(t, BO, "SENT sms r1", "SENT email r2", "TASK_CREATED wecom r3", "TASK_EXPIRED wecom r3",
        "SENT sms r3");
    assertTimeline(t, CHEN, "SENT sms r1", "SENT email r2", "TASK_CREATED wecom r3", "TASK_EXPIRED wecom r3",
        "SENT sms r3");
    assertTimeline(t, DAI, "SENT wechat r1", "SENT email r2", "TASK_CREATED wecom r3", "SENT wecom r3");
    assertThat(timeline(t, BO).get(0).reason()).hasValue(noOpenId);
    assertThat(timeline(t, CHEN).get(0).reason()).hasValue(optedOut);
    for (Member m : List.of(ANN, DAI)) {
      Touchpoint first = timeline(t, m).get(0);
      assertThat(first.provider()).hasValue("wechat-template");
      assertThat(first.reason()).as("nothing was passed over").isEmpty();
    }
    assertThat(timeline(t, ANN).get(1).providerMessageId()).hasValue(annMsgId);
    for (Member m : List.of(ANN, BO, CHEN)) {
      Touchpoint fallback = last(t, m);
      assertThat(fallback.provider()).hasValue("aliyun-sms");
      assertThat(fallback.reason()).hasValue("channel 'wecom' already failed this round: not sent by staff by its"
          + " deadline " + deadline + "; withdrawn at the provider");
    }

    assertThat(funnel(t, 1)).isEqualTo(Map.of(TouchpointKind.SENT, 4L, TouchpointKind.DELIVERED, 1L));
    assertThat(funnel(t, 2)).isEqualTo(Map.of(TouchpointKind.SENT, 4L));
    assertThat(funnel(t, 3)).isEqualTo(Map.of(TouchpointKind.TASK_CREATED, 4L, TouchpointKind.TASK_EXPIRED, 3L,
        TouchpointKind.SENT, 4L));
  }

  @Test
  @DisplayName("WeCom answers that the message can not be sent: FAILED with WeCom's reason, then SMS")
  void wecomNotSentFallsBack() {
    Touchbase t = start();
    t.contacts().upsert(contact(EVE));
    t.cadences().enroll(ContactId.of(EVE.id()), CADENCE);
    idle(t);
    advance(t, Duration.ofDays(5), Duration.ofHours(6));
    assertThat(row(last(t, EVE))).isEqualTo("TASK_CREATED wecom r3");

    wecom.answerStatus(EVE.externalUserId(), 3);
    advance(t, CONFIRM_POLL, CONFIRM_POLL);
    List<Touchpoint> tl = timeline(t, EVE);
    assertTimeline(t, EVE, "SENT wechat r1", "SENT email r2", "TASK_CREATED wecom r3", "FAILED wecom r3",
        "SENT sms r3");
    Touchpoint failed = tl.get(3);
    assertThat(failed.providerMessageId()).hasValue(msgIdOf(EVE));
    assertThat(failed.reason()).get().asString().startsWith("not sent: the customer").contains("per-customer cap")
        .contains("falling back to the round's next channel");
    assertThat(failed.attributes()).containsEntry("staff", EVE.staff());
    assertThat(tl.get(4).reason()).hasValue("channel 'wecom' already failed this round: not sent: the customer"
        + " already received another customer-contact message, over the per-customer cap (status 3)");
    assertThat(wecom.bodies(FakeWeCom.CANCEL)).as("nothing to withdraw").isEmpty();
    assertThat(taskOf(t, EVE).state()).isEqualTo(StaffTaskState.COMPLETED);
    assertThat(sms(EVE, "SMS_5003")).containsEntry("OutId", dispatchOf(t, EVE, 3));
    assertThat(funnel(t, 3)).isEqualTo(Map.of(TouchpointKind.TASK_CREATED, 1L, TouchpointKind.FAILED, 1L,
        TouchpointKind.SENT, 1L));
  }

  static String wecomSend(Member m) {
    return "{\"chat_type\":\"single\",\"external_userid\":[\"" + m.externalUserId() + "\"],\"sender\":\""
        + m.staff() + "\",\"allow_select\":false,\"text\":{\"content\":\"" + m.name() + "，您的会员将于" + EXPIRY
        + "到期，回复即可续费\"}}";
  }

  String msgIdOf(Member m) {
    return wecom.taskFor(m.externalUserId()).msgId();
  }

  /** How often the engine asked WeCom for the task of the contact's message. */
  long polls(Member m) {
    return wecom.bodies(FakeWeCom.TASK).stream().filter(b -> b.equals("{\"msgid\":\"" + msgIdOf(m) + "\"}")).count();
  }

  static StaffTask taskOf(Touchbase t, Member m) {
    List<StaffTask> found = t.staffTasks().list(StaffTaskQuery.builder().queue("wecom").build()).stream()
        .filter(task -> task.contactId().value().equals(m.id())).toList();
    assertThat(found).as("staff task of contact %s", m.id()).hasSize(1);
    return found.get(0);
  }

  static Touchpoint last(Touchbase t, Member m) {
    List<Touchpoint> tl = timeline(t, m);
    return tl.get(tl.size() - 1);
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
