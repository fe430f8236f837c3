package io.touchbase.channel.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.spi.channel.ChannelEvent.QuotaChange;
import io.touchbase.spi.channel.SharedTokens;
import io.touchbase.testkit.InMemorySharedTokens;
import io.touchbase.testkit.logging.PiiLeakAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every push the handler reads, and every way a push is refused with nothing returned. */
class WeChatCallbacksTest {
  static final String APP_ID = "wxb11529c136998cb6";
  static final String TOKEN = "wechat-callback-token-1";
  static final String AES_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";
  static final long T = 1714037059L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC);
  static final String OPENID = "oR5Gjjl_eiZoUpGozMo7dbBJ362A";
  static final Address FROM = Address.wechatOpenId(APP_ID, OPENID);

  static {
    PiiLeakAppender.forbid(OPENID, TOKEN, AES_KEY);
  }

  private final WeChatCallbacks plain =
      new WeChatCallbacks(APP_ID, Optional.of(TOKEN), Optional.empty(), Duration.ofMinutes(5), CLOCK);
  private final WxCrypto crypto = WxCrypto.of(AES_KEY, APP_ID, WxTests.fixedRandom("0123456789abcdef"));
  private final WeChatCallbacks safe =
      new WeChatCallbacks(APP_ID, Optional.of(TOKEN), Optional.of(crypto), Duration.ofMinutes(5), CLOCK);

  static String push(String fields) {
    return "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[" + OPENID
        + "]]></FromUserName><CreateTime>" + T + "</CreateTime>" + fields + "</xml>";
  }

  static String event(String name, String more) {
    return push("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + name + "]]></Event>" + more);
  }

  /** A plaintext push signed for {@code timestamp}. */
  static CallbackRequest signedPost(String body, long timestamp) {
    String ts = Long.toString(timestamp);
    String url = "https://shop.example/touchbase/callbacks/wechat?signature=" + WxSignatures.sign(TOKEN, ts, "n-1")
        + "&timestamp=" + ts + "&nonce=n-1&openid=" + OPENID;
    return CallbackRequest.builder("wechat").method("POST").url(url).header("Content-Type", "text/xml").body(body)
        .build();
  }

  /** A safe-mode push of {@code encrypt}, with both signatures right for {@code timestamp}. */
  static CallbackRequest encryptedPost(String encrypt, long timestamp) {
    String ts = Long.toString(timestamp);
    String url = "https://shop.example/touchbase/callbacks/wechat?signature=" + WxSignatures.sign(TOKEN, ts, "n-2")
        + "&timestamp=" + ts + "&nonce=n-2&openid=" + OPENID + "&encrypt_type=aes&msg_signature="
        + WxSignatures.sign(TOKEN, ts, "n-2", encrypt);
    String body = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[" + encrypt
        + "]]></Encrypt></xml>";
    return CallbackRequest.builder("wechat").method("POST").url(url).body(body).build();
  }

  private CallbackRequest encryptedPost(String innerXml) {
    return encryptedPost(crypto.encrypt(innerXml), T);
  }

  private static CallbackRejectedException rejected(WeChatCallbacks handler, CallbackRequest request, int status) {
    CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class, () -> handler.handle(request));
    assertThat(e).as("rejected").isNotNull();
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(AES_KEY).doesNotContain(OPENID);
    return e;
  }

  @Test
  void urlCheckAnswersEchostrVerbatim() {
    String ts = Long.toString(T);
    CallbackRequest get = CallbackRequest.builder("wechat").method("GET")
        .url("https://shop.example/cb?signature=" + WxSignatures.sign(TOKEN, ts, "486452656")
            + "&echostr=5838479218127813673"
            + "&timestamp=" + ts + "&nonce=486452656")
        .build();
    CallbackResult result = safe.handle(get);
    assertThat(result.events()).isEmpty();
    assertThat(result.response().status()).isEqualTo(200);
    assertThat(result.response().body()).isEqualTo("5838479218127813673");
    assertThat(result.response().contentType()).startsWith("text/plain");
  }

  @Test
  void urlCheckVectorOfTheDocs() {
    WeChatCallbacks docs = new WeChatCallbacks("wx1", Optional.of("AAAAA"), Optional.empty(), Duration.ofMinutes(5),
        Clock.fixed(Instant.ofEpochSecond(1714037059L), ZoneOffset.UTC));
    CallbackRequest get = CallbackRequest.builder("wechat").method("GET")
        .url("https://shop.example/cb?signature=899cf89e464efb63f54ddac96b0a0a235f53aa78&echostr=abc%2Bd"
            + "&timestamp=1714037059&nonce=486452656")
        .build();
    assertThat(docs.handle(get).response().body()).isEqualTo("abc+d");
  }

  @Test
  void forgedOrStaleUrlCheckIsRejected() {
    String ts = Long.toString(T);
    rejected(plain, CallbackRequest.builder("wechat").method("GET")
        .url("https://shop.example/cb?signature=899cf89e464efb63f54ddac96b0a0a235f53aa78&echostr=e&timestamp=" + ts
            + "&nonce=1").build(), 401);
    String old = Long.toString(T - 301);
    rejected(plain, CallbackRequest.builder("wechat").method("GET")
        .url("https://shop.example/cb?signature=" + WxSignatures.sign(TOKEN, old, "1") + "&echostr=e&timestamp=" + old
            + "&nonce=1").build(), 401);
    rejected(plain, CallbackRequest.builder("wechat").method("GET")
        .url("https://shop.example/cb?signature=" + WxSignatures.sign(TOKEN, ts, "1") + "&timestamp=" + ts
            + "&nonce=1").build(), 400);
  }

  @Test
  void templateJobFinishedSuccessIsDelivered() {
    CallbackResult result = plain.handle(signedPost(event("TEMPLATESENDJOBFINISH",
        "<MsgID>200163836</MsgID><Status><![CDATA[success]]></Status>"), T));
    assertThat(result.events()).containsExactly(new ChannelEvent.StatusReport(Optional.empty(),
        Optional.of("200163836"), TouchpointKind.DELIVERED, Instant.ofEpochSecond(T), Optional.empty(), Map.of()));
    assertThat(result.response().body()).isEqualTo("success");
    assertThat(result.response().contentType()).startsWith("text/plain");
  }

  @Test
  void userBlockFailsAndOptsOutOfBothPurposes() {
    CallbackResult result = plain.handle(signedPost(event("TEMPLATESENDJOBFINISH",
        "<MsgID>200163840</MsgID><Status><![CDATA[failed:user block]]></Status>"), T));
    Instant at = Instant.ofEpochSecond(T);
    assertThat(result.events()).containsExactly(
        new ChannelEvent.StatusReport(Optional.empty(), Optional.of("200163840"), TouchpointKind.FAILED, at,
            Optional.of("failed:user block"), Map.of()),
        new ChannelEvent.OptOut(FROM, Purpose.MARKETING, at, "wechat:user block"),
        new ChannelEvent.OptOut(FROM, Purpose.TRANSACTIONAL, at, "wechat:user block"));
  }

  @Test
  void systemFailureFailsWithTheStatusAsReason() {
    CallbackResult result = plain.handle(signedPost(event("TEMPLATESENDJOBFINISH",
        "<MsgID>200163841</MsgID><Status><![CDATA[failed: system failed]]></Status>"), T));
    assertThat(result.events()).containsExactly(new ChannelEvent.StatusReport(Optional.empty(),
        Optional.of("200163841"), TouchpointKind.FAILED, Instant.ofEpochSecond(T),
        Optional.of("failed: system failed"), Map.of()));
  }

  @Test
  void popupGrantsAndRevokesPerTemplate() {
    CallbackResult result = safe.handle(encryptedPost(event("subscribe_msg_popup_event",
        "<SubscribeMsgPopupEvent><List><TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>"
            + "<SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>2</PopupScene></List>"
            + "<List><TemplateId><![CDATA[9Xl2-tpl-b]]></TemplateId>"
            + "<SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString><PopupScene>2</PopupScene></List>"
            + "</SubscribeMsgPopupEvent>")));
    Instant at = Instant.ofEpochSecond(T);
    assertThat(result.events()).containsExactly(
        new ChannelEvent.SendQuotaChange(FROM, "VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc", QuotaChange.GRANTED, at,
            OPENID + "|" + T + "|VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc|0"),
        new ChannelEvent.SendQuotaChange(FROM, "9Xl2-tpl-b", QuotaChange.REVOKED, at,
            OPENID + "|" + T + "|9Xl2-tpl-b|1"));
    assertThat(result.response().body()).isEqualTo("success");
  }

  @Test
  void changeEventRevokesOnReject() {
    CallbackResult result = plain.handle(signedPost(event("subscribe_msg_change_event",
        "<SubscribeMsgChangeEvent><List><TemplateId><![CDATA[tpl-a]]></TemplateId>"
            + "<SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString></List>"
            + "<List><TemplateId><![CDATA[tpl-b]]></TemplateId>"
            + "<SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString></List>"
            + "</SubscribeMsgChangeEvent>"), T));
    assertThat(result.events()).containsExactly(new ChannelEvent.SendQuotaChange(FROM, "tpl-a", QuotaChange.REVOKED,
        Instant.ofEpochSecond(T), OPENID + "|" + T + "|tpl-a|0"));
  }

  @Test
  void sentEventReportsEachMessageAndUsesItsQuota() {
    CallbackResult result = plain.handle(signedPost(event("subscribe_msg_sent_event",
        "<SubscribeMsgSentEvent><List><TemplateId><![CDATA[tpl-a]]></TemplateId><MsgID>1700827132819554304</MsgID>"
            + "<ErrorCode>0</ErrorCode><ErrorStatus><![CDATA[success]]></ErrorStatus></List>"
            + "<List><TemplateId><![CDATA[tpl-b]]></TemplateId><MsgID>1700827132819554305</MsgID>"
            + "<ErrorCode>20004</ErrorCode><ErrorStatus><![CDATA[fail_user_refuse]]></ErrorStatus></List>"
            + "</SubscribeMsgSentEvent>"), T));
    Instant at = Instant.ofEpochSecond(T);
    assertThat(result.events()).containsExactly(
        new ChannelEvent.StatusReport(Optional.empty(), Optional.of("1700827132819554304"), TouchpointKind.DELIVERED,
            at, Optional.empty(), Map.of()),
        new ChannelEvent.SendQuotaChange(FROM, "tpl-a", QuotaChange.USED, at, "msg:1700827132819554304"),
        new ChannelEvent.StatusReport(Optional.empty(), Optional.of("1700827132819554305"), TouchpointKind.FAILED,
            at, Optional.of("fail_user_refuse"), Map.of()),
        new ChannelEvent.SendQuotaChange(FROM, "tpl-b", QuotaChange.USED, at, "msg:1700827132819554305"));
  }

  @Test
  void unfollowOptsOutOfBothPurposes() {
    CallbackResult result = plain.handle(signedPost(event("unsubscribe", "<EventKey><![CDATA[]]></EventKey>"), T));
    Instant at = Instant.ofEpochSecond(T);
    assertThat(result.events()).containsExactly(
        new ChannelEvent.OptOut(FROM, Purpose.MARKETING, at, "wechat:unsubscribe"),
        new ChannelEvent.OptOut(FROM, Purpose.TRANSACTIONAL, at, "wechat:unsubscribe"));
  }

  @Test
  void followingAgainOptsInToTransactionalMessagesOnly() {
    CallbackResult result = plain.handle(signedPost(event("subscribe", "<EventKey><![CDATA[qrscene_1]]></EventKey>"), T));
    assertThat(result.events()).containsExactly(
        new ChannelEvent.OptIn(FROM, Purpose.TRANSACTIONAL, Instant.ofEpochSecond(T), "wechat:subscribe"));
  }

  @Test
  void textMessageIsAnInboundReplyWithItsMsgId() {
    CallbackResult result = plain.handle(signedPost(push("<MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[退订 please]]></Content><MsgId>23402237628431284</MsgId>"), T));
    assertThat(result.events()).containsExactly(new ChannelEvent.InboundReply(FROM, "退订 please",
        Instant.ofEpochSecond(T), Optional.of("23402237628431284")));
  }

  @Test
  void otherEventsAndMessagesYieldNothingButSuccess() {
    for (String body : new String[] {
        event("VIEW", "<EventKey><![CDATA[https://shop.example]]></EventKey>"),
        event("TEMPLATESENDJOBFINISH", "<MsgID>1</MsgID><Status><![CDATA[pending]]></Status>"),
        push("<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[https://p]]></PicUrl><MsgId>1</MsgId>")}) {
      CallbackResult result = plain.handle(signedPost(body, T));
      assertThat(result.events()).isEmpty();
      assertThat(result.response().body()).isEqualTo("success");
    }
  }

  @Test
  void safeModeVectorOfTheDocsIsVerifiedAndDecrypted() {
    WeChatCallbacks docs = new WeChatCallbacks("wx134c8103faa5a59e", Optional.of("AAAAA"),
        Optional.of(WxCrypto.of("A".repeat(43), "wx134c8103faa5a59e", WxTests.fixedRandom("r"))), Duration.ofMinutes(5),
        Clock.fixed(Instant.ofEpochSecond(1715943329L), ZoneOffset.UTC));
    String body = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA["
        + WxCryptoTest.ENC_E_ENCRYPT + "]]></Encrypt></xml>";
    CallbackRequest request = CallbackRequest.builder("wechat").method("POST")
        .url("https://shop.example/cb?signature=" + WxSignatures.sign("AAAAA", "1715943329", "1590219412")
            + "&timestamp=1715943329&nonce=1590219412&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY&encrypt_type=aes"
            + "&msg_signature=6c12a4205838198b8fa631b3220723bb07f1015c")
        .body(body).build();
    CallbackResult result = docs.handle(request);
    assertThat(result.events()).isEmpty(); // debug_demo is no event of ours
    assertThat(result.response().body()).isEqualTo("success");
    String tampered = body.replace("Mg==", "Mh==");
    rejected(docs, CallbackRequest.builder("wechat").method("POST").url(request.url()).body(tampered).build(), 401);
  }

  @Test
  void safeModeTemplateJobIsRead() {
    CallbackResult result = safe.handle(encryptedPost(event("TEMPLATESENDJOBFINISH",
        "<MsgID>200163836</MsgID><Status><![CDATA[success]]></Status>")));
    assertThat(result.events()).hasSize(1);
  }

  @Test
  void forgedSignatureIsRejected() {
    String body = event("unsubscribe", "");
    CallbackRequest good = signedPost(body, T);
    rejected(plain, CallbackRequest.builder("wechat").url(good.url().replace("signature=", "signature=0"))
        .body(body).build(), 401);
    CallbackRequest otherToken = CallbackRequest.builder("wechat")
        .url("https://shop.example/cb?signature=" + WxSignatures.sign("other-token", Long.toString(T), "n")
            + "&timestamp=" + T + "&nonce=n").body(body).build();
    assertThat(rejected(plain, otherToken, 401)).hasMessageContaining("signature");
    String enc = crypto.encrypt(body);
    CallbackRequest forgedMsgSignature = encryptedPost(enc, T);
    rejected(safe, CallbackRequest.builder("wechat")
        .url(forgedMsgSignature.url().replaceAll("msg_signature=[0-9a-f]+", "msg_signature=" + WxSignatures.sign(
            "other-token", Long.toString(T), "n-2", enc)))
        .body(forgedMsgSignature.bodyText()).build(), 401);
  }

  @Test
  void staleAndFutureTimestampsAreRejected() {
    String body = event("unsubscribe", "");
    assertThat(rejected(plain, signedPost(body, T - 301), 401)).hasMessageContaining("callbackMaxAge");
    rejected(plain, signedPost(body, T + 301), 401);
    rejected(safe, encryptedPost(crypto.encrypt(body), T - 3600), 401);
    assertThat(plain.handle(signedPost(body, T - 300)).events()).hasSize(2);
    rejected(plain, CallbackRequest.builder("wechat").url("https://shop.example/cb?signature=x&timestamp=abc&nonce=1")
        .body(body).build(), 401);
    rejected(plain, CallbackRequest.builder("wechat").url("https://shop.example/cb?signature=x&nonce=1")
        .body(body).build(), 401);
  }

  @Test
  void wrongReceiveIdIsRejected() {
    WxCrypto otherApp = WxCrypto.of(AES_KEY, "wx0000000000000000", WxTests.fixedRandom("r"));
    assertThat(rejected(safe, encryptedPost(otherApp.encrypt(event("unsubscribe", "")), T), 401))
        .hasMessageContaining("receiveid");
  }

  @Test
  void badPaddingIsRejected() {
    // The zero-key handler; a block of zeros decrypts to a plaintext whose padding is wrong.
    WeChatCallbacks zero = new WeChatCallbacks(APP_ID, Optional.of(TOKEN),
        Optional.of(WxCrypto.of("A".repeat(43), APP_ID, WxTests.fixedRandom("r"))), Duration.ofMinutes(5), CLOCK);
    byte[] plainBytes = new byte[64];
    plainBytes[63] = 7;
    assertThat(rejected(zero, encryptedPost(WxCryptoTest.raw(plainBytes), T), 401)).hasMessageContaining("padding");
  }

  @Test
  void malformedXmlIsRejected() {
    rejected(plain, signedPost("<xml><MsgType>event</xml>", T), 400);
    rejected(plain, signedPost("not xml", T), 400);
    rejected(plain, signedPost("<xml><Event>x</Event></xml>", T), 400); // no MsgType
    rejected(plain, signedPost(event("TEMPLATESENDJOBFINISH", "<Status>success</Status>"), T), 400); // no MsgID
    rejected(plain, signedPost(event("subscribe_msg_popup_event",
        "<SubscribeMsgPopupEvent><List><SubscribeStatusString>accept</SubscribeStatusString></List>"
            + "</SubscribeMsgPopupEvent>"), T), 400); // no TemplateId
    rejected(plain, signedPost("<xml><MsgType>text</MsgType><Content>hi</Content></xml>", T), 400); // no sender
    rejected(safe, encryptedPost("<xml><MsgType>event"), 400);
    rejected(safe, CallbackRequest.builder("wechat").url(encryptedPost("x", T).url()).body("<xml><Encrypt/></xml>")
        .build(), 400);
  }

  @Test
  void externalEntityInASignedPushIsRejected() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
        + "<xml><MsgType>text</MsgType><FromUserName>&x;</FromUserName><Content>c</Content></xml>";
    rejected(plain, signedPost(xxe, T), 400);
    rejected(safe, encryptedPost(xxe), 400);
  }

  @Test
  void modeMismatchesAndMissingSecretsAreRejected() {
    String body = event("unsubscribe", "");
    assertThat(rejected(safe, signedPost(body, T), 401)).hasMessageContaining("encodingAesKey");
    assertThat(rejected(plain, encryptedPost(crypto.encrypt(body), T), 401)).hasMessageContaining("encodingAesKey");
    WeChatCallbacks noToken = new WeChatCallbacks(APP_ID, Optional.empty(), Optional.of(crypto), Duration.ofMinutes(5),
        CLOCK);
    assertThat(rejected(noToken, signedPost(body, T), 401)).hasMessageContaining("callbackToken");
    rejected(plain, CallbackRequest.builder("wechat").method("PUT").url(signedPost(body, T).url()).body(body).build(),
        400);
    CallbackRequest encrypted = encryptedPost(crypto.encrypt(body), T);
    rejected(safe, CallbackRequest.builder("wechat").url(encrypted.url().replaceAll("&msg_signature=[0-9a-f]+", ""))
        .body(encrypted.bodyText()).build(), 401);
    rejected(safe, CallbackRequest.builder("wechat").url(encrypted.url() + "&timestamp=" + T)
        .body(encrypted.bodyText()).build(), 401);
    rejected(plain, CallbackRequest.builder("wechat").url(signedPost(body, T).url() + "&encrypt_type=des")
        .body(body).build(), 400);
  }

  @Test
  void theProvidersBuildTheHandlerFromSecretsAndCallbackMaxAge() {
    for (String provider : new String[] {WeChatTemplateProvider.ID, WeChatSubscribeProvider.ID}) {
      Map<String, String> settings = Map.of("appId", APP_ID, "callbackMaxAge", "PT1M");
      Map<String, String> secrets = Map.of("appSecret", "app-secret-0003", "callbackToken", TOKEN,
          "encodingAesKey", AES_KEY);
      SharedTokens tokens = new InMemorySharedTokens(CLOCK);
      var context = WxTests.context(provider, settings, secrets, CLOCK, tokens, WxTests.MAPPER);
      var channel = provider.equals(WeChatTemplateProvider.ID)
          ? new WeChatTemplateProvider().create(context) : new WeChatSubscribeProvider().create(context);
      var handler = channel.callbackHandler().orElseThrow();
      String body = event("unsubscribe", "");
      assertThat(handler.handle(encryptedPost(crypto.encrypt(body), T - 60)).events()).hasSize(2);
      rejected((WeChatCallbacks) handler, encryptedPost(crypto.encrypt(body), T - 61), 401);
      rejected((WeChatCallbacks) handler, signedPost(body, T), 401); // safe mode: no plaintext

      var noSecrets = WxTests.context(provider, Map.of("appId", APP_ID), Map.of("appSecret", "app-secret-0003"), CLOCK,
          tokens, WxTests.MAPPER);
      var unprotected = provider.equals(WeChatTemplateProvider.ID)
          ? new WeChatTemplateProvider().create(noSecrets) : new WeChatSubscribeProvider().create(noSecrets);
      assertThat(rejected((WeChatCallbacks) unprotected.callbackHandler().orElseThrow(), signedPost(body, T), 401))
          .hasMessageContaining("callbackToken");
    }
  }
}
