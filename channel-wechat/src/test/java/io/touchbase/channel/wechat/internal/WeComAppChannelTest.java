package io.touchbase.channel.wechat.internal;

import static io.touchbase.channel.wechat.internal.WeComTests.CORP_ID;
import static io.touchbase.channel.wechat.internal.WeComTests.STAFF;
import static io.touchbase.channel.wechat.internal.WeComTests.TOKEN_1;
import static io.touchbase.channel.wechat.internal.WeComTests.TOKEN_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.ConfigurationException;
import io.touchbase.api.contact.Address;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.spi.channel.SharedTokens;
import io.touchbase.testkit.InMemorySharedTokens;
import io.touchbase.testkit.logging.PiiLeakAppender;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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

/** The app's token through the shared store, the exact message/send, and what each answer becomes. */
class WeComAppChannelTest {
  static final String SECRET = "agent-secret-0001-wecom";
  static final Address TO = Address.of(WeComAppProvider.USER_ID, STAFF);

  static {
    PiiLeakAppender.forbid(SECRET, TOKEN_1, TOKEN_2);
  }

  private final MockWebServer server = new MockWebServer();
  private final InMemorySharedTokens tokens = new InMemorySharedTokens(WxTests.CLOCK);

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
    s.put("corpId", CORP_ID);
    s.put("agentId", "1000002");
    s.put("baseUrl", server.url("/").toString());
    s.put("template.task-waiting.text", "有新的回访任务：{{taskTitle}}");
    return s;
  }

  private Channel channel(Map<String, String> settings) {
    return new WeComAppProvider().create(WeComTests.context(WeComAppProvider.ID, settings,
        Map.of("agentSecret", SECRET), WxTests.CLOCK, tokens));
  }

  private Channel channel() {
    return channel(settings());
  }

  private void answer(String json) {
    server.enqueue(new MockResponse().setBody(json));
  }

  private RecordedRequest taken() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  private static String sendBody(String content, int interval) {
    return "{\"touser\":\"zhangsan\",\"msgtype\":\"text\",\"agentid\":1000002,\"text\":{\"content\":\"" + content
        + "\"},\"safe\":0,\"enable_duplicate_check\":1,\"duplicate_check_interval\":" + interval + "}";
  }

  private static io.touchbase.spi.channel.OutboundMessage task(String dispatchId) {
    return WeComTests.message(dispatchId, TO, "task-waiting", Map.of("taskTitle", "回访 A-12"), Optional.empty());
  }

  @Test
  void tokenThenMessageSendAreExact() throws Exception {
    answer(WeComTests.tokenAnswer(TOKEN_1));
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"\",\"invalidparty\":\"\",\"invalidtag\":\"\","
        + "\"msgid\":\"msg-001\",\"response_code\":\"rc\"}");
    SendResult result = channel().send(task("d-1"));

    assertThat(result.providerMessageId()).isEqualTo("msg-001");
    WeComTests.assertTokenRequest(taken(), SECRET);
    assertThat(WeComTests.assertPost(taken(), "message/send", TOKEN_1))
        .isEqualTo(sendBody("有新的回访任务：回访 A-12", 1800));
    assertThat(tokens.fetches()).isEqualTo(1);
  }

  @Test
  void touchbaseTextIsSentWhenTheTemplateIsNotMappedAndTheIntervalIsASetting() throws Exception {
    answer(WeComTests.tokenAnswer(TOKEN_1));
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"m-2\"}");
    answer("{\"errcode\":0,\"errmsg\":\"ok\"}");
    Map<String, String> s = settings();
    s.put("duplicateCheckInterval", "600");
    Channel channel = channel(s);
    channel.send(WeComTests.message("d-2", TO, "alert", Map.of(), Optional.of("库存告警 \"A\"")));
    SendResult noMsgId = channel.send(WeComTests.message("d-3", TO, "alert", Map.of(), Optional.of("x")));

    taken();
    assertThat(WeComTests.assertPost(taken(), "message/send", TOKEN_1))
        .isEqualTo(sendBody("库存告警 \\\"A\\\"", 600));
    assertThat(noMsgId.providerMessageId()).isEqualTo("d-3");
    assertThat(noMsgId.attributes()).containsEntry("msgid", "none");
    assertThat(tokens.fetches()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {40014, 42001})
  void rejectedTokenIsReplacedOnceAndTheCallMadeAgain(int code) throws Exception {
    answer(WeComTests.tokenAnswer(TOKEN_1));
    answer("{\"errcode\":" + code + ",\"errmsg\":\"access_token expired\"}");
    answer(WeComTests.tokenAnswer(TOKEN_2));
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"m-7\"}");
    SendResult result = channel().send(task("d-1"));

    assertThat(result.providerMessageId()).isEqualTo("m-7");
    WeComTests.assertTokenRequest(taken(), SECRET);
    String first = WeComTests.assertPost(taken(), "message/send", TOKEN_1);
    WeComTests.assertTokenRequest(taken(), SECRET);
    assertThat(WeComTests.assertPost(taken(), "message/send", TOKEN_2)).isEqualTo(first);
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(tokens.fetches()).isEqualTo(2);
  }

  @Test
  void aSecondRejectionFailsWithoutALoop() {
    answer(WeComTests.tokenAnswer(TOKEN_1));
    answer("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
    answer(WeComTests.tokenAnswer(TOKEN_2));
    answer("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
    ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel().send(task("d-1")));
    assertThat(e.providerCode()).isEqualTo("42001");
    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(e.getMessage()).doesNotContain(TOKEN_1).doesNotContain(TOKEN_2).doesNotContain(SECRET);
  }

  @Test
  void tokensAreKeptPerAgent() {
    assertThat(new WeComApi("c", "p", WxTests.CLIENT, WxTests.MAPPER, new WeComApi.Config(server.url("/"), CORP_ID,
        "1000002", "agentSecret", SECRET, "hint"), tokens, WxTests.CLOCK).tokenKey())
        .isEqualTo("wecom:" + CORP_ID + ":1000002");
  }

  @Test
  void tokenFetchErrorsNameTheSettingOrSecret() throws Exception {
    answer("{\"errcode\":40001,\"errmsg\":\"invalid secret\"}");
    ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel().send(task("d-1")));
    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("40001");
    assertThat(e.getMessage()).contains("secret 'agentSecret'").contains("gettoken").doesNotContain(SECRET);
    WeComTests.assertTokenRequest(taken(), SECRET);
    assertThat(server.getRequestCount()).isEqualTo(1);

    answer("{\"errcode\":40013,\"errmsg\":\"invalid corpid\"}");
    e = catchThrowableOfType(ChannelException.class, () -> channel().send(task("d-1")));
    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.getMessage()).contains("setting 'corpId'");

    answer("{\"errcode\":-1,\"errmsg\":\"system busy\"}");
    e = catchThrowableOfType(ChannelException.class, () -> channel().send(task("d-1")));
    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isFalse();

    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    e = catchThrowableOfType(ChannelException.class, () -> channel().send(task("d-1")));
    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).as("asking for a token sends no message").isFalse();

    answer("{\"errcode\":0,\"access_token\":\"\",\"expires_in\":7200}");
    e = catchThrowableOfType(ChannelException.class, () -> channel().send(task("d-1")));
    assertThat(e.providerCode()).isEqualTo("malformed-token-response");
    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
  }

  private ChannelException failing(String answer) {
    tokens.put("wecom:" + CORP_ID + ":1000002",
        new SharedTokens.IssuedToken(TOKEN_1, WxTests.NOW.plusSeconds(7200)));
    server.enqueue(new MockResponse().setBody(answer));
    return catchThrowableOfType(ChannelException.class, () -> channel().send(task("d-1")));
  }

  @Test
  void errorMapping() {
    ChannelException busy = failing("{\"errcode\":-1,\"errmsg\":\"system busy\"}");
    assertThat(busy.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(busy.providerCode()).isEqualTo("-1");
    assertThat(busy.mayHaveBeenSent()).isFalse();

    ChannelException frequency = failing("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
    assertThat(frequency.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(frequency.providerCode()).isEqualTo("45009");

    ChannelException otherApp = failing("{\"errcode\":301002,\"errmsg\":\"not allow operate another agent\"}");
    assertThat(otherApp.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(otherApp.getMessage()).contains("setting 'agentId'").contains("secret 'agentSecret'");

    ChannelException allInvalid = failing("{\"errcode\":81013,\"errmsg\":\"user & party & tag all invalid\"}");
    assertThat(allInvalid.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(allInvalid.providerCode()).isEqualTo("81013");
    assertThat(allInvalid.getMessage()).doesNotContain(STAFF);

    ChannelException invalid = failing("{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"lisi|zhangsan\","
        + "\"msgid\":\"m-9\"}");
    assertThat(invalid.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(invalid.providerCode()).isEqualTo("invaliduser");
    assertThat(invalid.getMessage()).contains("agentId").doesNotContain(STAFF);

    ChannelException other = failing("{\"errcode\":60020,\"errmsg\":\"not allow to access from your ip\"}");
    assertThat(other.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(other.providerCode()).isEqualTo("60020");
    assertThat(other.getMessage()).contains("not allow to access from your ip");
  }

  @Test
  void anotherMemberInInvalidUserDoesNotFailTheSend() {
    tokens.put("wecom:" + CORP_ID + ":1000002",
        new SharedTokens.IssuedToken(TOKEN_1, WxTests.NOW.plusSeconds(7200)));
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"zhangsan2\",\"msgid\":\"m-1\"}");
    assertThat(channel().send(task("d-1")).providerMessageId()).isEqualTo("m-1");
  }

  @Test
  void httpFailuresOfASendMayHaveSentIt() {
    ChannelException e = failing("<html>bad gateway</html>");
    assertThat(e.providerCode()).isEqualTo("malformed-response");
    assertThat(e.mayHaveBeenSent()).isTrue();

    server.enqueue(new MockResponse().setResponseCode(502));
    e = catchThrowableOfType(ChannelException.class, () -> channel().send(task("d-1")));
    assertThat(e.providerCode()).isEqualTo("http-502");
    assertThat(e.mayHaveBeenSent()).isTrue();

    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    e = catchThrowableOfType(ChannelException.class, () -> channel().send(task("d-1")));
    assertThat(e.mayHaveBeenSent()).isTrue();

    server.enqueue(new MockResponse().setResponseCode(404));
    e = catchThrowableOfType(ChannelException.class, () -> channel().send(task("d-1")));
    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.getMessage()).contains("baseUrl");
  }

  @Test
  void messageProblemsFailBeforeAnyCall() {
    Channel channel = channel();
    for (String wide : new String[] {"@all", "@ALL", "zhangsan|lisi"}) {
      ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel.send(WeComTests.message("d-1",
          Address.of(WeComAppProvider.USER_ID, wide), "alert", Map.of(), Optional.of("x"))));
      assertThat(e.providerCode()).as(wide).isEqualTo("invalid-address");
    }
    assertThatThrownBy(() -> channel.send(WeComTests.message("d-1", Address.phone("+8613800138000"), "alert",
        Map.of(), Optional.of("x"))))
        .extracting(t -> ((ChannelException) t).providerCode()).isEqualTo("address-kind");
    assertThatThrownBy(() -> channel.send(WeComTests.message("d-1", TO, "task-waiting", Map.of(), Optional.empty())))
        .isInstanceOf(ChannelException.class).hasMessageContaining("'taskTitle'")
        .extracting(t -> ((ChannelException) t).providerCode()).isEqualTo("missing-template-variable");
    assertThatThrownBy(() -> channel.send(WeComTests.message("d-1", TO, "alert", Map.of(), Optional.empty())))
        .isInstanceOf(ChannelException.class).hasMessageContaining("template.alert.text")
        .extracting(t -> ((ChannelException) t).providerCode()).isEqualTo("unmapped-template");
    assertThatThrownBy(() -> channel.send(WeComTests.message("d-1", TO, "alert", Map.of(), Optional.of(" "))))
        .extracting(t -> ((ChannelException) t).providerCode()).isEqualTo("empty-text");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void variablesScopeAndToString() {
    Channel channel = channel();
    assertThat(channel.requiredVariables("task-waiting")).hasValue(Set.of("taskTitle"));
    assertThat(channel.requiredVariables("alert")).hasValue(Set.of());
    assertThat(channel.addressScope()).isEmpty();
    assertThat(channel.staffConfirmation()).isEmpty();
    assertThat(channel.toString()).contains(CORP_ID).contains("1000002").doesNotContain(SECRET);
    assertThat(new WeComAppProvider().channelType()).isEqualTo(io.touchbase.api.contact.ChannelType.WECOM);
  }

  @Test
  void configurationErrorsNameTheSetting() {
    assertConfigError(Map.of("agentId", "app-1"), "agentId");
    assertConfigError(Map.of("duplicateCheckInterval", "0"), "duplicateCheckInterval");
    assertConfigError(Map.of("duplicateCheckInterval", "14401"), "duplicateCheckInterval");
    assertConfigError(Map.of("template.x.code", "c"), "template.x.code");
    assertConfigError(Map.of("template.x.linkUrl", "https://x"), "template.x.linkUrl");
    assertConfigError(Map.of("template.x.text", "a {{b c}}"), "template.x.text");
    assertConfigError(Map.of("baseUrl", "not a url"), "baseUrl");
  }

  private void assertConfigError(Map<String, String> extra, String named) {
    Map<String, String> s = settings();
    s.putAll(extra);
    assertThatThrownBy(() -> channel(s))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining(named).hasMessageContaining("'wecom'");
  }
}
