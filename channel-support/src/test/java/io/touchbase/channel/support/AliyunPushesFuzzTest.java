package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.testkit.fuzz.FuzzInputs;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the JSON readers of provider pushes and answers: Aliyun push items or a 400 rejection;
 * the lenient reader never throws.
 */
class AliyunPushesFuzzTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] FIELDS = {"phone_number", "success", "biz_id", "out_id", "sequence_id", "Code"};

  @FuzzTest(maxDuration = "60s")
  void items(byte[] data) {
    String input = FuzzInputs.text(data);
    try {
      for (JsonNode item : AliyunPushes.items(MAPPER, input)) {
        assertThat(item.isObject()).isTrue();
        readFields(item);
      }
    } catch (CallbackRejectedException e) {
      assertThat(e.status()).isEqualTo(400);
      FuzzInputs.assertNoDigitRunOfInput(input, e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void json(byte[] data) {
    JsonNode node = Json.objectOrEmpty(MAPPER, FuzzInputs.text(data));
    assertThat(node.isObject()).isTrue();
    readFields(node);
  }

  private static void readFields(JsonNode node) {
    for (String field : FIELDS) {
      assertThat(Json.text(node, field)).isNotNull();
      Json.nonBlankText(node, field).ifPresent(v -> assertThat(v).isNotBlank());
    }
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "items", 1000, this::items);
    FuzzInputs.boundedRun(getClass(), "json", 1000, this::json);
  }
}
