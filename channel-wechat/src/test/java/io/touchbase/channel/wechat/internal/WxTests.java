package io.touchbase.channel.wechat.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SharedTokens;
import io.touchbase.testkit.TestChannelContext;
import io.touchbase.testkit.logging.PiiLeakAppender;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/** Fixtures shared by the tests of this package. */
final class WxTests {
  /** 15:08:09 in Shanghai. */
  static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .readTimeout(Duration.ofSeconds(5))
      .retryOnConnectionFailure(false)
      .build();
  static final String APP_ID = "wxb11529c136998cb6";
  static final String OPENID = "oR5Gjjl_eiZoUpGozMo7dbBJ362A";

  static {
    // Openids are not phone numbers or emails, so the log check knows them only by value.
    PiiLeakAppender.forbid(OPENID);
  }

  private WxTests() {}

  /** A random source that repeats the bytes of {@code seed} forever, for the vector tests. */
  static SecureRandom fixedRandom(String seed) {
    byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++) {
          out[i] = bytes[i % bytes.length];
        }
      }
    };
  }

  static TestChannelContext context(String providerId, Map<String, String> settings, Map<String, String> secrets,
      Clock clock, SharedTokens tokens, ObjectMapper mapper) {
    return TestChannelContext.builder()
        .channelName("wechat")
        .providerId(providerId)
        .settings(settings)
        .secrets(secrets)
        .clock(clock)
        .service(OkHttpClient.class, CLIENT)
        .service(ObjectMapper.class, mapper)
        .service(SharedTokens.class, tokens)
        .build();
  }

  static OutboundMessage message(String dispatchId, String templateId, Map<String, String> variables) {
    return message(dispatchId, Address.wechatOpenId(APP_ID, OPENID), templateId, variables);
  }

  static OutboundMessage message(String dispatchId, Address to, String templateId, Map<String, String> variables) {
    return new OutboundMessage(DispatchId.of(dispatchId), "wechat", ContactId.of("c-" + dispatchId), to,
        Purpose.TRANSACTIONAL, templateId, variables, Optional.empty(), Optional.empty());
  }
}
