package io.touchbase.api.cadence;

import io.touchbase.api.internal.Checks;
import java.time.Duration;
import java.time.LocalTime;

/**
 * How long a round waits after the previous round (or after enrolment, for the first round).
 * Field names in error messages are relative to the round, e.g. {@code delay.duration}.
 */
public sealed interface Wait permits Wait.Fixed, Wait.Window, Wait.AtLocalTime {

  /** No wait: the round is due at once. */
  Wait NONE = new Fixed(Duration.ZERO);

  /** Waits exactly {@code duration}. */
  static Wait fixed(Duration duration) {
    return new Fixed(duration);
  }

  /**
   * Waits a random duration in {@code [min, max]}, e.g. five to seven days, so that a cadence does
   * not hit every contact at the same instant. The draw is stable per enrollment and round.
   */
  static Wait between(Duration min, Duration max) {
    return new Window(min, max);
  }

  /**
   * Waits at least {@code atLeast}, then until the next {@code time} on the contact's clock, e.g.
   * "two days later at 10:00 local".
   */
  static Wait atLocalTime(Duration atLeast, LocalTime time) {
    return new AtLocalTime(atLeast, time);
  }

  /** A fixed wait. */
  record Fixed(Duration duration) implements Wait {
    public Fixed {
      Checks.notNegative(duration, "delay.duration");
    }
  }

  /** A random wait between {@code min} and {@code max}, both inclusive. */
  record Window(Duration min, Duration max) implements Wait {
    public Window {
      Checks.notNegative(min, "delay.min");
      Checks.notNegative(max, "delay.max");
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException(
            "delay.max must not be less than delay.min (" + min + "), but was " + max);
      }
    }
  }

  /** At least {@code atLeast}, then the next {@code time} in the contact's zone. */
  record AtLocalTime(Duration atLeast, LocalTime time) implements Wait {
    public AtLocalTime {
      Checks.notNegative(atLeast, "delay.atLeast");
      Checks.notNull(time, "delay.time");
    }
  }
}
