package io.touchbase.channel.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.contact.Address;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.spi.channel.DispatchId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AliyunSmsCallbacksTest {
  private static final String TOKEN = "callback-token-0001";
  private static final String URL = "https://shop.example/touchbase/callbacks/sms?token=" + TOKEN;

  private static CallbackHandler handler(Optional<String> token) {
    Map<String, String> secrets = new HashMap<>();
    secrets.put("accessKeySecret", "aliyun-secret-0001");
    token.ifPresent(t -> secrets.put("callbackToken", t));
    return new AliyunSmsProvider().create(SmsTests.context("aliyun-sms",
            Map.of("accessKeyId", "LTAI-test", "signName", "测试店"), secrets, SmsTests.CLOCK, SmsTests.CLIENT))
        .callbackHandler().orElseThrow();
  }

  private static CallbackResult handle(String body) {
    return handler(Optional.of(TOKEN)).handle(SmsTests.callback(URL, body));
  }

  @Test
  void receiptsBecomeStatusReports() {
    CallbackResult result = handle("[{\"phone_number\":\"13800138000\",\"send_time\":\"2024-05-06 15:08:09\","
        + "\"report_time\":\"2024-05-06 15:08:12\",\"success\":true,\"err_code\":\"DELIVERED\","
        + "\"err_msg\":\"用户接收成功\",\"sms_size\":\"1\",\"biz_id\":\"9006197469364984\",\"out_id\":\"d-1\"},"
        + "{\"phone_number\":\"13900139000\",\"send_time\":\"2024-05-06 15:08:09\","
        + "\"report_time\":\"2024-05-06 15:09:00\",\"success\":false,\"err_code\":\"MK:0001\","
        + "\"err_msg\":\"失败\",\"sms_size\":\"2\",\"biz_id\":\"9006197469364985\",\"out_id\":\"d-2\"}]");

    assertThat(result.response().status()).isEqualTo(200);
    assertThat(result.response().contentType()).startsWith("application/json");
    assertThat(result.response().body()).isEqualTo("{\"code\":0,\"msg\":\"接收成功\"}");
    assertThat(result.events()).containsExactly(
        new ChannelEvent.StatusReport(Optional.of(DispatchId.of("d-1")), Optional.of("9006197469364984"),
            TouchpointKind.DELIVERED, Instant.parse("2024-05-06T07:08:12Z"), Optional.empty(), Map.of("smsSize", "1")),
        new ChannelEvent.StatusReport(Optional.of(DispatchId.of("d-2")), Optional.of("9006197469364985"),
            TouchpointKind.FAILED, Instant.parse("2024-05-06T07:09:00Z"), Optional.of("MK:0001"),
            Map.of("smsSize", "2")));
  }

  @Test
  void batchReceiptsAreCorrelatedByBizIdAndNumber() {
    CallbackResult result = handle("[{\"phone_number\":\"13900139000\",\"success\":true,\"err_code\":\"DELIVERED\","
        + "\"report_time\":\"2024-05-06 15:09:00\",\"biz_id\":\"B-1\",\"out_id\":\"batch:d-1\"}]");
    ChannelEvent.StatusReport report = (ChannelEvent.StatusReport) result.events().get(0);
    assertThat(report.dispatchId()).isEmpty();
    assertThat(report.providerMessageId()).contains(AliyunSmsChannel.batchMessageId("B-1", "+8613900139000"));
  }

  @Test
  void receiptWithoutOutIdUsesTheBizId() {
    ChannelEvent.StatusReport report = (ChannelEvent.StatusReport) handle(
        "[{\"phone_number\":\"13800138000\",\"success\":\"true\",\"biz_id\":\"77\"}]").events().get(0);
    assertThat(report.dispatchId()).isEmpty();
    assertThat(report.providerMessageId()).contains("77");
    assertThat(report.kind()).isEqualTo(TouchpointKind.DELIVERED);
    assertThat(report.occurredAt()).isEqualTo(SmsTests.NOW);
  }

  @Test
  void repliesBecomeInboundReplies() {
    CallbackResult result = handle("[{\"phone_number\":\"13800138000\",\"content\":\"TD\","
        + "\"send_time\":\"2024-05-06 15:10:00\",\"dest_code\":\"1234\",\"sequence_id\":\"1234567\"},"
        + "{\"phone_number\":\"+8613900139000\",\"content\":\"好的\",\"send_time\":\"2024-05-06 15:11:00\","
        + "\"sequence_id\":7654321}]");
    assertThat(result.events()).containsExactly(
        new ChannelEvent.InboundReply(Address.phone("+8613800138000"), "TD", Instant.parse("2024-05-06T07:10:00Z"),
            Optional.of("1234567")),
        new ChannelEvent.InboundReply(Address.phone("+8613900139000"), "好的", Instant.parse("2024-05-06T07:11:00Z"),
            Optional.of("7654321")));
    assertThat(result.response().body()).isEqualTo("{\"code\":0,\"msg\":\"接收成功\"}");
  }

  @Test
  void wrongOrMissingTokenIsRejectedBeforeParsing() {
    CallbackRejectedException wrong = catchThrowableOfType(CallbackRejectedException.class,
        () -> handler(Optional.of(TOKEN)).handle(SmsTests.callback(
            "https://shop.example/touchbase/callbacks/sms?token=forged", "not even json")));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.getMessage()).doesNotContain(TOKEN).doesNotContain("forged");
    CallbackRejectedException missing = catchThrowableOfType(CallbackRejectedException.class,
        () -> handler(Optional.of(TOKEN)).handle(SmsTests.callback("https://shop.example/cb", "[]")));
    assertThat(missing.status()).isEqualTo(401);
  }

  @Test
  void withoutConfiguredTokenEveryCallbackIsRejected() {
    CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class,
        () -> handler(Optional.empty()).handle(SmsTests.callback(URL, "[]")));
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).contains("no callbackToken configured");
  }

  @Test
  void malformedBodiesAreRejected() {
    for (String body : new String[] {"{not json", "{\"phone_number\":\"13800138000\"}", "[1]", "[{\"x\":1}]",
        "[{\"success\":true}]", "[{\"content\":\"hi\",\"phone_number\":\"12\"}]", ""}) {
      CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class, () -> handle(body));
      assertThat(e).as("body %s", body).isNotNull();
      assertThat(e.status()).isEqualTo(400);
    }
  }
}
