package io.touchbase.api.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackResponseTest {

  @Test
  void okIs200() {
    CallbackResponse r = CallbackResponse.ok("application/json", "{\"code\":0}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("application/json");
    assertThat(r.body()).isEqualTo("{\"code\":0}");
  }

  @Test
  void textIsPlainUtf8() {
    CallbackResponse r = CallbackResponse.text(401, "");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.contentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.body()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 204, 599})
  void acceptsHttpStatuses(int status) {
    assertThat(CallbackResponse.text(status, "x").status()).isEqualTo(status);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 99, 600, 1000})
  void rejectsNonHttpStatuses(int status) {
    assertThatThrownBy(() -> CallbackResponse.text(status, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be an HTTP status, but was " + status);
  }

  @Test
  void contentTypeAndBodyAreRequired() {
    assertThatThrownBy(() -> new CallbackResponse(200, " ", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contentType must not be blank");
    assertThatThrownBy(() -> new CallbackResponse(200, null, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("contentType must not be null");
    assertThatThrownBy(() -> CallbackResponse.ok("text/plain", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("body must not be null");
  }
}
