package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.spi.channel.CallbackRejectedException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AliyunPushesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void itemsInOrder() {
    List<JsonNode> items = AliyunPushes.items(MAPPER,
        "[{\"biz_id\":\"1\",\"phone_number\":\"13800138000\"},{\"call_id\":\"c-2\"}]");

    assertThat(items).hasSize(2);
    assertThat(items.get(0).get("biz_id").asText()).isEqualTo("1");
    assertThat(items.get(1).get("call_id").asText()).isEqualTo("c-2");
    assertThat(AliyunPushes.items(MAPPER, "[]")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "{\"phone_number\":\"13800138000\"}", "[\"13800138000\"]",
      "[{\"call_id\":\"c-1\"},13800138000]", "null"})
  void anythingButAnArrayOfObjectsIsMalformed(String body) {
    CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class,
        () -> AliyunPushes.items(MAPPER, body));

    assertThat(e).as(body).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).startsWith("Aliyun push").doesNotContain("13800138000");
  }

  @Test
  void theAnswerAliyunExpects() {
    assertThat(AliyunPushes.RECEIVED.status()).isEqualTo(200);
    assertThat(AliyunPushes.RECEIVED.contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(AliyunPushes.RECEIVED.body()).isEqualTo("{\"code\":0,\"msg\":\"接收成功\"}");
  }
}
