package io.touchbase.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it. Pass it to {@code
 * Touchbase.builder().clock(..)} and {@link #advance} it to run a cadence of days in milliseconds
 * through the production code path. Thread-safe: the engine reads it from its own threads while
 * the test moves it. Views made by {@link #withZone} share the same time.
 */
public final class MutableClock extends Clock {
  // Shared with the views withZone() makes, so moving one moves them all.
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@code instant}, in UTC. */
  public static MutableClock at(Instant instant) {
    return at(instant, ZoneOffset.UTC);
  }

  /** A clock standing at {@code instant}, in {@code zone}. */
  public static MutableClock at(Instant instant, ZoneId zone) {
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(zone, "zone");
    return new MutableClock(new AtomicReference<>(instant), zone);
  }

  /**
   * Moves the clock forward by {@code duration}; zero is allowed.
   *
   * @throws IllegalArgumentException if {@code duration} is negative: time that runs backwards is
   *     almost always a mistake in a test; use {@link #set} to mean it
   */
  public MutableClock advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, but was " + duration);
    }
    now.updateAndGet(t -> t.plus(duration));
    return this;
  }

  /** Sets the clock to {@code instant}, forward or back. */
  public MutableClock set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in {@code zone} that shares this clock's time: moving either moves both. */
  @Override
  public MutableClock withZone(ZoneId zone) {
    return new MutableClock(now, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }
}
