package io.touchbase.core.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The engine's one {@link ObjectMapper} (also offered to channels as a shared service) and the
 * small JSON columns it stores: attribute maps and tag sets.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class JsonCodec {
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  private final ObjectMapper mapper;

  public JsonCodec() {
    this.mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public String writeMap(Map<String, String> map) {
    return write(new TreeMap<>(map));
  }

  public Map<String, String> readMap(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return mapper.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored attributes are not a JSON object of strings", e);
    }
  }

  public String writeSet(Set<String> set) {
    return write(new java.util.TreeSet<>(set));
  }

  public Set<String> readSet(String json) {
    if (json == null || json.isEmpty()) {
      return Set.of();
    }
    try {
      return new LinkedHashSet<>(mapper.readValue(json, LIST));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored tags are not a JSON array of strings", e);
    }
  }

  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + value.getClass().getName(), e);
    }
  }
}
