package io.touchbase.channel.phone.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.OutboundMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/** Shared test values: one client and mapper for all tests, as the engine shares them. */
final class Fixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();
  // Configured like the engine's client, retries after connection failures included: the
  // channels must turn those off themselves.
  static final OkHttpClient CLIENT =
      new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(5))
          .readTimeout(Duration.ofSeconds(5))
          .build();
  static final String PHONE = "+8613800138000";

  private Fixtures() {}

  static Map<Class<?>, Object> services() {
    return Map.of(OkHttpClient.class, CLIENT, ObjectMapper.class, MAPPER);
  }

  static OutboundMessage message(
      String dispatchId, String templateId, Map<String, String> variables, Optional<String> text,
      Optional<Locale> locale) {
    return new OutboundMessage(
        DispatchId.of(dispatchId),
        "phone",
        ContactId.of("c-1"),
        Address.phone(PHONE),
        Purpose.TRANSACTIONAL,
        templateId,
        variables,
        text,
        locale);
  }
}
