package io.touchbase.channel.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.testkit.TestChannelContext;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioVoiceChannelTest {
  private static final String SID = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "twilio-auth-token-1";
  private static final String CREATED =
      "{\"sid\":\"CA0123456789abcdef0123456789abcdef\",\"status\":\"queued\",\"to\":\"+8613800138000\"}";

  private final MockWebServer server = new MockWebServer();
  private final Map<String, String> settings = new LinkedHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server.start();
    settings.put("endpoint", server.url("/").toString());
    settings.put("accountSid", SID);
    settings.put("from", "+15005550006");
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private Channel channel() {
    return new TwilioVoiceProvider().create(TestChannelContext.builder()
        .channelName("phone")
        .providerId(TwilioVoiceProvider.ID)
        .settings(settings)
        .secret("authToken", TOKEN)
        .services(Fixtures.services())
        .build());
  }

  private static OutboundMessage say(String text, Optional<Locale> locale) {
    return Fixtures.message("d-1", "renewal", Map.of("name", "Ann"), Optional.of(text), locale);
  }

  private void answer(int status, String body) {
    server.enqueue(new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
        .setBody(body));
  }

  /** The form body as name/value pairs in the order sent. */
  private static List<List<String>> form(RecordedRequest request) {
    List<List<String>> pairs = new ArrayList<>();
    for (String pair : request.getBody().readUtf8().split("&")) {
      String[] nv = pair.split("=", 2);
      pairs.add(List.of(
          URLDecoder.decode(nv[0], StandardCharsets.UTF_8), URLDecoder.decode(nv[1], StandardCharsets.UTF_8)));
    }
    return pairs;
  }

  /** The next request creates the call that says "Hello", exactly. */
  private void assertHelloCall() throws InterruptedException {
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Calls.json");
    assertThat(request.getHeader("Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(form(request)).containsExactly(
        List.of("To", "+8613800138000"),
        List.of("From", "+15005550006"),
        List.of("Twiml", "<Response><Say>Hello</Say></Response>"));
  }

  @Test
  void createsACallThatSaysTheText() throws Exception {
    settings.put("statusCallbackUrl", "https://shop.example.com/touchbase/callbacks/phone?tenant=7");
    settings.put("language", "en-US");
    settings.put("voice", "Polly.Joanna");
    settings.put("timeoutSeconds", "30");
    answer(201, CREATED);

    SendResult result = channel().send(say("Your plan renews tomorrow & costs <$5>.", Optional.of(Locale.GERMANY)));

    assertThat(result.providerMessageId()).isEqualTo("CA0123456789abcdef0123456789abcdef");
    assertThat(result.attributes()).isEqualTo(Map.of("status", "queued"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Calls.json");
    assertThat(request.getHeader("Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form(request)).containsExactly(
        List.of("To", "+8613800138000"),
        List.of("From", "+15005550006"),
        List.of("Twiml", "<Response><Say language=\"en-US\" voice=\"Polly.Joanna\">"
            + "Your plan renews tomorrow &amp; costs &lt;$5&gt;.</Say></Response>"),
        List.of("StatusCallback", "https://shop.example.com/touchbase/callbacks/phone?tenant=7&dispatchId=d-1"),
        List.of("StatusCallbackEvent", "completed"),
        List.of("Timeout", "30"));
  }

  @Test
  void withoutOptionalSettingsSaysTheTextInTheContactsLanguage() throws Exception {
    answer(201, CREATED);

    channel().send(say("你好", Optional.of(Locale.SIMPLIFIED_CHINESE)));

    assertThat(form(server.takeRequest())).containsExactly(
        List.of("To", "+8613800138000"),
        List.of("From", "+15005550006"),
        List.of("Twiml", "<Response><Say language=\"zh-CN\">你好</Say></Response>"));
  }

  @Test
  void withoutLocaleOrLanguageTwilioChooses() throws Exception {
    answer(201, CREATED);

    channel().send(say("Hello", Optional.empty()));

    assertHelloCall();
  }

  @Test
  void messageWithoutTextFailsPermanentlyWithoutCalling() {
    ChannelException e = sendFails(Fixtures.message("d-2", "renewal", Map.of(), Optional.empty(), Optional.empty()));

    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("no-text-template");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void invalidNumberIsPermanent() throws InterruptedException {
    answer(400, "{\"code\":21211,\"message\":\"The 'To' number +8613800138000 is not a valid phone number.\","
        + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");

    ChannelException e = sendFails(say("Hello", Optional.empty()));

    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("21211");
    assertHelloCall();
  }

  @Test
  void optedOutRecipientIsReported() throws InterruptedException {
    answer(400, "{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\",\"status\":400}");

    ChannelException e = sendFails(say("Hello", Optional.empty()));

    assertThat(e.outcome()).isEqualTo(Outcome.RECIPIENT_OPTED_OUT);
    assertThat(e.providerCode()).isEqualTo("21610");
    assertHelloCall();
  }

  @Test
  void tooManyRequestsIsRetryable() throws InterruptedException {
    answer(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}");
    server.enqueue(new MockResponse().setResponseCode(429));

    ChannelException coded = sendFails(say("Hello", Optional.empty()));
    ChannelException bare = sendFails(say("Hello", Optional.empty()));

    assertThat(coded.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(coded.mayHaveBeenSent()).isFalse();
    assertThat(coded.providerCode()).isEqualTo("20429");
    assertThat(bare.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(bare.providerCode()).isEqualTo("http-429");
    assertHelloCall();
    assertHelloCall();
  }

  @Test
  void serverErrorLeavesTheOutcomeUnknown() throws InterruptedException {
    answer(500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}");

    ChannelException e = sendFails(say("Hello", Optional.empty()));

    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(e.providerCode()).isEqualTo("20500");
    assertHelloCall();
  }

  @Test
  void authenticationFailureIsPermanent() throws InterruptedException {
    answer(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");

    ChannelException e = sendFails(say("Hello", Optional.empty()));

    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("20003");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
    assertHelloCall();
  }

  @Test
  void createdWithoutSidLeavesTheOutcomeUnknown() throws InterruptedException {
    answer(201, "{\"status\":\"queued\"}");

    ChannelException e = sendFails(say("Hello", Optional.empty()));

    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(e.providerCode()).isEqualTo("missing-call-sid");
    assertHelloCall();
  }

  @Test
  void needsNoProviderVariables() {
    assertThat(channel().requiredVariables("any-template")).contains(Set.of());
  }

  @Test
  void toStringShowsNoSecret() {
    assertThat(channel().toString()).contains(SID).doesNotContain(TOKEN).doesNotContain("+15005550006");
  }

  private ChannelException sendFails(OutboundMessage message) {
    Channel channel = channel();
    ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel.send(message));
    assertThat(e).as("send must throw ChannelException").isNotNull();
    assertThat(e.getMessage()).doesNotContain(Fixtures.PHONE).doesNotContain(TOKEN);
    return e;
  }
}
