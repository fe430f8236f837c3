package io.touchbase.channel.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.touchbase.api.ConfigurationException;
import io.touchbase.api.contact.Address;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.spi.channel.SharedTokens;
import io.touchbase.testkit.InMemorySharedTokens;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.TestChannelContext;
import io.touchbase.testkit.logging.PiiLeakAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Access tokens through the shared store, the exact template send, and what each answer becomes. */
class WeChatTemplateChannelTest {
  static final String SECRET = "app-secret-0001-wx";
  static final String TOKEN_1 = "ACCESS_TOKEN_ONE_81xHGo9";
  static final String TOKEN_2 = "ACCESS_TOKEN_TWO_4PqZs0t";
  static final String TOKEN_BODY = "{\"grant_type\":\"client_credential\",\"appid\":\"wxb11529c136998cb6\","
      + "\"secret\":\"" + SECRET + "\",\"force_refresh\":false}";

  static {
    PiiLeakAppender.forbid(SECRET, TOKEN_1, TOKEN_2);
  }

  private final MockWebServer server = new MockWebServer();
  private InMemorySharedTokens tokens = new InMemorySharedTokens(WxTests.CLOCK);

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    s.put("appId", WxTests.APP_ID);
    s.put("baseUrl", server.url("/").toString());
    s.put("template.order-shipped.code", "ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY");
    s.put("template.order-shipped.params", "keyword1:product,keyword2:price");
    s.put("template.order-shipped.url", "https://shop.example/o/{{orderId}}");
    s.put("template.order-shipped.miniprogramAppId", "wx0123456789abcdef");
    s.put("template.order-shipped.miniprogramPage", "pages/order?id={{ orderId }}");
    s.put("template.plain.code", "tpl-plain");
    s.put("template.plain.params", "first");
    return s;
  }

  private Channel channel(Map<String, String> settings, Clock clock, ObjectMapper mapper) {
    return new WeChatTemplateProvider().create(WxTests.context(WeChatTemplateProvider.ID, settings,
        Map.of("appSecret", SECRET), clock, tokens, mapper));
  }

  private Channel channel() {
    return channel(settings(), WxTests.CLOCK, WxTests.MAPPER);
  }

  private void answerToken(String token, long expiresIn) {
    server.enqueue(new MockResponse().setBody("{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn + "}"));
  }

  private void answer(String json) {
    server.enqueue(new MockResponse().setBody(json));
  }

  private RecordedRequest taken() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  private static Map<String, String> shipped() {
    return Map.of("product", "巧克力", "price", "39.8元", "orderId", "A 12/3");
  }

  private void assertTokenRequest(RecordedRequest r) {
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/cgi-bin/stable_token");
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(r.getBody().readUtf8()).isEqualTo(TOKEN_BODY);
  }

  private static void assertSend(RecordedRequest r, String token) {
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/cgi-bin/message/template/send?access_token=" + token);
  }

  @Test
  void tokenThenTemplateSendAreExact() throws Exception {
    answerToken(TOKEN_1, 7200);
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":200228332}");
    SendResult result = channel().send(WxTests.message("d-1", "order-shipped", shipped()));

    assertThat(result.providerMessageId()).isEqualTo("200228332");
    assertTokenRequest(taken());
    RecordedRequest send = taken();
    assertSend(send, TOKEN_1);
    assertThat(send.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    byte[] body = send.getBody().readByteArray();
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"touser\":\"" + WxTests.OPENID + "\","
        + "\"template_id\":\"ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY\","
        + "\"url\":\"https://shop.example/o/A%2012%2F3\","
        + "\"miniprogram\":{\"appid\":\"wx0123456789abcdef\",\"pagepath\":\"pages/order?id=A%2012%2F3\"},"
        + "\"client_msg_id\":\"d-1\",\"data\":{\"keyword1\":{\"value\":\"巧克力\"},\"keyword2\":{\"value\":\"39.8元\"}}}");
    assertThat(containsBytes(body, "巧克力".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(new String(body, StandardCharsets.US_ASCII)).doesNotContain("\\u5DE7").doesNotContain("\\u5de7");
    assertThat(tokens.fetches()).isEqualTo(1);
  }

  @Test
  void nonAsciiStaysRawWhateverTheSharedMapperEscapes() throws Exception {
    ObjectMapper escaping = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
        .enable(SerializationFeature.INDENT_OUTPUT).build();
    assertThat(escaping.writeValueAsString(Map.of("k", "巧"))).contains("\\u5DE7");
    answerToken(TOKEN_1, 7200);
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":1}");
    channel(settings(), WxTests.CLOCK, escaping).send(WxTests.message("d-1", "plain", Map.of("first", "巧克力")));
    assertThat(taken().getBody().readUtf8()).isEqualTo(TOKEN_BODY);
    assertThat(taken().getBody().readUtf8()).isEqualTo("{\"touser\":\"" + WxTests.OPENID + "\",\"template_id\":"
        + "\"tpl-plain\",\"client_msg_id\":\"d-1\",\"data\":{\"first\":{\"value\":\"巧克力\"}}}");
  }

  @Test
  void oneTokenFetchServesManySends() throws Exception {
    answerToken(TOKEN_1, 7200);
    for (int i = 0; i < 3; i++) {
      answer("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":" + (100 + i) + "}");
    }
    Channel channel = channel();
    for (int i = 0; i < 3; i++) {
      assertThat(channel.send(WxTests.message("d-" + i, "plain", Map.of("first", "x"))).providerMessageId())
          .isEqualTo(Integer.toString(100 + i));
    }
    assertTokenRequest(taken());
    for (int i = 0; i < 3; i++) {
      assertSend(taken(), TOKEN_1);
    }
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(tokens.fetches()).isEqualTo(1);
  }

  @Test
  void tokenIsFetchedAgainOnlyWhenItExpires() throws Exception {
    MutableClock clock = MutableClock.at(WxTests.NOW);
    tokens = new InMemorySharedTokens(clock);
    Channel channel = channel(settings(), clock, WxTests.MAPPER);
    answerToken(TOKEN_1, 7200);
    answer("{\"errcode\":0,\"msgid\":1}");
    answer("{\"errcode\":0,\"msgid\":2}");
    answerToken(TOKEN_2, 7200);
    answer("{\"errcode\":0,\"msgid\":3}");
    channel.send(WxTests.message("d-1", "plain", Map.of("first", "x")));
    clock.advance(Duration.ofSeconds(7200 - 61)); // the store's margin is one minute
    channel.send(WxTests.message("d-2", "plain", Map.of("first", "x")));
    clock.advance(Duration.ofSeconds(2));
    channel.send(WxTests.message("d-3", "plain", Map.of("first", "x")));
    assertTokenRequest(taken());
    assertSend(taken(), TOKEN_1);
    assertSend(taken(), TOKEN_1);
    assertTokenRequest(taken());
    assertSend(taken(), TOKEN_2);
  }

  @ParameterizedTest
  @ValueSource(ints = {40001, 40014, 42001})
  void rejectedTokenIsReplacedOnceAndTheCallMadeAgain(int code) throws Exception {
    answerToken(TOKEN_1, 7200);
    answer("{\"errcode\":" + code + ",\"errmsg\":\"invalid credential, access_token is invalid or not latest\"}");
    answerToken(TOKEN_2, 7200);
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":7}");
    SendResult result = channel().send(WxTests.message("d-1", "plain", Map.of("first", "x")));

    assertThat(result.providerMessageId()).isEqualTo("7");
    assertTokenRequest(taken());
    RecordedRequest first = taken();
    assertSend(first, TOKEN_1);
    assertTokenRequest(taken());
    RecordedRequest second = taken();
    assertSend(second, TOKEN_2);
    assertThat(second.getBody().readUtf8()).isEqualTo(first.getBody().readUtf8());
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(tokens.fetches()).isEqualTo(2);
  }

  @Test
  void aSecondRejectionFailsWithoutALoop() throws Exception {
    answerToken(TOKEN_1, 7200);
    answer("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
    answerToken(TOKEN_2, 7200);
    answer("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
    answerToken("NEVER_ASKED_FOR", 7200);
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> channel().send(WxTests.message("d-1", "plain", Map.of("first", "x"))));

    assertThat(e.providerCode()).isEqualTo("40001");
    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertTokenRequest(taken());
    assertSend(taken(), TOKEN_1);
    assertTokenRequest(taken());
    assertSend(taken(), TOKEN_2);
    assertThat(e.getMessage()).doesNotContain(TOKEN_1).doesNotContain(TOKEN_2).doesNotContain(SECRET);
  }

  @Test
  void tokenFetchErrorsNameTheConsoleSetting() {
    server.enqueue(new MockResponse().setBody("{\"errcode\":40164,\"errmsg\":\"invalid ip 203.0.113.9, not in "
        + "whitelist rid: 66a8b6b5\"}"));
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> channel().send(WxTests.message("d-1", "plain", Map.of("first", "x"))));
    assertThat(e.providerCode()).isEqualTo("40164");
    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.getMessage()).contains("IP白名单").contains("stable_token");
    assertThat(server.getRequestCount()).isEqualTo(1);

    server.enqueue(new MockResponse().setBody("{\"errcode\":40125,\"errmsg\":\"invalid appsecret\"}"));
    e = catchThrowableOfType(ChannelException.class,
        () -> channel().send(WxTests.message("d-1", "plain", Map.of("first", "x"))));
    assertThat(e.getMessage()).contains("secret 'appSecret'").doesNotContain(SECRET);

    server.enqueue(new MockResponse().setResponseCode(503));
    e = catchThrowableOfType(ChannelException.class,
        () -> channel().send(WxTests.message("d-1", "plain", Map.of("first", "x"))));
    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isFalse();

    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    e = catchThrowableOfType(ChannelException.class,
        () -> channel().send(WxTests.message("d-1", "plain", Map.of("first", "x"))));
    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).as("asking for a token sends no message").isFalse();
    assertThat(tokens.fetches()).isEqualTo(4);
  }

  private ChannelException failing(String answer) {
    tokens.put("wechat:" + WxTests.APP_ID, new SharedTokens.IssuedToken(TOKEN_1, WxTests.NOW.plusSeconds(7200)));
    server.enqueue(new MockResponse().setBody(answer));
    return catchThrowableOfType(ChannelException.class,
        () -> channel().send(WxTests.message("d-1", "order-shipped", shipped())));
  }

  @Test
  void errorMapping() {
    ChannelException busy = failing("{\"errcode\":-1,\"errmsg\":\"system error\"}");
    assertThat(busy.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(busy.providerCode()).isEqualTo("-1");
    assertThat(busy.mayHaveBeenSent()).isFalse();

    ChannelException quota = failing("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}");
    assertThat(quota.outcome()).isEqualTo(Outcome.DEFER);
    assertThat(quota.retryAt()).hasValue(Instant.parse("2024-05-06T16:00:00Z")); // midnight in Shanghai

    for (String code : new String[] {"43004", "40003", "40037", "47003", "40013", "48001", "43101", "99999"}) {
      ChannelException e = failing("{\"errcode\":" + code + ",\"errmsg\":\"some reason\"}");
      assertThat(e.outcome()).as(code).isEqualTo(Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo(code);
      assertThat(e.getMessage()).contains("some reason").doesNotContain(WxTests.OPENID).doesNotContain(TOKEN_1);
    }
    assertThat(failing("{\"errcode\":43004,\"errmsg\":\"require subscribe\"}").getMessage()).contains("follow");
    assertThat(failing("{\"errcode\":40037,\"errmsg\":\"invalid template_id\"}").getMessage())
        .contains("template.<id>.code").contains("order-shipped");
    assertThat(failing("{\"errcode\":47003,\"errmsg\":\"argument invalid\"}").getMessage())
        .contains("template.<id>.params");
    assertThat(failing("{\"errcode\":40013,\"errmsg\":\"invalid appid\"}").getMessage()).contains("setting 'appId'");
    assertThat(failing("{\"errcode\":48001,\"errmsg\":\"api unauthorized\"}").getMessage()).contains("模板消息");
  }

  @Test
  void httpFailuresOfASendMayHaveSentIt() {
    ChannelException e = failing("x");
    assertThat(e.providerCode()).isEqualTo("malformed-response");
    assertThat(e.mayHaveBeenSent()).isTrue();

    server.enqueue(new MockResponse().setResponseCode(502));
    e = catchThrowableOfType(ChannelException.class,
        () -> channel().send(WxTests.message("d-1", "plain", Map.of("first", "x"))));
    assertThat(e.providerCode()).isEqualTo("http-502");
    assertThat(e.mayHaveBeenSent()).isTrue();

    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    e = catchThrowableOfType(ChannelException.class,
        () -> channel().send(WxTests.message("d-1", "plain", Map.of("first", "x"))));
    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void messageProblemsFailBeforeAnyCall() {
    Channel channel = channel();
    assertThatThrownBy(() -> channel.send(WxTests.message("d-1", "order-shipped", Map.of("product", "p",
        "price", "1"))))
        .isInstanceOf(ChannelException.class).hasMessageContaining("'orderId'")
        .extracting(t -> ((ChannelException) t).providerCode()).isEqualTo("missing-template-variable");
    assertThatThrownBy(() -> channel.send(WxTests.message("d-1", "unknown", Map.of())))
        .extracting(t -> ((ChannelException) t).providerCode()).isEqualTo("unmapped-template");
    ChannelException scope = catchThrowableOfType(ChannelException.class, () -> channel.send(WxTests.message("d-1",
        Address.wechatOpenId("wx-other-app", WxTests.OPENID), "plain", Map.of("first", "x"))));
    assertThat(scope.providerCode()).isEqualTo("address-scope");
    assertThat(scope.getMessage()).contains("wx-other-app").doesNotContain(WxTests.OPENID);
    assertThatThrownBy(() -> channel.send(WxTests.message("d-1", Address.wechatUnionId("union-1234567"), "plain",
        Map.of("first", "x"))))
        .extracting(t -> ((ChannelException) t).providerCode()).isEqualTo("address-scope");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void scopeVariablesAndCallbacksOfTheChannel() {
    Channel channel = channel();
    assertThat(channel.addressScope()).hasValue(WxTests.APP_ID);
    assertThat(channel.requiredVariables("order-shipped")).hasValue(Set.of("product", "price", "orderId"));
    assertThat(channel.requiredVariables("unknown")).isEmpty();
    assertThat(channel.sendQuotaKey("order-shipped")).isEmpty();
    assertThat(channel.callbackHandler()).isPresent();
    assertThat(channel.toString()).contains(WxTests.APP_ID).doesNotContain(SECRET);
  }

  @Test
  void configurationErrorsNameTheSettingNeverTheSecret() {
    Map<String, String> secrets = Map.of("appSecret", SECRET, "callbackToken", "cb-token-0001",
        "encodingAesKey", "too-short-key-value");
    assertThatThrownBy(() -> new WeChatTemplateProvider().create(WxTests.context(WeChatTemplateProvider.ID,
        settings(), secrets, WxTests.CLOCK, tokens, WxTests.MAPPER)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("encodingAesKey")
        .hasMessageNotContaining("too-short-key-value");
    assertThatThrownBy(() -> new WeChatTemplateProvider().create(WxTests.context(WeChatTemplateProvider.ID,
        settings(), Map.of("appSecret", SECRET, "encodingAesKey", "A".repeat(43)), WxTests.CLOCK, tokens,
        WxTests.MAPPER)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("callbackToken");
    assertConfigError(Map.of("callbackToken", "in-the-wrong-place"), "callbackToken");
    assertConfigError(Map.of("template.plain.signName", "x"), "template.plain.signName");
    assertConfigError(Map.of("template.x.miniprogramPage", "p"), "template.x.code");
    assertConfigError(Map.of("template.plain.miniprogramPage", "p"), "template.plain.miniprogramAppId");
    assertConfigError(Map.of("template.plain.url", "https://x/{{a b}}"), "template.plain.url");
    assertConfigError(Map.of("template.plain.url", "ftp://x"), "template.plain.url");
    assertConfigError(Map.of("callbackMaxAge", "PT0S"), "callbackMaxAge");
    assertConfigError(Map.of("baseUrl", "not a url"), "baseUrl");
    assertThatThrownBy(() -> new WeChatTemplateProvider().create(TestChannelContext.builder().channelName("wechat")
        .providerId(WeChatTemplateProvider.ID).settings(settings()).secrets(Map.of("appSecret", SECRET))
        .service(okhttp3.OkHttpClient.class, WxTests.CLIENT).service(ObjectMapper.class, WxTests.MAPPER).build()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining(SharedTokens.class.getName());
  }

  private void assertConfigError(Map<String, String> extra, String named) {
    Map<String, String> s = settings();
    s.putAll(extra);
    assertThatThrownBy(() -> channel(s, WxTests.CLOCK, WxTests.MAPPER))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining(named).hasMessageContaining("'wechat'");
  }

  private static boolean containsBytes(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
