package io.touchbase.channel.wechat.internal;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SharedTokens;
import io.touchbase.testkit.TestChannelContext;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.RecordedRequest;

/** Fixtures of the WeCom tests. */
final class WeComTests {
  static final String CORP_ID = "wx5823bf96d3bd56c7";
  static final String STAFF = "zhangsan";
  static final String EXTERNAL = "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA";
  static final String TOKEN_1 = "WECOM_ACCESS_TOKEN_ONE_7f3k";
  static final String TOKEN_2 = "WECOM_ACCESS_TOKEN_TWO_9q2z";

  private WeComTests() {}

  static TestChannelContext context(String providerId, Map<String, String> settings, Map<String, String> secrets,
      Clock clock, SharedTokens tokens) {
    return TestChannelContext.builder()
        .channelName("wecom")
        .providerId(providerId)
        .settings(settings)
        .secrets(secrets)
        .clock(clock)
        .service(OkHttpClient.class, WxTests.CLIENT)
        .service(com.fasterxml.jackson.databind.ObjectMapper.class, WxTests.MAPPER)
        .service(SharedTokens.class, tokens)
        .build();
  }

  static OutboundMessage message(String dispatchId, Address to, String templateId, Map<String, String> variables,
      Optional<String> text) {
    return new OutboundMessage(DispatchId.of(dispatchId), "wecom", ContactId.of("c-" + dispatchId), to,
        Purpose.MARKETING, templateId, variables, text, Optional.empty());
  }

  static String tokenAnswer(String token) {
    return "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"" + token + "\",\"expires_in\":7200}";
  }

  /** The exact gettoken request of {@code secret}. */
  static void assertTokenRequest(RecordedRequest r, String secret) {
    org.assertj.core.api.Assertions.assertThat(r.getMethod()).isEqualTo("GET");
    org.assertj.core.api.Assertions.assertThat(r.getPath())
        .isEqualTo("/cgi-bin/gettoken?corpid=" + CORP_ID + "&corpsecret=" + secret);
    org.assertj.core.api.Assertions.assertThat(r.getBodySize()).isZero();
  }

  /** An exact JSON POST to {@code path} with {@code token}; returns the body. */
  static String assertPost(RecordedRequest r, String path, String token) {
    org.assertj.core.api.Assertions.assertThat(r.getMethod()).isEqualTo("POST");
    org.assertj.core.api.Assertions.assertThat(r.getPath()).isEqualTo("/cgi-bin/" + path + "?access_token=" + token);
    org.assertj.core.api.Assertions.assertThat(r.getHeader("Content-Type"))
        .isEqualTo("application/json; charset=utf-8");
    return r.getBody().readUtf8();
  }
}
