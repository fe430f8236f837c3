package io.touchbase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  private static final Instant START = Instant.parse("2026-03-02T02:00:00Z");
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  @DisplayName("stands still at the given instant, in UTC unless a zone is given")
  void standsStill() {
    MutableClock utc = MutableClock.at(START);
    assertThat(utc.instant()).isEqualTo(START);
    assertThat(utc.millis()).isEqualTo(START.toEpochMilli());
    assertThat(utc.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(MutableClock.at(START, SHANGHAI).getZone()).isEqualTo(SHANGHAI);
  }

  @Test
  @DisplayName("advance moves forward; zero is allowed")
  void advances() {
    MutableClock clock = MutableClock.at(START);
    clock.advance(Duration.ofDays(2)).advance(Duration.ZERO);
    assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofDays(2)));
  }

  @Test
  @DisplayName("advance rejects a negative duration and says what it was")
  void advanceRejectsNegative() {
    MutableClock clock = MutableClock.at(START);
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duration must not be negative, but was PT-1S");
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  @DisplayName("set moves the clock either way")
  void setMovesEitherWay() {
    MutableClock clock = MutableClock.at(START);
    clock.set(START.minusSeconds(60));
    assertThat(clock.instant()).isEqualTo(START.minusSeconds(60));
  }

  @Test
  @DisplayName("a view in another zone shares the time")
  void withZoneSharesTime() {
    MutableClock clock = MutableClock.at(START);
    MutableClock shanghai = clock.withZone(SHANGHAI);
    clock.advance(Duration.ofHours(1));
    assertThat(shanghai.instant()).isEqualTo(START.plus(Duration.ofHours(1)));
    shanghai.advance(Duration.ofHours(1));
    assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(2)));
    assertThat(shanghai.getZone()).isEqualTo(SHANGHAI);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  @DisplayName("advances from many threads add up")
  void threadSafe() throws InterruptedException {
    MutableClock clock = MutableClock.at(START);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 1000; i++) {
          clock.advance(Duration.ofMillis(1));
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(clock.instant()).isEqualTo(START.plusMillis(8000));
  }
}
