package io.touchbase.channel.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.spi.channel.SharedTokens;
import io.touchbase.testkit.InMemorySharedTokens;
import io.touchbase.testkit.logging.PiiLeakAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact bizsend request, the quota key, the keyword rules and the answers of subscribe messages. */
class WeChatSubscribeChannelTest {
  private static final String SECRET = "app-secret-0002-wx";
  private static final String TOKEN = "ACCESS_TOKEN_SUB_7Hk2Lq";

  static {
    PiiLeakAppender.forbid(SECRET, TOKEN);
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

  private Channel channel() {
    Map<String, String> s = new HashMap<>();
    s.put("appId", WxTests.APP_ID);
    s.put("baseUrl", server.url("/").toString());
    s.put("template.gift-ready.code", "VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc");
    s.put("template.gift-ready.params", "thing1:gift,time2:pickupTime,number3:count");
    s.put("template.gift-ready.url", "https://shop.example/g?id={{giftId}}");
    s.put("template.gift-ready.miniprogramAppId", "wx0123456789abcdef");
    s.put("template.gift-ready.miniprogramPage", "pages/gift");
    return new WeChatSubscribeProvider().create(WxTests.context(WeChatSubscribeProvider.ID, s,
        Map.of("appSecret", SECRET), WxTests.CLOCK, tokens, WxTests.MAPPER));
  }

  private void withToken() {
    tokens.put("wechat:" + WxTests.APP_ID, new SharedTokens.IssuedToken(TOKEN, WxTests.NOW.plusSeconds(7200)));
  }

  private static Map<String, String> gift(String name) {
    return Map.of("gift", name, "pickupTime", "2019年8月8日", "count", "2", "giftId", "g-7");
  }

  @Test
  void bizsendRequestIsExact() throws Exception {
    server.enqueue(new MockResponse().setBody("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}"));
    server.enqueue(new MockResponse().setBody("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":1700827132819554304}"));
    SendResult result = channel().send(WxTests.message("d-9", "gift-ready", gift("巧克力礼盒")));

    assertThat(result.providerMessageId()).isEqualTo("1700827132819554304");
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getPath()).isEqualTo("/cgi-bin/stable_token");
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/cgi-bin/message/subscribe/bizsend?access_token=" + TOKEN);
    byte[] body = r.getBody().readByteArray();
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"touser\":\"" + WxTests.OPENID + "\","
        + "\"template_id\":\"VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc\",\"page\":\"https://shop.example/g?id=g-7\","
        + "\"miniprogram\":{\"appid\":\"wx0123456789abcdef\",\"pagepath\":\"pages/gift\"},"
        + "\"data\":{\"thing1\":{\"value\":\"巧克力礼盒\"},\"time2\":{\"value\":\"2019年8月8日\"},"
        + "\"number3\":{\"value\":\"2\"}}}");
    assertThat(new String(body, StandardCharsets.ISO_8859_1)).doesNotContain("\\u");
  }

  @Test
  void withoutMsgidTheDispatchIdStandsIn() {
    withToken();
    server.enqueue(new MockResponse().setBody("{\"errcode\":0,\"errmsg\":\"ok\"}"));
    SendResult result = channel().send(WxTests.message("d-10", "gift-ready", gift("礼盒")));
    assertThat(result.providerMessageId()).isEqualTo("d-10");
    assertThat(result.attributes()).containsEntry("msgid", "none");
  }

  @Test
  void quotaKeyIsTheWeChatTemplateId() {
    Channel channel = channel();
    assertThat(channel.sendQuotaKey("gift-ready")).hasValue("VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc");
    assertThat(channel.sendQuotaKey("unknown")).isEmpty();
    assertThat(channel.addressScope()).hasValue(WxTests.APP_ID);
    assertThat(channel.requiredVariables("gift-ready")).hasValue(Set.of("gift", "pickupTime", "count", "giftId"));
  }

  @Test
  void aValueBreakingItsKeywordRuleFailsBeforeAnyCallNamingTheKeyword() {
    withToken();
    String tooLong = "这是一个超过二十个字符长度的礼物名称真的很长很长";
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> channel().send(WxTests.message("d-1", "gift-ready", gift(tooLong))));
    assertThat(e.providerCode()).isEqualTo("invalid-template-value");
    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.getMessage()).contains("thing1").contains("gift-ready").doesNotContain(tooLong);

    Map<String, String> badNumber = new HashMap<>(gift("礼盒"));
    badNumber.put("count", "two");
    e = catchThrowableOfType(ChannelException.class,
        () -> channel().send(WxTests.message("d-1", "gift-ready", badNumber)));
    assertThat(e.getMessage()).contains("number3").doesNotContain("two");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusedSubscriptionIsPermanentNotAnOptOut() {
    withToken();
    server.enqueue(new MockResponse().setBody("{\"errcode\":43101,\"errmsg\":\"user refuse to accept the msg\"}"));
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> channel().send(WxTests.message("d-1", "gift-ready", gift("礼盒"))));
    assertThat(e.providerCode()).isEqualTo("43101");
    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.noQuotaLeft()).as("the engine sets the subscriber's count to 0").isTrue();
  }

  @Test
  void rejectedTokenIsReplacedOnceForBizsendToo() throws Exception {
    withToken();
    server.enqueue(new MockResponse().setBody("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}"));
    server.enqueue(new MockResponse().setBody("{\"access_token\":\"ACCESS_TOKEN_SUB_NEW\",\"expires_in\":7200}"));
    server.enqueue(new MockResponse().setBody("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":5}"));
    assertThat(channel().send(WxTests.message("d-1", "gift-ready", gift("礼盒"))).providerMessageId()).isEqualTo("5");
    assertThat(server.takeRequest().getPath()).endsWith("access_token=" + TOKEN);
    assertThat(server.takeRequest().getPath()).isEqualTo("/cgi-bin/stable_token");
    assertThat(server.takeRequest().getPath()).endsWith("access_token=ACCESS_TOKEN_SUB_NEW");
  }
}
