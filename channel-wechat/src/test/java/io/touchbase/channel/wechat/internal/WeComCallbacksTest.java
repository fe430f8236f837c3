package io.touchbase.channel.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.ConfigurationException;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.testkit.InMemorySharedTokens;
import io.touchbase.testkit.logging.PiiLeakAppender;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The URL check with the WECOM-URL vector, decrypted pushes, and every way a push is refused. */
class WeComCallbacksTest {
  static final String TOKEN = "QDG6eK";
  static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
  static final String CORP_ID = "wx5823bf96d3bd56c7";
  static final long T = 1409659589L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC);
  static final String ECHOSTR =
      "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
  static final String EXTERNAL = "woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA";

  static {
    PiiLeakAppender.forbid(EXTERNAL, AES_KEY);
  }

  static WeComCallbacks handler(String corpId) {
    WxCrypto crypto = WxCrypto.of(AES_KEY, corpId, WxTests.fixedRandom("0123456789abcdef"));
    return new WeComCallbacks(CORP_ID, Optional.of(new WxEnvelope(TOKEN, crypto)), Duration.ofMinutes(5), CLOCK);
  }

  private final WeComCallbacks handler = handler(CORP_ID);
  private final WxCrypto crypto = WxCrypto.of(AES_KEY, CORP_ID, WxTests.fixedRandom("fedcba9876543210"));

  static CallbackRequest get(String msgSignature, long timestamp, String nonce, String echostr) {
    return CallbackRequest.builder("wecom").method("GET")
        .url("https://shop.example/touchbase/callbacks/wecom?msg_signature=" + msgSignature + "&timestamp=" + timestamp
            + "&nonce=" + nonce + "&echostr=" + URLEncoder.encode(echostr, StandardCharsets.UTF_8))
        .build();
  }

  /** A push of {@code encrypt}, signed for {@code timestamp}. */
  static CallbackRequest post(String encrypt, long timestamp) {
    String ts = Long.toString(timestamp);
    String url = "https://shop.example/touchbase/callbacks/wecom?msg_signature="
        + WxSignatures.sign(TOKEN, ts, "1372623149", encrypt) + "&timestamp=" + ts + "&nonce=1372623149";
    String body = "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><AgentID><![CDATA[218]]></AgentID>"
        + "<Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
    return CallbackRequest.builder("wecom").method("POST").url(url).header("Content-Type", "text/xml").body(body)
        .build();
  }

  static String change(String changeType) {
    return "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
        + "<CreateTime>" + T + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[" + changeType + "]]></ChangeType>"
        + "<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[" + EXTERNAL + "]]></ExternalUserID></xml>";
  }

  private static CallbackRejectedException rejected(CallbackHandler h, CallbackRequest request, int status) {
    CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class, () -> h.handle(request));
    assertThat(e).as("rejected, nothing returned").isNotNull();
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(AES_KEY).doesNotContain(EXTERNAL);
    return e;
  }

  @Test
  void urlCheckVectorAnswersThePlaintextExactly() {
    CallbackResult result = handler.handle(get("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", T, "263014780", ECHOSTR));
    assertThat(result.events()).isEmpty();
    assertThat(result.response().status()).isEqualTo(200);
    assertThat(result.response().body()).isEqualTo("1616140317555161061");
    assertThat(result.response().contentType()).startsWith("text/plain");
  }

  @Test
  void urlCheckSurvivesAnUnencodedPlus() {
    CallbackRequest raw = CallbackRequest.builder("wecom").method("GET")
        .url("https://shop.example/cb?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=" + T
            + "&nonce=263014780&echostr=" + ECHOSTR.replace("=", "%3D"))
        .build();
    assertThat(handler.handle(raw).response().body()).isEqualTo("1616140317555161061");
  }

  @Test
  void forgedStaleOrForeignUrlChecksAreRejected() {
    assertThat(rejected(handler, get("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4", T, "263014780", ECHOSTR), 401)
        .getMessage()).contains("msg_signature");
    assertThat(rejected(handler(CORP_ID + "x"), get("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", T, "263014780",
        ECHOSTR), 401).getMessage()).contains("receiveid");
    WeComCallbacks later = new WeComCallbacks(CORP_ID, Optional.of(new WxEnvelope(TOKEN, crypto)),
        Duration.ofMinutes(5), Clock.fixed(Instant.ofEpochSecond(T + 301), ZoneOffset.UTC));
    assertThat(rejected(later, get("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", T, "263014780", ECHOSTR), 401)
        .getMessage()).contains("stale");
    String future = Long.toString(T + 301);
    rejected(handler, get(WxSignatures.sign(TOKEN, future, "1", ECHOSTR), T + 301, "1", ECHOSTR), 401);
    rejected(handler, CallbackRequest.builder("wecom").method("GET")
        .url("https://shop.example/cb?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=" + T
            + "&nonce=263014780").build(), 401);
  }

  @Test
  void customerDeletingTheStaffMemberOptsOutOfMarketing() {
    CallbackResult result = handler.handle(post(crypto.encrypt(change("del_follow_user")), T));
    assertThat(result.events()).containsExactly(new ChannelEvent.OptOut(
        Address.wecomExternalUserId(CORP_ID, EXTERNAL), Purpose.MARKETING, Instant.ofEpochSecond(T),
        "wecom:del_follow_user"));
    assertThat(result.response().body()).isEqualTo("success");
    assertThat(result.response().contentType()).startsWith("text/plain");
  }

  @Test
  void otherPushesYieldNothing() {
    for (String other : new String[] {"add_external_contact", "del_external_contact", "edit_external_contact"}) {
      CallbackResult result = handler.handle(post(crypto.encrypt(change(other)), T));
      assertThat(result.events()).as(other).isEmpty();
      assertThat(result.response().body()).isEqualTo("success");
    }
    String text = "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><FromUserName><![CDATA[zhangsan]]>"
        + "</FromUserName><CreateTime>" + T + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[收到]]></Content><MsgId>1234567890123456</MsgId><AgentID>1000002</AgentID></xml>";
    assertThat(handler.handle(post(crypto.encrypt(text), T)).events()).isEmpty();
  }

  @Test
  void forgedStaleForeignPaddedOrMalformedPushesAreRejected() throws Exception {
    String encrypt = crypto.encrypt(change("del_follow_user"));
    CallbackRequest good = post(encrypt, T);
    CallbackRequest forged = CallbackRequest.builder("wecom").method("POST")
        .url(good.url().replace("msg_signature=", "msg_signature=0")).body(good.body()).build();
    assertThat(rejected(handler, forged, 401).getMessage()).contains("msg_signature");
    assertThat(rejected(handler, post(encrypt, T - 301), 401).getMessage()).contains("stale");

    WxCrypto otherCorp = WxCrypto.of(AES_KEY, "wwothercorp0001", WxTests.fixedRandom("0123456789abcdef"));
    assertThat(rejected(handler, post(otherCorp.encrypt(change("del_follow_user")), T), 401).getMessage())
        .contains("receiveid");

    assertThat(rejected(handler, post(badlyPadded(), T), 401).getMessage()).contains("padding");
    rejected(handler, post(crypto.encrypt("<xml><unclosed></xml>"), T), 400);
    rejected(handler, post(crypto.encrypt("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml>&e;</xml>"),
        T), 400);
    rejected(handler, post(crypto.encrypt(change("del_follow_user").replace(EXTERNAL, "")), T), 400);
    String ts = Long.toString(T);
    rejected(handler, CallbackRequest.builder("wecom").method("POST")
        .url("https://shop.example/cb?msg_signature=" + WxSignatures.sign(TOKEN, ts, "1", "x") + "&timestamp=" + ts
            + "&nonce=1").body("<xml><Encrypt>x").build(), 400);
    rejected(handler, CallbackRequest.builder("wecom").method("POST")
        .url("https://shop.example/cb?msg_signature=" + WxSignatures.sign(TOKEN, ts, "1", "x") + "&timestamp=" + ts
            + "&nonce=1").body("<xml><ToUserName>x</ToUserName></xml>").build(), 400);
    rejected(handler, CallbackRequest.builder("wecom").method("PUT").url(good.url()).body(good.body()).build(), 400);
  }

  /** A ciphertext of one block whose plaintext ends in a zero byte: padding no encryptor makes. */
  private static String badlyPadded() throws Exception {
    byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
    Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
    return Base64.getEncoder().encodeToString(cipher.doFinal(new byte[32]));
  }

  @Test
  void withoutCallbackSecretsEveryRequestIsRefused() {
    WeComCallbacks none = new WeComCallbacks(CORP_ID, Optional.empty(), Duration.ofMinutes(5), CLOCK);
    assertThat(rejected(none, get("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", T, "263014780", ECHOSTR), 401)
        .getMessage()).contains("callbackToken");
  }

  @Test
  void bothProvidersHandleTheirPushes() {
    Map<String, String> secrets = new HashMap<>(Map.of("contactSecret", "contact-secret-1", "agentSecret",
        "agent-secret-1", "callbackToken", TOKEN, "encodingAesKey", AES_KEY));
    Map<String, String> settings = Map.of("corpId", CORP_ID, "agentId", "1000002");
    InMemorySharedTokens tokens = new InMemorySharedTokens(CLOCK);
    for (io.touchbase.spi.channel.ChannelProvider p : new io.touchbase.spi.channel.ChannelProvider[] {
        new WeComAppProvider(), new WeComCustomerProvider()}) {
      CallbackHandler h = p.create(WeComTests.context(p.id(), settings, secrets, CLOCK, tokens)).callbackHandler()
          .orElseThrow();
      assertThat(h.handle(get("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", T, "263014780", ECHOSTR)).response()
          .body()).as(p.id()).isEqualTo("1616140317555161061");
      assertThat(h.handle(post(crypto.encrypt(change("del_follow_user")), T)).events()).as(p.id()).hasSize(1);
    }
  }

  @Test
  void callbackConfigurationErrorsNameTheSecret() {
    Map<String, String> settings = Map.of("corpId", CORP_ID);
    InMemorySharedTokens tokens = new InMemorySharedTokens(CLOCK);
    assertThatThrownBy(() -> new WeComCustomerProvider().create(WeComTests.context(WeComCustomerProvider.ID,
        settings, Map.of("contactSecret", "contact-secret-1", "callbackToken", TOKEN), CLOCK, tokens)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("encodingAesKey");
    assertThatThrownBy(() -> new WeComCustomerProvider().create(WeComTests.context(WeComCustomerProvider.ID,
        settings, Map.of("contactSecret", "contact-secret-1", "callbackToken", TOKEN, "encodingAesKey",
            "short-key-value"), CLOCK, tokens)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("encodingAesKey")
        .hasMessageNotContaining("short-key-value");
    assertThatThrownBy(() -> new WeComCustomerProvider().create(WeComTests.context(WeComCustomerProvider.ID,
        Map.of("corpId", CORP_ID, "callbackToken", TOKEN), Map.of("contactSecret", "contact-secret-1"), CLOCK,
        tokens)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'callbackToken' is a secret");
    assertThatThrownBy(() -> new WeComCustomerProvider().create(WeComTests.context(WeComCustomerProvider.ID,
        Map.of("corpId", CORP_ID, "callbackMaxAge", "P2D"), Map.of("contactSecret", "contact-secret-1"), CLOCK,
        tokens)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("callbackMaxAge");
  }
}
