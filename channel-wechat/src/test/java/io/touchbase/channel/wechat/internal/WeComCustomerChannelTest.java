package io.touchbase.channel.wechat.internal;

import static io.touchbase.channel.wechat.internal.WeComTests.CORP_ID;
import static io.touchbase.channel.wechat.internal.WeComTests.EXTERNAL;
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
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.spi.channel.SharedTokens;
import io.touchbase.spi.channel.StaffConfirmation;
import io.touchbase.spi.channel.StaffConfirmation.ConfirmationRequest;
import io.touchbase.spi.channel.StaffConfirmation.ConfirmationStatus;
import io.touchbase.spi.channel.StaffConfirmation.ConfirmationStatus.State;
import io.touchbase.testkit.InMemorySharedTokens;
import io.touchbase.testkit.logging.PiiLeakAppender;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
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

/** The exact add_msg_template, the confirmation polling and withdrawal, and what each answer becomes. */
class WeComCustomerChannelTest {
  static final String SECRET = "contact-secret-0001-wecom";
  static final Address TO = Address.wecomExternalUserId(CORP_ID, EXTERNAL);
  static final String MSG_ID = "msgGCAAAXtWyujaWJHDDGi0mAAAA";
  static final String TOKEN_KEY = "wecom:" + CORP_ID + ":contact";

  static {
    PiiLeakAppender.forbid(SECRET, TOKEN_1, TOKEN_2, EXTERNAL);
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
    s.put("baseUrl", server.url("/").toString());
    s.put("template.renewal.text", "{{name}}，您的会员将于{{date}}到期");
    s.put("template.renewal.linkTitle", "续费会员");
    s.put("template.renewal.linkUrl", "https://shop.example/renew?c={{customerId}}");
    s.put("template.renewal.linkDesc", "限时优惠");
    s.put("template.renewal.linkPicUrl", "https://shop.example/renew.png");
    return s;
  }

  private Channel channel(Map<String, String> settings) {
    return new WeComCustomerProvider().create(WeComTests.context(WeComCustomerProvider.ID, settings,
        Map.of("contactSecret", SECRET), WxTests.CLOCK, tokens));
  }

  private Channel channel() {
    return channel(settings());
  }

  private StaffConfirmation confirmation() {
    return channel().staffConfirmation().orElseThrow();
  }

  private void answer(String json) {
    server.enqueue(new MockResponse().setBody(json));
  }

  private void haveToken() {
    tokens.put(TOKEN_KEY, new SharedTokens.IssuedToken(TOKEN_1, WxTests.NOW.plusSeconds(7200)));
  }

  private RecordedRequest taken() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  private static OutboundMessage renewal(String dispatchId) {
    return WeComTests.message(dispatchId, TO, "renewal", Map.of("name", "王女士", "date", "6月1日",
        "customerId", "C 7", "wecomSender", STAFF), Optional.empty());
  }

  private static ConfirmationRequest request() {
    return new ConfirmationRequest(DispatchId.of("d-1"), MSG_ID, TO, WxTests.NOW);
  }

  @Test
  void tokenThenAddMsgTemplateAreExact() throws Exception {
    answer(WeComTests.tokenAnswer(TOKEN_1));
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"" + MSG_ID + "\"}");
    SendResult result = channel().send(renewal("d-1"));

    assertThat(result.providerMessageId()).isEqualTo(MSG_ID);
    assertThat(result.attributes()).containsEntry("sender", STAFF);
    WeComTests.assertTokenRequest(taken(), SECRET);
    assertThat(WeComTests.assertPost(taken(), "externalcontact/add_msg_template", TOKEN_1)).isEqualTo(
        "{\"chat_type\":\"single\",\"external_userid\":[\"" + EXTERNAL + "\"],\"sender\":\"zhangsan\","
            + "\"allow_select\":false,\"text\":{\"content\":\"王女士，您的会员将于6月1日到期\"},"
            + "\"attachments\":[{\"msgtype\":\"link\",\"link\":{\"title\":\"续费会员\","
            + "\"picurl\":\"https://shop.example/renew.png\",\"desc\":\"限时优惠\","
            + "\"url\":\"https://shop.example/renew?c=C%207\"}}]}");
    assertThat(tokens.fetches()).isEqualTo(1);
  }

  @Test
  void touchbaseTextWithoutLinkAndAnotherSenderVariable() throws Exception {
    haveToken();
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"m-2\"}");
    Map<String, String> s = settings();
    s.put("senderVariable", "owner");
    channel(s).send(WeComTests.message("d-2", TO, "promo", Map.of("owner", "lisi"), Optional.of("新品上市")));
    assertThat(WeComTests.assertPost(taken(), "externalcontact/add_msg_template", TOKEN_1)).isEqualTo(
        "{\"chat_type\":\"single\",\"external_userid\":[\"" + EXTERNAL + "\"],\"sender\":\"lisi\","
            + "\"allow_select\":false,\"text\":{\"content\":\"新品上市\"}}");
  }

  @Test
  void tokenIsRefreshedAfter42001AndTheSendMadeAgain() throws Exception {
    haveToken();
    answer("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
    answer(WeComTests.tokenAnswer(TOKEN_2));
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"" + MSG_ID + "\"}");
    assertThat(channel().send(renewal("d-1")).providerMessageId()).isEqualTo(MSG_ID);

    String first = WeComTests.assertPost(taken(), "externalcontact/add_msg_template", TOKEN_1);
    WeComTests.assertTokenRequest(taken(), SECRET);
    assertThat(WeComTests.assertPost(taken(), "externalcontact/add_msg_template", TOKEN_2)).isEqualTo(first);
    assertThat(tokens.fetches()).isEqualTo(1);
  }

  @Test
  void aRecipientInFailListFailsPermanently() {
    haveToken();
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[\"" + EXTERNAL + "\"],\"msgid\":\"" + MSG_ID + "\"}");
    ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel().send(renewal("d-1")));
    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("fail-list");
    assertThat(e.getMessage()).contains("not a contact").contains("monthly cap").doesNotContain(EXTERNAL);
  }

  @Test
  void anotherCustomerInFailListDoesNotFailTheSend() {
    haveToken();
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[\"wmqfasd1e1927831123109rBAAAA\"],\"msgid\":\"m-3\"}");
    assertThat(channel().send(renewal("d-1")).providerMessageId()).isEqualTo("m-3");
  }

  @Test
  void sendErrorMapping() {
    haveToken();
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[]}");
    ChannelException noMsgId = catchThrowableOfType(ChannelException.class, () -> channel().send(renewal("d-1")));
    assertThat(noMsgId.providerCode()).isEqualTo("missing-msgid");
    assertThat(noMsgId.mayHaveBeenSent()).isTrue();

    answer("{\"errcode\":301002,\"errmsg\":\"not allow operate another agent with this accesstoken\"}");
    ChannelException otherApp = catchThrowableOfType(ChannelException.class, () -> channel().send(renewal("d-1")));
    assertThat(otherApp.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(otherApp.getMessage()).contains("secret 'contactSecret'").contains("客户联系");

    answer("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
    ChannelException frequency = catchThrowableOfType(ChannelException.class, () -> channel().send(renewal("d-1")));
    assertThat(frequency.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(frequency.mayHaveBeenSent()).isFalse();

    answer("{\"errcode\":41048,\"errmsg\":\"no permission\"}");
    ChannelException other = catchThrowableOfType(ChannelException.class, () -> channel().send(renewal("d-1")));
    assertThat(other.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(other.providerCode()).isEqualTo("41048");

    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    ChannelException lost = catchThrowableOfType(ChannelException.class, () -> channel().send(renewal("d-1")));
    assertThat(lost.mayHaveBeenSent()).as("a lost answer may have queued the task").isTrue();
  }

  @Test
  void tokenFetchErrorsNameTheSecret() throws Exception {
    answer("{\"errcode\":40001,\"errmsg\":\"invalid secret\"}");
    ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel().send(renewal("d-1")));
    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.getMessage()).contains("secret 'contactSecret'").doesNotContain(SECRET);
    WeComTests.assertTokenRequest(taken(), SECRET);
  }

  @Test
  void messageProblemsFailBeforeAnyCall() {
    Channel channel = channel();
    ChannelException noSender = catchThrowableOfType(ChannelException.class, () -> channel.send(
        WeComTests.message("d-1", TO, "promo", Map.of(), Optional.of("x"))));
    assertThat(noSender.providerCode()).isEqualTo("missing-template-variable");
    assertThat(noSender.getMessage()).contains("'wecomSender'").contains("senderVariable");
    ChannelException blankSender = catchThrowableOfType(ChannelException.class, () -> channel.send(
        WeComTests.message("d-1", TO, "promo", Map.of("wecomSender", " "), Optional.of("x"))));
    assertThat(blankSender.providerCode()).isEqualTo("missing-template-variable");
    ChannelException scope = catchThrowableOfType(ChannelException.class, () -> channel.send(WeComTests.message(
        "d-1", Address.wecomExternalUserId("wwothercorp", EXTERNAL), "promo", Map.of("wecomSender", STAFF),
        Optional.of("x"))));
    assertThat(scope.providerCode()).isEqualTo("address-scope");
    assertThat(scope.getMessage()).contains("wwothercorp").doesNotContain(EXTERNAL);
    assertThatThrownBy(() -> channel.send(WeComTests.message("d-1", TO, "renewal", Map.of("wecomSender", STAFF),
        Optional.empty())))
        .extracting(t -> ((ChannelException) t).providerCode()).isEqualTo("missing-template-variable");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void channelShape() {
    Channel channel = channel();
    assertThat(channel.addressScope()).hasValue(CORP_ID);
    assertThat(channel.requiredVariables("renewal")).hasValue(Set.of("name", "date", "customerId", "wecomSender"));
    assertThat(channel.requiredVariables("promo")).hasValue(Set.of("wecomSender"));
    StaffConfirmation confirmation = channel.staffConfirmation().orElseThrow();
    assertThat(confirmation.deadline()).isEqualTo(Duration.ofHours(24));
    assertThat(confirmation.pollInterval()).isEqualTo(Duration.ofMinutes(10));
    Map<String, String> s = settings();
    s.put("confirmDeadline", "PT2H");
    s.put("confirmPollInterval", "PT5M");
    StaffConfirmation custom = channel(s).staffConfirmation().orElseThrow();
    assertThat(custom.deadline()).isEqualTo(Duration.ofHours(2));
    assertThat(custom.pollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(channel.toString()).contains(CORP_ID).doesNotContain(SECRET);
  }

  @Test
  void configurationErrorsNameTheSetting() {
    assertConfigError(Map.of("confirmPollInterval", "PT30S"), "confirmPollInterval");
    assertConfigError(Map.of("confirmDeadline", "PT5M"), "confirmDeadline");
    assertConfigError(Map.of("confirmDeadline", "tomorrow"), "confirmDeadline");
    assertConfigError(Map.of("senderVariable", "a b"), "senderVariable");
    assertConfigError(Map.of("template.x.linkTitle", "t"), "template.x.linkUrl");
    assertConfigError(Map.of("template.x.linkTitle", "t", "template.x.linkUrl", "ftp://x"), "template.x.linkUrl");
    assertConfigError(Map.of("template.x.params", "a"), "template.x.params");
  }

  private void assertConfigError(Map<String, String> extra, String named) {
    Map<String, String> s = settings();
    s.putAll(extra);
    assertThatThrownBy(() -> channel(s))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining(named).hasMessageContaining("'wecom'");
  }

  // --- confirmation ---

  private static String task(String status) {
    return "{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"\",\"task_list\":[{\"userid\":\"zhangsan\","
        + "\"status\":" + status + ",\"send_time\":1552536375}]}";
  }

  private static String result(String status) {
    return "{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"\",\"send_list\":[{\"external_userid\":\""
        + "wmOther00000000000000000000000\",\"userid\":\"zhangsan\",\"status\":2},{\"external_userid\":\"" + EXTERNAL
        + "\",\"userid\":\"zhangsan\",\"status\":" + status + ",\"send_time\":1714981000}]}";
  }

  private void assertPolled() throws InterruptedException {
    assertThat(WeComTests.assertPost(taken(), "externalcontact/get_groupmsg_task", TOKEN_1))
        .isEqualTo("{\"msgid\":\"" + MSG_ID + "\"}");
    assertThat(WeComTests.assertPost(taken(), "externalcontact/get_groupmsg_send_result", TOKEN_1))
        .isEqualTo("{\"msgid\":\"" + MSG_ID + "\",\"userid\":\"zhangsan\"}");
  }

  @Test
  void sentWhenTheCustomersEntryIsStatus1() throws Exception {
    haveToken();
    answer(task("2"));
    answer(result("1"));
    ConfirmationStatus status = confirmation().status(request());
    assertThat(status.state()).isEqualTo(State.SENT);
    assertThat(status.staffId()).hasValue(STAFF);
    assertThat(status.at()).hasValue(Instant.ofEpochSecond(1714981000));
    assertPolled();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void pendingWhileNotSentOrUnknown() throws Exception {
    haveToken();
    for (String code : new String[] {"0", "7", "\"x\""}) {
      answer(task("0"));
      answer(result(code));
      ConfirmationStatus status = confirmation().status(request());
      assertThat(status.state()).as(code).isEqualTo(State.PENDING);
      assertPolled();
    }
    answer(task("0"));
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"send_list\":[]}");
    assertThat(confirmation().status(request()).state()).isEqualTo(State.PENDING);
    assertPolled();
    answer("{\"errcode\":0,\"errmsg\":\"ok\",\"task_list\":[]}");
    assertThat(confirmation().status(request()).state()).isEqualTo(State.PENDING);
    assertThat(server.getRequestCount()).isEqualTo(9);
  }

  @Test
  void notSentWhenNotAContactOrOverTheCap() {
    haveToken();
    answer(task("2"));
    answer(result("2"));
    ConfirmationStatus notFriend = confirmation().status(request());
    assertThat(notFriend.state()).isEqualTo(State.NOT_SENT);
    assertThat(notFriend.detail()).contains("not a contact").doesNotContain(EXTERNAL);
    answer(task("2"));
    answer(result("3"));
    ConfirmationStatus cap = confirmation().status(request());
    assertThat(cap.state()).isEqualTo(State.NOT_SENT);
    assertThat(cap.detail()).contains("cap");
  }

  @Test
  void pagesAreFollowedByCursor() throws Exception {
    haveToken();
    answer("{\"errcode\":0,\"next_cursor\":\"c1\",\"task_list\":[]}");
    answer(task("2"));
    answer("{\"errcode\":0,\"next_cursor\":\"c2\",\"send_list\":[]}");
    answer(result("1"));
    assertThat(confirmation().status(request()).state()).isEqualTo(State.SENT);
    assertThat(WeComTests.assertPost(taken(), "externalcontact/get_groupmsg_task", TOKEN_1))
        .isEqualTo("{\"msgid\":\"" + MSG_ID + "\"}");
    assertThat(WeComTests.assertPost(taken(), "externalcontact/get_groupmsg_task", TOKEN_1))
        .isEqualTo("{\"msgid\":\"" + MSG_ID + "\",\"cursor\":\"c1\"}");
    assertThat(WeComTests.assertPost(taken(), "externalcontact/get_groupmsg_send_result", TOKEN_1))
        .isEqualTo("{\"msgid\":\"" + MSG_ID + "\",\"userid\":\"zhangsan\"}");
    assertThat(WeComTests.assertPost(taken(), "externalcontact/get_groupmsg_send_result", TOKEN_1))
        .isEqualTo("{\"msgid\":\"" + MSG_ID + "\",\"userid\":\"zhangsan\",\"cursor\":\"c2\"}");
  }

  @Test
  void pollingErrorsAreThrownAndNeverMayHaveSent() throws Exception {
    haveToken();
    answer("{\"errcode\":-1,\"errmsg\":\"system busy\"}");
    ChannelException busy = catchThrowableOfType(ChannelException.class, () -> confirmation().status(request()));
    assertThat(busy.outcome()).isEqualTo(Outcome.RETRY);
    server.enqueue(new MockResponse().setResponseCode(503));
    ChannelException unavailable = catchThrowableOfType(ChannelException.class,
        () -> confirmation().status(request()));
    assertThat(unavailable.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(unavailable.mayHaveBeenSent()).isFalse();
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    ChannelException lost = catchThrowableOfType(ChannelException.class, () -> confirmation().status(request()));
    assertThat(lost.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(lost.mayHaveBeenSent()).isFalse();
  }

  @Test
  void pollingRefreshesTheTokenAfter42001() throws Exception {
    haveToken();
    answer("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
    answer(WeComTests.tokenAnswer(TOKEN_2));
    answer(task("2"));
    answer(result("1"));
    assertThat(confirmation().status(request()).state()).isEqualTo(State.SENT);
    WeComTests.assertPost(taken(), "externalcontact/get_groupmsg_task", TOKEN_1);
    WeComTests.assertTokenRequest(taken(), SECRET);
    WeComTests.assertPost(taken(), "externalcontact/get_groupmsg_task", TOKEN_2);
    WeComTests.assertPost(taken(), "externalcontact/get_groupmsg_send_result", TOKEN_2);
  }

  @Test
  void cancelIsExact() throws Exception {
    haveToken();
    answer("{\"errcode\":0,\"errmsg\":\"ok\"}");
    confirmation().cancel(request());
    assertThat(WeComTests.assertPost(taken(), "externalcontact/cancel_groupmsg_send", TOKEN_1))
        .isEqualTo("{\"msgid\":\"" + MSG_ID + "\"}");

    answer("{\"errcode\":41063,\"errmsg\":\"msg has been sent\"}");
    ChannelException e = catchThrowableOfType(ChannelException.class, () -> confirmation().cancel(request()));
    assertThat(e.providerCode()).isEqualTo("41063");
    assertThat(e.getMessage()).contains("cancel_groupmsg_send");
  }
}
