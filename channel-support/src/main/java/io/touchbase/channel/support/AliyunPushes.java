package io.touchbase.channel.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.callback.CallbackResponse;
import io.touchbase.spi.channel.CallbackRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Aliyun's HTTP batch pushes (SMS {@code SmsReport} and {@code SmsUp}, Voice {@code VoiceReport}):
 * a POST whose body is a JSON array of objects, answered with {@link #RECEIVED} (providers.md
 * §1.7, §3.4). Aliyun signs nothing, so a push is checked with {@link CallbackTokens} before it
 * is read. Stateless.
 */
public final class AliyunPushes {
  /**
   * The answer Aliyun expects: {@code {"code":0,"msg":"接收成功"}}. Only "code is a number" is
   * checked; anything else makes Aliyun push again after 1, 5 and 10 minutes.
   */
  public static final CallbackResponse RECEIVED =
      CallbackResponse.ok("application/json; charset=utf-8", "{\"code\":0,\"msg\":\"接收成功\"}");

  private AliyunPushes() {}

  /**
   * The items of a push body, in order.
   *
   * @throws CallbackRejectedException malformed (400) when the body is not JSON, not an array, or
   *     has an item that is not an object; the reason shows no part of the body
   */
  public static List<JsonNode> items(ObjectMapper mapper, String body) {
    Objects.requireNonNull(mapper, "mapper");
    JsonNode root;
    try {
      root = mapper.readTree(Objects.requireNonNull(body, "body"));
    } catch (JsonProcessingException e) {
      throw CallbackRejectedException.malformed("Aliyun push is not JSON");
    }
    if (root == null || !root.isArray()) {
      throw CallbackRejectedException.malformed("Aliyun push must be a JSON array");
    }
    List<JsonNode> items = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      if (!root.get(i).isObject()) {
        throw CallbackRejectedException.malformed("Aliyun push item [" + i + "] is not a JSON object");
      }
      items.add(root.get(i));
    }
    return items;
  }
}
