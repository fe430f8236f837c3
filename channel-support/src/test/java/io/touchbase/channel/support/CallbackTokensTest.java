package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.spi.channel.CallbackRejectedException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackTokensTest {
  private static final String SECRET = "s3cret-callback-token";

  private static CallbackRequest at(String url) {
    return CallbackRequest.builder("sms").url(url).body("[]").build();
  }

  @Test
  void matchingTokenPasses() {
    assertThatCode(() -> CallbackTokens.require(at("https://shop.example/cb/sms?token=" + SECRET), Optional.of(SECRET)))
        .doesNotThrowAnyException();
    assertThatCode(() -> CallbackTokens.require(
            at("https://shop.example/cb/sms?type=report&token=s3cret%2Dcallback%2Dtoken"), Optional.of(SECRET)))
        .as("the token is URL-decoded").doesNotThrowAnyException();
  }

  @Test
  void wrongTokenIsRejectedWithoutShowingEither() {
    CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class,
        () -> CallbackTokens.require(at("https://shop.example/cb?token=guessed-value"), Optional.of(SECRET)));
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).contains("does not match").doesNotContain(SECRET).doesNotContain("guessed-value");
  }

  @Test
  void missingTokenIsRejected() {
    CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class,
        () -> CallbackTokens.require(at("https://shop.example/cb?tokens=" + SECRET), Optional.of(SECRET)));
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).contains("no 'token'").doesNotContain(SECRET);
  }

  @Test
  void repeatedTokenIsRejected() {
    CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class,
        () -> CallbackTokens.require(at("https://shop.example/cb?token=x&token=" + SECRET), Optional.of(SECRET)));
    assertThat(e.getMessage()).contains("more than one");
  }

  @Test
  void withoutConfiguredTokenEveryCallbackIsRejected() {
    CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class,
        () -> CallbackTokens.require(at("https://shop.example/cb?token=anything"), Optional.empty()));
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).contains("no callbackToken configured").doesNotContain("anything");
    assertThat(catchThrowableOfType(CallbackRejectedException.class,
        () -> CallbackTokens.require(at("https://shop.example/cb?token="), Optional.of(" "))))
        .hasMessageContaining("no callbackToken configured");
  }

  @Test
  void malformedUrlIsRejected() {
    assertThat(catchThrowableOfType(CallbackRejectedException.class,
        () -> CallbackTokens.require(at("https://shop.example/cb?token=%zz"), Optional.of(SECRET))))
        .hasMessageContaining("malformed");
  }
}
