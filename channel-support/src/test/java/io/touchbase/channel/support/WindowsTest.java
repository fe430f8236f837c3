package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WindowsTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  // 2024-03-31 23:30:15 in Shanghai.
  private static final Instant NOW = Instant.parse("2024-03-31T15:30:15Z");

  @Test
  void boundariesInTheZone() {
    assertThat(Windows.nextMinute(NOW, SHANGHAI)).isEqualTo("2024-03-31T15:31:00Z");
    assertThat(Windows.nextHour(NOW, SHANGHAI)).isEqualTo("2024-03-31T16:00:00Z");
    assertThat(Windows.nextDay(NOW, SHANGHAI)).isEqualTo("2024-03-31T16:00:00Z");
    assertThat(Windows.nextDay(NOW, ZoneOffset.UTC)).isEqualTo("2024-04-01T00:00:00Z");
    assertThat(Windows.nextMonth(NOW, SHANGHAI)).isEqualTo("2024-03-31T16:00:00Z");
    assertThat(Windows.nextMonth(NOW, ZoneOffset.UTC)).isEqualTo("2024-04-01T00:00:00Z");
  }

  @Test
  void onABoundaryTheNextOneIsTaken() {
    Instant midnight = Instant.parse("2024-03-31T16:00:00Z");
    assertThat(Windows.nextMinute(midnight, SHANGHAI)).isEqualTo("2024-03-31T16:01:00Z");
    assertThat(Windows.nextDay(midnight, SHANGHAI)).isEqualTo("2024-04-01T16:00:00Z");
  }

  @Test
  void nextTimeOfDay() {
    LocalTime eight = LocalTime.of(8, 0);
    assertThat(Windows.nextTimeOfDay(NOW, SHANGHAI, eight)).isEqualTo("2024-04-01T00:00:00Z");
    // 06:00 in Shanghai: 08:00 the same day.
    assertThat(Windows.nextTimeOfDay(Instant.parse("2024-03-31T22:00:00Z"), SHANGHAI, eight))
        .isEqualTo("2024-04-01T00:00:00Z");
    // Exactly 08:00: the next day.
    assertThat(Windows.nextTimeOfDay(Instant.parse("2024-04-01T00:00:00Z"), SHANGHAI, eight))
        .isEqualTo("2024-04-02T00:00:00Z");
  }
}
