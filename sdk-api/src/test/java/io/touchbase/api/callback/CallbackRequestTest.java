package io.touchbase.api.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackRequestTest {
  private static final String URL = "https://host.example/touchbase/callbacks/sms?token=abc";
  private static final String SIGNATURE = "sig-5f2b9c0e7d";
  private static final String BODY =
      "[{\"phone_number\":\"+8613800138000\",\"email\":\"jane.doe@example.com\"}]";

  private static CallbackRequest request() {
    return CallbackRequest.builder("sms")
        .method("post")
        .url(URL)
        .header("Content-Type", "application/json")
        .header("X-Signature", SIGNATURE)
        .header("X-Multi", "first")
        .header("X-Multi", "second")
        .body(BODY)
        .build();
  }

  @Test
  void builderKeepsTheRequestAndUpperCasesTheMethod() {
    CallbackRequest r = request();
    assertThat(r.channel()).isEqualTo("sms");
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.url()).isEqualTo(URL);
    assertThat(r.headers()).containsOnlyKeys("Content-Type", "X-Signature", "X-Multi");
    assertThat(r.headers().get("X-Multi")).containsExactly("first", "second");
    assertThat(r.bodyText()).isEqualTo(BODY);
  }

  @Test
  void methodDefaultsToPostAndBodyToEmpty() {
    CallbackRequest r = CallbackRequest.builder("sms").url(URL).build();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.body()).isEmpty();
    assertThat(r.bodyText()).isEmpty();
  }

  @Test
  void headerMatchesNamesCaseInsensitively() {
    CallbackRequest r = request();
    assertThat(r.header("content-type")).contains("application/json");
    assertThat(r.header("X-SIGNATURE")).contains(SIGNATURE);
    assertThat(r.header("x-multi")).contains("first");
    assertThat(r.header("X-Missing")).isEmpty();
  }

  @Test
  void headerWithNoValuesIsAbsent() {
    CallbackRequest r =
        new CallbackRequest("sms", "POST", URL, Map.of("X-Empty", List.of()), new byte[0]);
    assertThat(r.header("x-empty")).isEmpty();
  }

  @Test
  void bodyIsCopiedInAndOut() {
    byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
    CallbackRequest r = new CallbackRequest("sms", "POST", URL, Map.of(), body);
    body[0] = 'J';
    assertThat(r.bodyText()).isEqualTo("hello");

    byte[] out = r.body();
    out[0] = 'J';
    assertThat(r.body()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    assertThat(r.body()).isNotSameAs(r.body());
  }

  @Test
  void builderBodyIsCopiedAtBuild() {
    byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
    CallbackRequest r = CallbackRequest.builder("sms").url(URL).body(body).build();
    body[0] = 'J';
    assertThat(r.bodyText()).isEqualTo("hello");
  }

  @Test
  void bodyTextDecodesUtf8() {
    CallbackRequest r = CallbackRequest.builder("sms").url(URL).body("回复 TD 退订").build();
    assertThat(r.bodyText()).isEqualTo("回复 TD 退订");
    assertThat(r.body()).isEqualTo("回复 TD 退订".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void headersAreUnmodifiableCopies() {
    List<String> values = new ArrayList<>(List.of("a"));
    Map<String, List<String>> headers = new HashMap<>(Map.of("X-A", values));
    CallbackRequest r = new CallbackRequest("sms", "POST", URL, headers, new byte[0]);
    values.add("b");
    headers.put("X-B", List.of("c"));
    assertThat(r.headers()).containsOnlyKeys("X-A");
    assertThat(r.headers().get("X-A")).containsExactly("a");
    assertThatThrownBy(() -> r.headers().put("X-C", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.headers().get("X-A").add("z"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void equalsComparesBodyContent() {
    CallbackRequest a = request();
    CallbackRequest b = request();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(CallbackRequest.builder("sms").method("post").url(URL)
        .header("Content-Type", "application/json").header("X-Signature", SIGNATURE)
        .header("X-Multi", "first").header("X-Multi", "second").body(BODY + " ").build());
    assertThat(a).isNotEqualTo(CallbackRequest.builder("sms").method("post").url(URL)
        .header("Content-Type", "application/json").header("X-Signature", "other")
        .header("X-Multi", "first").header("X-Multi", "second").body(BODY).build());
    assertThat(a).isNotEqualTo(CallbackRequest.builder("email").method("post").url(URL)
        .header("Content-Type", "application/json").header("X-Signature", SIGNATURE)
        .header("X-Multi", "first").header("X-Multi", "second").body(BODY).build());
    assertThat(a).isNotEqualTo(null).isNotEqualTo("CallbackRequest");
  }

  @Test
  void toStringShowsNoHeaderValuesNoBodyAndNoUrl() {
    String s = request().toString();
    assertThat(s)
        .contains("channel=sms")
        .contains("method=POST")
        .contains("X-Signature")
        .contains("bodyBytes=" + BODY.getBytes(StandardCharsets.UTF_8).length)
        .doesNotContain(SIGNATURE)
        .doesNotContain("+8613800138000")
        .doesNotContain("13800138000")
        .doesNotContain("jane.doe@example.com")
        .doesNotContain("token=abc");
  }

  @Test
  void componentsAreValidated() {
    Map<String, List<String>> h = Map.of();
    byte[] b = new byte[0];
    assertThatThrownBy(() -> new CallbackRequest(null, "POST", URL, h, b))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("callback.channel must not be null");
    assertThatThrownBy(() -> new CallbackRequest("sms channel", "POST", URL, h, b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("callback.channel must start with a letter or digit");
    assertThatThrownBy(() -> new CallbackRequest("sms", " ", URL, h, b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("callback.method must not be blank");
    assertThatThrownBy(() -> new CallbackRequest("sms", "POST", null, h, b))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("callback.url must not be null");
    assertThatThrownBy(() -> new CallbackRequest("sms", "POST", "", h, b))
        .hasMessage("callback.url must not be blank");
    assertThatThrownBy(() -> new CallbackRequest("sms", "POST", URL, null, b))
        .hasMessage("callback.headers must not be null");
    assertThatThrownBy(() -> new CallbackRequest("sms", "POST", URL, h, null))
        .hasMessage("callback.body must not be null");
    assertThatThrownBy(() -> CallbackRequest.builder("sms").build())
        .hasMessage("callback.url must not be null");
  }

  @Test
  void builderValidatesHeadersAndBody() {
    CallbackRequest.Builder b = CallbackRequest.builder("sms");
    assertThatThrownBy(() -> b.header(" ", "v")).hasMessage("header name must not be blank");
    assertThatThrownBy(() -> b.header("X-A", null)).hasMessage("header value must not be null");
    assertThatThrownBy(() -> b.body((byte[]) null)).hasMessage("body must not be null");
    assertThatThrownBy(() -> b.body((String) null)).hasMessage("body must not be null");
  }
}
