package io.touchbase.channel.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.contact.Address;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TencentSmsCallbacksTest {
  private static final String TOKEN = "callback-token-0001";
  private static final String URL = "https://shop.example/touchbase/callbacks/sms?token=" + TOKEN;

  private static CallbackHandler handler(Optional<String> token) {
    Map<String, String> secrets = new HashMap<>();
    secrets.put("secretKey", "tencent-secret-0001");
    token.ifPresent(t -> secrets.put("callbackToken", t));
    return new TencentSmsProvider().create(SmsTests.context("tencent-sms",
            Map.of("secretId", "AKID-test", "smsSdkAppId", "1400006666"), secrets, SmsTests.CLOCK, SmsTests.CLIENT))
        .callbackHandler().orElseThrow();
  }

  private static CallbackResult handle(String body) {
    return handler(Optional.of(TOKEN)).handle(SmsTests.callback(URL, body));
  }

  @Test
  void statusReportsAreCorrelatedBySid() {
    CallbackResult result = handle("[{\"user_receive_time\":\"2024-05-06 15:08:12\",\"nationcode\":\"86\","
        + "\"mobile\":\"13800138000\",\"report_status\":\"SUCCESS\",\"errmsg\":\"DELIVRD\","
        + "\"description\":\"用户短信送达成功\",\"sid\":\"5000:1\"},"
        + "{\"user_receive_time\":\"2024-05-06 15:09:00\",\"nationcode\":\"86\",\"mobile\":\"13900139000\","
        + "\"report_status\":\"FAIL\",\"errmsg\":\"MK:0001\",\"description\":\"失败\",\"sid\":\"5000:2\"}]");

    assertThat(result.response().status()).isEqualTo(200);
    assertThat(result.response().contentType()).startsWith("application/json");
    assertThat(result.response().body()).isEqualTo("{\"result\":0,\"errmsg\":\"OK\"}");
    assertThat(result.events()).containsExactly(
        new ChannelEvent.StatusReport(Optional.empty(), Optional.of("5000:1"), TouchpointKind.DELIVERED,
            Instant.parse("2024-05-06T07:08:12Z"), Optional.empty(), Map.of()),
        new ChannelEvent.StatusReport(Optional.empty(), Optional.of("5000:2"), TouchpointKind.FAILED,
            Instant.parse("2024-05-06T07:09:00Z"), Optional.of("MK:0001"), Map.of()));
  }

  @Test
  void replyBecomesAnInboundReply() {
    CallbackResult result = handle("{\"extend\":\"\",\"mobile\":\"13800138000\",\"nationcode\":\"86\","
        + "\"sign\":\"腾讯云\",\"text\":\"退订\",\"time\":1714979289}");
    assertThat(result.events()).containsExactly(new ChannelEvent.InboundReply(
        Address.phone("+8613800138000"), "退订", Instant.ofEpochSecond(1714979289), Optional.empty()));
    assertThat(result.response().body()).isEqualTo("{\"result\":0,\"errmsg\":\"OK\"}");
  }

  @Test
  void replyTimeBeyondWhatAnInstantHoldsReadsAsNow() {
    for (String time : new String[] {"171565912345670000", "\"171565912345670000\"", "\"99999999999999999999\"",
        "-9.0e18"}) {
      CallbackResult result = handle("{\"mobile\":\"13800138000\",\"nationcode\":\"86\",\"text\":\"TD\","
          + "\"time\":" + time + "}");
      assertThat(((ChannelEvent.InboundReply) result.events().get(0)).occurredAt()).as(time).isEqualTo(SmsTests.NOW);
    }
  }

  @Test
  void forgedMissingOrUnconfiguredTokenIsRejected() {
    assertThat(catchThrowableOfType(CallbackRejectedException.class, () -> handler(Optional.of(TOKEN))
        .handle(SmsTests.callback("https://shop.example/cb?token=forged", "[]"))).status()).isEqualTo(401);
    assertThat(catchThrowableOfType(CallbackRejectedException.class, () -> handler(Optional.of(TOKEN))
        .handle(SmsTests.callback("https://shop.example/cb", "[]"))).status()).isEqualTo(401);
    assertThat(catchThrowableOfType(CallbackRejectedException.class, () -> handler(Optional.empty())
        .handle(SmsTests.callback(URL, "[]")))).hasMessageContaining("no callbackToken configured");
  }

  @Test
  void malformedBodiesAreRejected() {
    for (String body : new String[] {"{oops", "\"text\"", "[{\"report_status\":\"SUCCESS\"}]", "[{\"a\":1}]",
        "{\"text\":\"hi\",\"mobile\":\"138x\",\"nationcode\":\"86\"}",
        "{\"text\":\"hi\",\"mobile\":\"13800138000\"}"}) {
      CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class, () -> handle(body));
      assertThat(e).as("body %s", body).isNotNull();
      assertThat(e.status()).isEqualTo(400);
    }
  }
}
