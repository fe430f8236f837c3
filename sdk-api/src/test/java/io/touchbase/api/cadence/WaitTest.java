package io.touchbase.api.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class WaitTest {

  @Test
  void noneIsAZeroFixedWait() {
    assertThat(Wait.NONE).isEqualTo(new Wait.Fixed(Duration.ZERO));
  }

  @Test
  void fixedAllowsZeroAndRejectsNegative() {
    assertThat(Wait.fixed(Duration.ofDays(2))).isEqualTo(new Wait.Fixed(Duration.ofDays(2)));
    assertThat(((Wait.Fixed) Wait.fixed(Duration.ZERO)).duration()).isZero();
    assertThatThrownBy(() -> Wait.fixed(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay.duration must not be negative, but was PT-1S");
    assertThatThrownBy(() -> Wait.fixed(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delay.duration must not be null");
  }

  @Test
  void betweenKeepsBothBoundsAndAllowsEqualBounds() {
    Wait.Window w = (Wait.Window) Wait.between(Duration.ofDays(5), Duration.ofDays(7));
    assertThat(w.min()).isEqualTo(Duration.ofDays(5));
    assertThat(w.max()).isEqualTo(Duration.ofDays(7));
    assertThat(Wait.between(Duration.ofDays(5), Duration.ofDays(5))).isInstanceOf(Wait.Window.class);
  }

  @Test
  void betweenRejectsMaxBelowMin() {
    assertThatThrownBy(() -> Wait.between(Duration.ofDays(7), Duration.ofDays(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("delay.max must not be less than")
        .hasMessageContaining("PT168H")
        .hasMessageEndingWith("but was PT120H");
  }

  @Test
  void betweenRejectsNegativeOrNullBounds() {
    assertThatThrownBy(() -> Wait.between(Duration.ofDays(-1), Duration.ofDays(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay.min must not be negative, but was PT-24H");
    assertThatThrownBy(() -> Wait.between(Duration.ZERO, Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay.max must not be negative, but was PT-1M");
    assertThatThrownBy(() -> Wait.between(null, Duration.ofDays(5)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delay.min must not be null");
    assertThatThrownBy(() -> Wait.between(Duration.ZERO, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delay.max must not be null");
  }

  @Test
  void atLocalTimeValidatesBothFields() {
    Wait.AtLocalTime w = (Wait.AtLocalTime) Wait.atLocalTime(Duration.ofDays(2), LocalTime.of(10, 0));
    assertThat(w.atLeast()).isEqualTo(Duration.ofDays(2));
    assertThat(w.time()).isEqualTo(LocalTime.of(10, 0));
    assertThatThrownBy(() -> Wait.atLocalTime(Duration.ofDays(-2), LocalTime.NOON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay.atLeast must not be negative, but was PT-48H");
    assertThatThrownBy(() -> Wait.atLocalTime(Duration.ZERO, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delay.time must not be null");
  }
}
