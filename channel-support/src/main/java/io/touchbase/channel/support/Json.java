package io.touchbase.channel.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads provider answers and callbacks in JSON leniently: an answer that is not a JSON object
 * (a gateway's or proxy's HTML page, an empty body) reads as an empty object, so that the HTTP
 * status decides, and fields read as text whatever their JSON type. Stateless and thread-safe.
 */
public final class Json {
  private Json() {}

  /** The body as a JSON object; an empty object when it is not JSON or not an object. */
  public static JsonNode objectOrEmpty(ObjectMapper mapper, String body) {
    Objects.requireNonNull(mapper, "mapper");
    Objects.requireNonNull(body, "body");
    try {
      JsonNode node = mapper.readTree(body);
      return node != null && node.isObject() ? node : mapper.createObjectNode();
    } catch (JsonProcessingException e) {
      return mapper.createObjectNode();
    }
  }

  /**
   * A field as text: strings as they are, numbers and booleans in their plain form (providers
   * change a field from string to number between versions). Empty when the field is absent,
   * JSON {@code null}, an object or an array.
   */
  public static Optional<String> text(JsonNode node, String field) {
    Objects.requireNonNull(field, "field");
    JsonNode value = Objects.requireNonNull(node, "node").get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  /** {@link #text}, also empty when the text is blank. The text is returned as it is, not stripped. */
  public static Optional<String> nonBlankText(JsonNode node, String field) {
    return text(node, field).filter(v -> !v.isBlank());
  }
}
