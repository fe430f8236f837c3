package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.TouchbaseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackRejectedExceptionTest {

  @Test
  void unverifiedIs401AndMalformedIs400() {
    CallbackRejectedException unverified = CallbackRejectedException.unverified("bad signature");
    CallbackRejectedException malformed = CallbackRejectedException.malformed("not JSON");
    assertThat(unverified).isInstanceOf(TouchbaseException.class).hasMessage("bad signature");
    assertThat(unverified.status()).isEqualTo(401);
    assertThat(malformed).hasMessage("not JSON");
    assertThat(malformed.status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 403, 499})
  void acceptsClientErrorStatuses(int status) {
    assertThat(new CallbackRejectedException(status, "why").status()).isEqualTo(status);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 399, 500, 0})
  void rejectsOtherStatuses(int status) {
    assertThatThrownBy(() -> new CallbackRejectedException(status, "why"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be a 4xx status, but was " + status);
  }
}
