package io.touchbase.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset that a benchmark can move, so that rounds enrolled "one hour
 * ahead" fall due when the benchmark says while time keeps running for heartbeats and timestamps.
 * A thread can also pin the clock to an instant of its own, so that enrolments made from several
 * threads at once each get the due time the benchmark chose for them.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class ShiftableClock extends Clock {
  private final ThreadLocal<Instant> pinned = new ThreadLocal<>();
  private volatile Duration offset = Duration.ZERO;

  /** Moves the clock forward by {@code duration}. */
  void shift(Duration duration) {
    offset = offset.plus(duration);
  }

  /** Makes the clock read {@code now} at this moment and run on in real time from there. */
  void set(Instant now) {
    offset = Duration.between(Instant.now(), now);
  }

  /** Makes the clock read {@code at} on the calling thread, and only there, until {@link #unpin()}. */
  void pin(Instant at) {
    pinned.set(at);
  }

  /** Lets the calling thread see the running clock again. */
  void unpin() {
    pinned.remove();
  }

  @Override
  public Instant instant() {
    Instant at = pinned.get();
    return at != null ? at : Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a benchmark clock stays in UTC");
  }
}
