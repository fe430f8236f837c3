package io.touchbase.channel.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.testkit.fuzz.FuzzInputs;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the one-click unsubscribe handler (token check, method, content types, both body
 * parsers) and the token check alone. Seeds carry a right token, so that the body parsers are
 * reached. A token is accepted only in its one canonical form; a request either yields the
 * documented result or a {@link CallbackRejectedException} of 400, 401 or 405.
 */
class OneClickFuzzTest {
  private static final UnsubscribeTokens TOKENS = EmailTests.tokens();
  private static final CallbackHandler HANDLER = new SmtpProvider()
      .create(EmailTests.context(EmailTests.settings(2525), EmailTests.secrets()))
      .callbackHandler().orElseThrow();

  @FuzzTest(maxDuration = "60s")
  void oneClick(byte[] data) {
    CallbackRequest request = FuzzInputs.request("email", data);
    try {
      CallbackResult result = HANDLER.handle(request);
      String path = java.net.URI.create(request.url()).getRawPath();
      Optional<io.touchbase.spi.channel.DispatchId> dispatch = TOKENS.verify(path.substring(path.lastIndexOf('/') + 1));
      assertThat(dispatch).as("a handled request has a right token").isPresent();
      if (request.method().equals("POST")) {
        assertThat(result.events()).singleElement().isInstanceOfSatisfying(ChannelEvent.DispatchOptOut.class,
            e -> assertThat(e.dispatchId()).isEqualTo(dispatch.get()));
        assertThat(result.response().body()).isEmpty();
      } else {
        assertThat(request.method()).isIn("GET", "HEAD");
        assertThat(result.events()).isEmpty();
      }
    } catch (CallbackRejectedException e) {
      assertThat(e.status()).isIn(400, 401, 405);
      FuzzInputs.assertNoDigitRunOfInput(FuzzInputs.text(data), e);
      assertThat(e.getMessage()).doesNotContain("@");
    }
    FuzzInputs.assertNoPiiLogged();
  }

  @FuzzTest(maxDuration = "60s")
  void token(byte[] data) {
    String token = FuzzInputs.text(data);
    TOKENS.verify(token).ifPresent(id -> assertThat(TOKENS.tokenFor(id)).isEqualTo(token));
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "oneClick", 2000, this::oneClick);
    FuzzInputs.boundedRun(getClass(), "token", 1000, this::token);
  }

  @Test
  void theSeedsReachEveryOutcome() {
    Map<String, Integer> expected = Map.of("post-urlencoded", 200, "post-multipart", 200, "post-multipart-lf", 200,
        "get", 200, "forged", 401, "wrong-body", 400, "put", 405);
    expected.forEach((seed, status) -> {
      byte[] data = FuzzInputs.seeds(getClass(), "oneClick").stream().filter(s -> FuzzInputs.text(s).equals(
          read(seed))).findFirst().orElseThrow();
      int actual;
      try {
        actual = HANDLER.handle(FuzzInputs.request("email", data)).response().status();
      } catch (CallbackRejectedException e) {
        actual = e.status();
      }
      assertThat(actual).as(seed).isEqualTo(status);
    });
  }

  private static String read(String seed) {
    try (var in = OneClickFuzzTest.class.getResourceAsStream("OneClickFuzzTestInputs/oneClick/" + seed)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
