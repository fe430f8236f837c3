package io.touchbase.channel.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.ConfigurationException;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact Messages request and what each answer becomes. */
class TwilioSmsChannelTest {
  private static final String TOKEN = "twilio-token-0001";
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    s.put("accountSid", "AC0123456789");
    s.put("from", "+15005550006");
    s.put("statusCallbackUrl", "https://shop.example/touchbase/callbacks/sms?x=1");
    s.put("endpoint", server.url("/").toString());
    return s;
  }

  private Channel channel(Map<String, String> settings) {
    return new TwilioSmsProvider().create(SmsTests.context(
        "twilio-sms", settings, Map.of("authToken", TOKEN), SmsTests.CLOCK, SmsTests.CLIENT));
  }

  private static OutboundMessage text(String text) {
    return SmsTests.message("d-1", "+14155550100", "renewal", Map.of(), Optional.of(text));
  }

  @Test
  void messagesRequestIsExact() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(201).setBody("{\"sid\":\"SM123\",\"status\":\"queued\","
        + "\"to\":\"+14155550100\",\"num_segments\":\"1\",\"error_code\":null}"));
    SendResult result = channel(settings()).send(text("Hi Li, 3 days left & 50% off+"));

    assertThat(result.providerMessageId()).isEqualTo("SM123");
    assertThat(result.attributes()).containsEntry("status", "queued").containsEntry("segments", "1");
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/2010-04-01/Accounts/AC0123456789/Messages.json");
    assertThat(r.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString(("AC0123456789:" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(r.getBody().readUtf8()).isEqualTo("To=%2B14155550100&From=%2B15005550006"
        + "&Body=Hi%20Li%2C%203%20days%20left%20%26%2050%25%20off%2B"
        + "&StatusCallback=https%3A%2F%2Fshop.example%2Ftouchbase%2Fcallbacks%2Fsms%3Fx%3D1");
  }

  @Test
  void messagingServiceInsteadOfFromWithoutCallback() throws Exception {
    Map<String, String> s = settings();
    s.remove("from");
    s.remove("statusCallbackUrl");
    s.put("messagingServiceSid", "MG0001");
    server.enqueue(new MockResponse().setResponseCode(201).setBody("{\"sid\":\"SM9\"}"));
    channel(s).send(text("你好"));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8())
        .isEqualTo("To=%2B14155550100&MessagingServiceSid=MG0001&Body=%E4%BD%A0%E5%A5%BD");
  }

  private ChannelException failure(int status, String body) {
    server.enqueue(new MockResponse().setResponseCode(status).setBody(body));
    return catchThrowableOfType(ChannelException.class, () -> channel(settings()).send(text("hello")));
  }

  private static String error(int code, int status) {
    return "{\"code\":" + code + ",\"message\":\"Problem with +14155550100\",\"more_info\":"
        + "\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}";
  }

  @Test
  void stopIsAnOptOut() {
    ChannelException e = failure(400, error(21610, 400));
    assertThat(e.outcome()).isEqualTo(Outcome.RECIPIENT_OPTED_OUT);
    assertThat(e.providerCode()).isEqualTo("21610");
    assertThat(e.getMessage()).doesNotContain("14155550100");
  }

  @Test
  void tooManyRequestsIsRetryable() {
    ChannelException coded = failure(429, error(20429, 429));
    assertThat(coded.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(coded.mayHaveBeenSent()).isFalse();
    assertThat(coded.providerCode()).isEqualTo("20429");
    ChannelException bare = failure(429, "");
    assertThat(bare.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(bare.providerCode()).isEqualTo("http-429");
  }

  @Test
  void serverErrorsMayHaveSent() {
    ChannelException e = failure(503, "");
    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(e.providerCode()).isEqualTo("http-503");
    assertThat(failure(201, "{}").providerCode()).isEqualTo("malformed-response");
  }

  @Test
  void clientErrorsArePermanentWithTheirCode() {
    for (int code : new int[] {21211, 21608, 21614, 21408, 20003}) {
      ChannelException e = failure(400, error(code, 400));
      assertThat(e.outcome()).as("%s", code).isEqualTo(Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo(String.valueOf(code));
      assertThat(e.getMessage()).contains(String.valueOf(code)).doesNotContain("14155550100");
    }
    assertThat(failure(401, "").providerCode()).isEqualTo("http-401");
  }

  @Test
  void withoutTextTheSendFailsWithoutARequest() {
    ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel(settings())
        .send(SmsTests.message("d-1", "+14155550100", "renewal", Map.of("name", "Li"))));
    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("no-text-template");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void lookupCannotTellAndAsksNothing() {
    LookupResult result = channel(settings()).lookup(DispatchId.of("d-1"));
    assertThat(result.status()).isEqualTo(LookupResult.Status.UNKNOWN);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void configuration() {
    Channel channel = channel(settings());
    assertThat(channel.requiredVariables("anything")).contains(Set.of());
    assertThat(channel.toString()).contains("AC0123456789").doesNotContain(TOKEN);
    assertThat(new TwilioSmsProvider().limits().permitsPerSecond()).isEqualTo(1);
    Map<String, String> both = settings();
    both.put("messagingServiceSid", "MG1");
    assertThatThrownBy(() -> channel(both)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'from'").hasMessageContaining("'messagingServiceSid'");
    Map<String, String> neither = settings();
    neither.remove("from");
    assertThatThrownBy(() -> channel(neither)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'messagingServiceSid'");
    Map<String, String> badCallback = settings();
    badCallback.put("statusCallbackUrl", "ftp://x");
    assertThatThrownBy(() -> channel(badCallback)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'statusCallbackUrl'");
  }

  @Test
  void aDroppedConnectionIsNotRepeatedEvenWhenTheSharedClientWould() {
    OkHttpClient retrying = new OkHttpClient();
    Channel channel = new TwilioSmsProvider().create(SmsTests.context(
        "twilio-sms", settings(), Map.of("authToken", TOKEN), SmsTests.CLOCK, retrying));
    server.enqueue(new MockResponse().setResponseCode(201).setBody("{\"sid\":\"SM1\"}"));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setResponseCode(201).setBody("{\"sid\":\"SM2\"}"));
    channel.send(text("one"));
    ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel.send(text("two")));
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(2);
    retrying.connectionPool().evictAll();
  }
}
