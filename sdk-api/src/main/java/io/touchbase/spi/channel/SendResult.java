package io.touchbase.spi.channel;

import io.touchbase.api.internal.Checks;
import java.util.Map;

/**
 * A provider accepted a message.
 *
 * @param providerMessageId the provider's id for it (Aliyun {@code BizId}, Twilio {@code sid})
 * @param attributes further details worth keeping on the touchpoint, e.g. segment count
 */
public record SendResult(String providerMessageId, Map<String, String> attributes) {
  public SendResult {
    Checks.notBlank(providerMessageId, "providerMessageId");
    attributes = Map.copyOf(Checks.notNull(attributes, "attributes"));
  }

  public static SendResult of(String providerMessageId) {
    return new SendResult(providerMessageId, Map.of());
  }
}
