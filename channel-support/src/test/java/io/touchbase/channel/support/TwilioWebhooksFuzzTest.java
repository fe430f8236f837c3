package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.testkit.fuzz.FuzzInputs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the Twilio signature check and webhook reading, with the request's own signature header
 * ({@code raw}) and with a signature computed for the fuzzed URL and form ({@code signed}), so
 * that the parameter reading behind the check is reached.
 */
class TwilioWebhooksFuzzTest {
  private static final String TOKEN = "twilio-token-0001";

  @FuzzTest(maxDuration = "60s")
  void raw(byte[] data) {
    verify(FuzzInputs.request("sms", data), FuzzInputs.text(data));
  }

  @FuzzTest(maxDuration = "60s")
  void signed(byte[] data) {
    CallbackRequest request = FuzzInputs.request("sms", data);
    Map<String, List<String>> form;
    try {
      form = request.method().equals("POST") ? Forms.parse(request.bodyText()) : Map.of();
    } catch (IllegalArgumentException e) {
      form = Map.of();
    }
    String signature = TwilioSignature.compute(TOKEN, request.url(), form);
    CallbackRequest signedRequest = CallbackRequest.builder("sms").method(request.method()).url(request.url())
        .header("Content-Type", request.header("Content-Type").orElse("application/x-www-form-urlencoded"))
        .header(TwilioSignature.HEADER, signature).body(request.body()).build();
    verify(signedRequest, FuzzInputs.text(data));
  }

  private static void verify(CallbackRequest request, String input) {
    boolean valid = TwilioSignature.isValid(TOKEN, request);
    try {
      Map<String, List<String>> params = TwilioWebhooks.verifiedParams(TOKEN, request);
      assertThat(valid).as("parameters handed out only for a valid signature").isTrue();
      assertThat(params).isNotNull();
    } catch (CallbackRejectedException e) {
      assertThat(e.status()).isIn(400, 401);
      assertThat(e.status() == 401).isEqualTo(!valid);
      FuzzInputs.assertNoDigitRunOfInput(input, e);
    }
    FuzzInputs.assertNoPiiLogged();
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "raw", 500, this::raw);
    FuzzInputs.boundedRun(getClass(), "signed", 500, this::signed);
  }
}
