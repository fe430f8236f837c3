package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.callback.CallbackRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The three verified Twilio vectors of providers.md §6.3, and the checks around them. */
class TwilioSignatureTest {
  private static final String TOKEN = "12345";
  private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

  private static Map<String, List<String>> params(String caller) {
    Map<String, List<String>> p = new TreeMap<>();
    p.put("CallSid", List.of("CA1234567890ABCDE"));
    p.put("Caller", List.of(caller));
    p.put("Digits", List.of("1234"));
    p.put("From", List.of(caller));
    p.put("To", List.of("+18005551212"));
    return p;
  }

  private static String form(String caller) {
    return "To=%2B18005551212&From=" + caller.replace("+", "%2B") + "&Digits=1234&CallSid=CA1234567890ABCDE&Caller="
        + caller.replace("+", "%2B");
  }

  @Test
  void docsVector() {
    assertThat(TwilioSignature.compute(TOKEN, URL, params("+12349013030")))
        .isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  }

  @Test
  void sdkVectorsWithAndWithoutPort() {
    assertThat(TwilioSignature.compute(TOKEN, URL, params("+14158675309")))
        .isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
    assertThat(TwilioSignature.compute(TOKEN, withPort, params("+14158675309")))
        .isEqualTo("kvajT1Ptam85bY51eRf/AJRuM3w=");
  }

  @Test
  void jsonBodyVector() {
    String url = URL + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    assertThat(Crypto.sha256Hex("{\"property\": \"value\", \"boolean\": true}"))
        .isEqualTo("0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620");
    assertThat(TwilioSignature.compute(TOKEN, url, Map.of())).isEqualTo("a9nBmqA0ju/hNViExpshrM61xv4=");
  }

  private static CallbackRequest.Builder post(String url, String signature, String body) {
    CallbackRequest.Builder b = CallbackRequest.builder("sms").method("POST").url(url)
        .header("Content-Type", "application/x-www-form-urlencoded").body(body);
    if (signature != null) {
      b.header("X-Twilio-Signature", signature);
    }
    return b;
  }

  @Test
  void validFormPost() {
    assertThat(TwilioSignature.isValid(TOKEN, post(URL, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", form("+12349013030")).build()))
        .isTrue();
  }

  @Test
  void validWhenTwilioSignedWithThePortAndWeSeeNone() {
    assertThat(TwilioSignature.isValid(TOKEN, post(URL, "kvajT1Ptam85bY51eRf/AJRuM3w=", form("+14158675309")).build()))
        .isTrue();
  }

  @Test
  void validWhenTwilioSignedWithoutThePortAndWeSeeIt() {
    String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
    assertThat(TwilioSignature.isValid(TOKEN, post(withPort, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", form("+14158675309"))
        .build())).isTrue();
  }

  @Test
  void invalidWhenAParameterWasChanged() {
    String forged = form("+12349013030").replace("Digits=1234", "Digits=9999");
    assertThat(TwilioSignature.isValid(TOKEN, post(URL, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", forged).build())).isFalse();
  }

  @Test
  void invalidWithAnotherToken() {
    assertThat(TwilioSignature.isValid("54321", post(URL, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", form("+12349013030"))
        .build())).isFalse();
  }

  @Test
  void invalidWithoutTheHeader() {
    assertThat(TwilioSignature.isValid(TOKEN, post(URL, null, form("+12349013030")).build())).isFalse();
  }

  @Test
  void getSignsTheUrlOnly() {
    String signature = TwilioSignature.compute(TOKEN, URL, Map.of());
    CallbackRequest get = CallbackRequest.builder("sms").method("GET").url(URL)
        .header("X-Twilio-Signature", signature).build();
    assertThat(TwilioSignature.isValid(TOKEN, get)).isTrue();
    CallbackRequest otherUrl = CallbackRequest.builder("sms").method("GET").url(URL + "&x=1")
        .header("X-Twilio-Signature", signature).build();
    assertThat(TwilioSignature.isValid(TOKEN, otherUrl)).isFalse();
  }

  @Test
  void jsonBodyIsCheckedAgainstItsHash() {
    String url = URL + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    CallbackRequest.Builder json = CallbackRequest.builder("sms").method("POST").url(url)
        .header("Content-Type", "application/json").header("X-Twilio-Signature", "a9nBmqA0ju/hNViExpshrM61xv4=");
    assertThat(TwilioSignature.isValid(TOKEN, json.body("{\"property\": \"value\", \"boolean\": true}").build()))
        .isTrue();
    assertThat(TwilioSignature.isValid(TOKEN, json.body("{\"property\": \"forged\", \"boolean\": true}").build()))
        .isFalse();
  }

  @Test
  void repeatedParametersContributeEveryValueSorted() {
    Map<String, List<String>> p = Map.of("A", List.of("2", "1"));
    assertThat(TwilioSignature.compute(TOKEN, URL, p))
        .isEqualTo(TwilioSignature.compute(TOKEN, URL + "A1A2", Map.of()));
  }
}
