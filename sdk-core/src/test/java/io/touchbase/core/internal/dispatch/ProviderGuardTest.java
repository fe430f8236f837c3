package io.touchbase.core.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ConfigurationException;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelSettings;
import io.touchbase.spi.channel.ProviderLimits;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProviderGuardTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T02:00:00Z"));
  private final AtomicInteger calls = new AtomicInteger();

  private ProviderGuard guard(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of("resilience.retryBackoff", "PT0.001S", "resilience.permitWait", "0"));
    all.putAll(settings);
    return new ProviderGuard("sms/test", GuardSettings.from(ProviderLimits.DEFAULT, ChannelSettings.of(all), "test"), clock);
  }

  private SendResult failWith(ChannelException e) {
    calls.incrementAndGet();
    throw e;
  }

  @Test
  void answeredRetryableErrorIsRetriedUpToTheAttempts() {
    ProviderGuard g = guard(Map.of("resilience.retryAttempts", "3"));
    assertThatThrownBy(() -> g.call(() -> failWith(ChannelException.retryable("Throttling", "slow down"))))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.providerCode()).isEqualTo("Throttling"));
    assertThat(calls).hasValue(3);
  }

  @Test
  void retrySucceedsOnSecondCall() {
    ProviderGuard g = guard(Map.of());
    SendResult r = g.call(() -> {
      if (calls.incrementAndGet() == 1) {
        throw ChannelException.retryable("isp.SYSTEM_ERROR", "busy");
      }
      return SendResult.of("ok");
    });
    assertThat(r.providerMessageId()).isEqualTo("ok");
    assertThat(calls).hasValue(2);
  }

  @Test
  void sendThatMayHaveGoneThroughIsNeverRepeated() {
    ProviderGuard g = guard(Map.of("resilience.retryAttempts", "5"));
    assertThatThrownBy(() -> g.call(() -> failWith(ChannelException.outcomeUnknown("timeout", "read timed out", null))))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.mayHaveBeenSent()).isTrue());
    assertThat(calls).hasValue(1);
  }

  @Test
  void permanentErrorsAreNotRetriedAndDoNotOpenTheBreaker() {
    ProviderGuard g = guard(Map.of("resilience.breakerMinimumCalls", "2"));
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> g.call(() -> failWith(ChannelException.permanent("isv.MOBILE_NUMBER_ILLEGAL", "bad"))))
          .isInstanceOf(ChannelException.class);
    }
    assertThat(calls).hasValue(5);
    assertThat(g.breakerState()).isEqualTo("CLOSED");
  }

  @Test
  void breakerOpensAfterFailuresAndLetsCallsThroughAfterItsWaitOnTheEngineClock() {
    ProviderGuard g = guard(Map.of("resilience.retryAttempts", "1", "resilience.breakerMinimumCalls", "2",
        "resilience.breakerOpenFor", "PT30S"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> g.call(() -> failWith(ChannelException.retryable("isp.SYSTEM_ERROR", "down"))))
          .isInstanceOf(ChannelException.class);
    }
    assertThat(g.breakerState()).isEqualTo("OPEN");
    assertThatThrownBy(() -> g.call(() -> SendResult.of("never")))
        .isInstanceOfSatisfying(ChannelException.class, e -> {
          assertThat(e.providerCode()).isEqualTo(ProviderGuard.CIRCUIT_OPEN);
          assertThat(e.retryable()).isTrue();
          assertThat(e.mayHaveBeenSent()).isFalse();
        });
    clock.advance(Duration.ofSeconds(31));
    assertThat(g.call(() -> SendResult.of("back")).providerMessageId()).isEqualTo("back");
    assertThat(g.breakerState()).isEqualTo("HALF_OPEN");
  }

  @Test
  void refusalsAreTheGuardsOwnAndSayWhenToTryAgain() {
    ProviderGuard g = guard(Map.of("resilience.breakerOpenFor", "PT30S", "resilience.permitWait", "PT0.2S"));
    assertThat(ProviderGuard.refusedCall(ProviderGuard.CIRCUIT_OPEN)).isTrue();
    assertThat(ProviderGuard.refusedCall(ProviderGuard.RATE_LIMITED)).isTrue();
    assertThat(ProviderGuard.refusedCall(ProviderGuard.BULKHEAD_FULL)).isTrue();
    assertThat(ProviderGuard.refusedCall("isp.SYSTEM_ERROR")).isFalse();
    Instant now = clock.instant();
    assertThat(g.retryAfterRefusal(ProviderGuard.CIRCUIT_OPEN)).as("when the breaker lets calls through")
        .isEqualTo(now.plusSeconds(30));
    assertThat(g.retryAfterRefusal(ProviderGuard.RATE_LIMITED)).as("a second at least").isEqualTo(now.plusSeconds(1));
    ProviderGuard patient = guard(Map.of("resilience.permitWait", "PT5S"));
    assertThat(patient.retryAfterRefusal(ProviderGuard.BULKHEAD_FULL)).as("the permit wait when longer")
        .isEqualTo(now.plusSeconds(5));
  }

  @Test
  void rateLimiterRefusesBeyondTheRate() {
    // One permit per 100 s: the second call in a row cannot get one.
    ProviderGuard g = guard(Map.of("resilience.permitsPerSecond", "0.01"));
    assertThat(g.call(() -> SendResult.of("first")).providerMessageId()).isEqualTo("first");
    assertThatThrownBy(() -> g.call(() -> SendResult.of("second")))
        .isInstanceOfSatisfying(ChannelException.class,
            e -> assertThat(e.providerCode()).isEqualTo(ProviderGuard.RATE_LIMITED));
  }

  @Test
  void bulkheadRefusesBeyondTheConcurrentCalls() throws Exception {
    ProviderGuard g = guard(Map.of("resilience.maxConcurrentCalls", "1"));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> g.call(() -> {
      inside.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return SendResult.of("held");
    }));
    holder.start();
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    try {
      assertThatThrownBy(() -> g.call(() -> SendResult.of("second")))
          .isInstanceOfSatisfying(ChannelException.class,
              e -> assertThat(e.providerCode()).isEqualTo(ProviderGuard.BULKHEAD_FULL));
    } finally {
      release.countDown();
      holder.join();
    }
  }

  @Test
  void settingsOverrideTheDocumentedLimitsAndBadOnesAreNamed() {
    GuardSettings s = GuardSettings.from(new ProviderLimits(5000, 64, Duration.ofSeconds(10)),
        ChannelSettings.of(Map.of("resilience.permitsPerSecond", "20", "resilience.callTimeout", "PT3S")),
        "Channel 'sms'");
    assertThat(s.limits().permitsPerSecond()).isEqualTo(20);
    assertThat(s.limits().callTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.limits().maxConcurrentCalls()).isEqualTo(64);
    assertThatThrownBy(() -> GuardSettings.from(ProviderLimits.DEFAULT,
        ChannelSettings.of(Map.of("resilience.breakerFailureRate", "0")), "Channel 'sms'"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Channel 'sms': setting 'resilience.breakerFailureRate' must be between 1 and 100, but was 0");
  }
}
