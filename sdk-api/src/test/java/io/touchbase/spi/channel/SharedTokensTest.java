package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SharedTokensTest {

  @Test
  void anIssuedTokenHidesItsValue() {
    var token = new SharedTokens.IssuedToken("ACCESS_TOKEN_VALUE", Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(token.toString()).doesNotContain("ACCESS_TOKEN_VALUE").contains("chars=18");
  }

  @Test
  void anIssuedTokenNeedsAValueAndAnExpiry() {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> new SharedTokens.IssuedToken(" ", at)).hasMessageContaining("token.value");
    assertThatThrownBy(() -> new SharedTokens.IssuedToken("x".repeat(2049), at))
        .hasMessage("token.value must be at most 2048 characters, but was 2049");
    assertThatThrownBy(() -> new SharedTokens.IssuedToken("t", null)).hasMessageContaining("token.expiresAt");
  }
}
