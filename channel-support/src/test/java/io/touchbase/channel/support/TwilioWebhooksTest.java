package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.spi.channel.CallbackRejectedException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioWebhooksTest {
  private static final String TOKEN = "twilio-auth-token";
  private static final String URL = "https://shop.example/cb/phone?dispatchId=d-1";
  private static final String FORM = "CallSid=CA1&CallStatus=completed&To=%2B14155550100";
  private static final Map<String, List<String>> PARAMS =
      Map.of("CallSid", List.of("CA1"), "CallStatus", List.of("completed"), "To", List.of("+14155550100"));

  private static CallbackRequest post(String signature) {
    return CallbackRequest.builder("phone").method("POST").url(URL)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header(TwilioSignature.HEADER, signature)
        .body(FORM)
        .build();
  }

  private static CallbackRejectedException rejected(CallbackRequest request) {
    return catchThrowableOfType(CallbackRejectedException.class,
        () -> TwilioWebhooks.verifiedParams(TOKEN, request));
  }

  @Test
  void aSignedPostGivesItsForm() {
    Map<String, List<String>> params = TwilioWebhooks.verifiedParams(TOKEN, post(TwilioSignature.compute(TOKEN, URL,
        PARAMS)));

    assertThat(params).containsOnlyKeys("CallSid", "CallStatus", "To");
    assertThat(params.get("To")).containsExactly("+14155550100");
  }

  @Test
  void aSignedGetGivesItsQuery() {
    String url = "https://shop.example/cb/sms?MessageSid=SM1&MessageStatus=delivered&From=%2B15005550006";
    CallbackRequest get = CallbackRequest.builder("sms").method("GET").url(url)
        .header(TwilioSignature.HEADER, TwilioSignature.compute(TOKEN, url, Map.of()))
        .build();

    Map<String, List<String>> params = TwilioWebhooks.verifiedParams(TOKEN, get);

    assertThat(params).containsOnlyKeys("MessageSid", "MessageStatus", "From");
    assertThat(params.get("From")).containsExactly("+15005550006");
  }

  @Test
  void unsignedOrForgedRequestsAreRejectedUnread() {
    CallbackRequest unsigned = CallbackRequest.builder("phone").method("POST").url(URL)
        .header("Content-Type", "application/x-www-form-urlencoded").body(FORM).build();
    assertThat(rejected(unsigned).status()).isEqualTo(401);

    CallbackRejectedException forged = rejected(post(TwilioSignature.compute("another-token", URL, PARAMS)));
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.getMessage()).contains(TwilioSignature.HEADER).doesNotContain(TOKEN).doesNotContain("CA1");
  }

  @Test
  void aSignedRequestWhoseParametersCannotBeReadIsMalformed() {
    // Not a form, so the signature covers the URL only; the body then fails to read as one.
    CallbackRequest odd = CallbackRequest.builder("phone").method("POST").url(URL)
        .header("Content-Type", "text/plain")
        .header(TwilioSignature.HEADER, TwilioSignature.compute(TOKEN, URL, Map.of()))
        .body("CallSid=%G0")
        .build();

    CallbackRejectedException e = rejected(odd);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).doesNotContain("%G0");
  }

  @Test
  void theAnswerIsAnEmptyTwimlDocument() {
    assertThat(TwilioWebhooks.EMPTY_TWIML.status()).isEqualTo(200);
    assertThat(TwilioWebhooks.EMPTY_TWIML.contentType()).isEqualTo("text/xml");
    assertThat(TwilioWebhooks.EMPTY_TWIML.body()).isEqualTo("<Response/>");
  }
}
