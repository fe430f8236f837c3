package io.touchbase.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.spi.channel.SharedTokens.IssuedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemorySharedTokensTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemorySharedTokens tokens = new InMemorySharedTokens(clock);
  private final AtomicInteger issued = new AtomicInteger();

  private IssuedToken next() {
    return new IssuedToken("token-" + issued.incrementAndGet(), clock.instant().plus(Duration.ofHours(2)));
  }

  @Test
  void aValidTokenIsReusedAndRefetchedOneMinuteBeforeItExpires() {
    assertThat(tokens.token("wechat:wx1", this::next)).isEqualTo("token-1");
    clock.advance(Duration.ofMinutes(118));
    assertThat(tokens.token("wechat:wx1", this::next)).isEqualTo("token-1");
    clock.advance(Duration.ofMinutes(1));
    assertThat(tokens.token("wechat:wx1", this::next)).isEqualTo("token-2");
    assertThat(tokens.fetches()).isEqualTo(2);
  }

  @Test
  void replacingTheSameRejectedTokenTwiceFetchesOnce() {
    String first = tokens.token("k", this::next);
    assertThat(tokens.replace("k", first, this::next)).isEqualTo("token-2");
    assertThat(tokens.replace("k", first, this::next)).isEqualTo("token-2");
    assertThat(tokens.replace("k", "token-2", this::next)).isEqualTo("token-3");
    assertThat(tokens.fetches()).isEqualTo(3);
  }
}
