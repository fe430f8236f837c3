package io.touchbase.channel.sms.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.testkit.TestChannelContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/** Fixtures shared by the provider tests. */
final class SmsTests {
  /** 15:08:09 in Shanghai. */
  static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .readTimeout(Duration.ofSeconds(5))
      .retryOnConnectionFailure(false)
      .build();

  private SmsTests() {}

  static TestChannelContext context(
      String providerId, Map<String, String> settings, Map<String, String> secrets, Clock clock, OkHttpClient client) {
    return TestChannelContext.builder()
        .channelName("sms")
        .providerId(providerId)
        .settings(settings)
        .secrets(secrets)
        .clock(clock)
        .service(OkHttpClient.class, client)
        .service(ObjectMapper.class, MAPPER)
        .build();
  }

  static OutboundMessage message(String dispatchId, String phone, String templateId, Map<String, String> variables) {
    return message(dispatchId, phone, templateId, variables, Optional.empty());
  }

  static OutboundMessage message(
      String dispatchId, String phone, String templateId, Map<String, String> variables, Optional<String> text) {
    return new OutboundMessage(
        DispatchId.of(dispatchId),
        "sms",
        ContactId.of("c-" + dispatchId),
        Address.phone(phone),
        Purpose.TRANSACTIONAL,
        templateId,
        variables,
        text,
        Optional.empty());
  }

  static CallbackRequest callback(String url, String body) {
    return CallbackRequest.builder("sms").method("POST").url(url).header("Content-Type", "application/json")
        .body(body).build();
  }
}
