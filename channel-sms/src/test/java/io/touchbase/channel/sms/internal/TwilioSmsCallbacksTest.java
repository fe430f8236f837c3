package io.touchbase.channel.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.contact.Address;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.channel.support.TwilioSignature;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

class TwilioSmsCallbacksTest {
  private static final String TOKEN = "twilio-token-0001";
  private static final String URL = "https://shop.example/touchbase/callbacks/sms";

  private static CallbackHandler handler() {
    return new TwilioSmsProvider().create(SmsTests.context("twilio-sms",
            Map.of("accountSid", "AC0123456789", "from", "+15005550006"), Map.of("authToken", TOKEN),
            SmsTests.CLOCK, SmsTests.CLIENT))
        .callbackHandler().orElseThrow();
  }

  private static Map<String, String> params(String... pairs) {
    Map<String, String> p = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      p.put(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  private static CallbackRequest signed(Map<String, String> params, String token) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    StringJoiner body = new StringJoiner("&");
    params.forEach((k, v) -> {
      multi.put(k, List.of(v));
      body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    return CallbackRequest.builder("sms").method("POST").url(URL)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", TwilioSignature.compute(token, URL, multi))
        .body(body.toString()).build();
  }

  private static CallbackResult handle(Map<String, String> params) {
    return handler().handle(signed(params, TOKEN));
  }

  private static Map<String, String> status(String status, String... more) {
    Map<String, String> p = params("MessageSid", "SM123", "MessageStatus", status, "AccountSid", "AC0123456789",
        "From", "+15005550006", "To", "+14155550100", "ApiVersion", "2010-04-01");
    p.putAll(params(more));
    return p;
  }

  @Test
  void deliveredFailedAndRead() {
    CallbackResult delivered = handle(status("delivered"));
    assertThat(delivered.response().status()).isEqualTo(200);
    assertThat(delivered.response().contentType()).isEqualTo("text/xml");
    assertThat(delivered.response().body()).isEqualTo("<Response/>");
    assertThat(delivered.events()).containsExactly(new ChannelEvent.StatusReport(Optional.empty(),
        Optional.of("SM123"), TouchpointKind.DELIVERED, SmsTests.NOW, Optional.empty(), Map.of()));

    assertThat(handle(status("undelivered", "ErrorCode", "30003")).events()).containsExactly(
        new ChannelEvent.StatusReport(Optional.empty(), Optional.of("SM123"), TouchpointKind.FAILED, SmsTests.NOW,
            Optional.of("30003"), Map.of("errorCode", "30003")));
    assertThat(((ChannelEvent.StatusReport) handle(status("failed")).events().get(0)).reason()).contains("failed");
    assertThat(((ChannelEvent.StatusReport) handle(status("read")).events().get(0)).kind())
        .isEqualTo(TouchpointKind.OPENED);
  }

  @Test
  void intermediateStatusesRecordNothing() {
    for (String s : new String[] {"queued", "accepted", "sending", "sent"}) {
      CallbackResult result = handle(status(s));
      assertThat(result.events()).as(s).isEmpty();
      assertThat(result.response().body()).isEqualTo("<Response/>");
    }
  }

  @Test
  void legacySmsStatusIsRead() {
    CallbackResult result = handle(params("SmsSid", "SM9", "SmsStatus", "delivered"));
    assertThat(((ChannelEvent.StatusReport) result.events().get(0)).providerMessageId()).contains("SM9");
  }

  @Test
  void incomingMessageIsAnInboundReply() {
    CallbackResult result = handle(params("MessageSid", "SM777", "SmsSid", "SM777", "AccountSid", "AC0123456789",
        "From", "+14155550100", "To", "+15005550006", "Body", "Yes, renew me", "NumMedia", "0",
        "SmsStatus", "received", "ApiVersion", "2010-04-01"));
    assertThat(result.events()).containsExactly(new ChannelEvent.InboundReply(
        Address.phone("+14155550100"), "Yes, renew me", SmsTests.NOW, Optional.of("SM777")));
    assertThat(result.response().body()).isEqualTo("<Response/>");
  }

  @Test
  void incomingMessageFromANonPhoneSenderIsIgnored() {
    assertThat(handle(params("MessageSid", "SM8", "From", "whatsapp:+14155550100", "Body", "hi",
        "SmsStatus", "received")).events()).isEmpty();
  }

  @Test
  void forgedOrUnsignedRequestsAreRejectedUnparsed() {
    CallbackRejectedException forged = catchThrowableOfType(CallbackRejectedException.class,
        () -> handler().handle(signed(status("delivered"), "another-token")));
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.getMessage()).doesNotContain(TOKEN);

    CallbackRequest valid = signed(status("delivered"), TOKEN);
    CallbackRequest tampered = CallbackRequest.builder("sms").method("POST").url(URL)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", valid.header("X-Twilio-Signature").orElseThrow())
        .body(valid.bodyText().replace("delivered", "undelivered")).build();
    assertThat(catchThrowableOfType(CallbackRejectedException.class, () -> handler().handle(tampered)).status())
        .isEqualTo(401);

    CallbackRequest unsigned = CallbackRequest.builder("sms").method("POST").url(URL)
        .header("Content-Type", "application/x-www-form-urlencoded").body(valid.bodyText()).build();
    assertThat(catchThrowableOfType(CallbackRejectedException.class, () -> handler().handle(unsigned)).status())
        .isEqualTo(401);
  }

  @Test
  void signedButMalformedIsRejected() {
    CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class,
        () -> handle(params("MessageStatus", "delivered")));
    assertThat(e.status()).isEqualTo(400);
  }
}
