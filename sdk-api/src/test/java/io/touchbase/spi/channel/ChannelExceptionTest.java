package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.TouchbaseException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChannelExceptionTest {
  private static final Instant RETRY_AT = Instant.parse("2025-03-02T00:00:00Z");

  @Test
  void retryableKeepsCodeMessageAndCause() {
    IOException cause = new IOException("timeout");
    ChannelException e = ChannelException.retryable("TIMEOUT", "provider timed out", cause);
    assertThat(e).isInstanceOf(TouchbaseException.class).hasMessage("provider timed out").hasCause(cause);
    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.retryable()).isTrue();
    assertThat(e.providerCode()).isEqualTo("TIMEOUT");
    assertThat(e.retryAt()).isEmpty();
    assertThat(ChannelException.retryable("HTTP_503", "unavailable").getCause()).isNull();
  }

  @Test
  void onlyRetryIsRetryable() {
    assertThat(ChannelException.permanent("isv.MOBILE_NUMBER_ILLEGAL", "bad number").retryable()).isFalse();
    assertThat(ChannelException.deferUntil("isv.BUSINESS_LIMIT_CONTROL", "limit", RETRY_AT).retryable())
        .isFalse();
    assertThat(ChannelException.recipientOptedOut("BLACKLIST", "opted out").retryable()).isFalse();
  }

  @Test
  void factoriesSetTheOutcome() {
    assertThat(ChannelException.permanent("c", "m").outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(ChannelException.recipientOptedOut("c", "m").outcome())
        .isEqualTo(Outcome.RECIPIENT_OPTED_OUT);
    ChannelException deferred = ChannelException.deferUntil("c", "m", RETRY_AT);
    assertThat(deferred.outcome()).isEqualTo(Outcome.DEFER);
    assertThat(deferred.retryAt()).contains(RETRY_AT);
  }

  @Test
  void deferNeedsARetryTime() {
    assertThatThrownBy(() -> new ChannelException(Outcome.DEFER, "LIMIT", "daily limit"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retryAt is required when outcome is DEFER");
    assertThatThrownBy(() -> new ChannelException(Outcome.DEFER, "LIMIT", "daily limit", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retryAt is required when outcome is DEFER");
    assertThatThrownBy(() -> ChannelException.deferUntil("LIMIT", "daily limit", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("retryAt");
  }

  @Test
  void outcomeAndProviderCodeAreRequired() {
    assertThatThrownBy(() -> new ChannelException(null, "c", "m"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("outcome");
    assertThatThrownBy(() -> ChannelException.permanent(null, "m"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("providerCode");
  }
}
