package io.touchbase.core.internal.cadence;

import io.touchbase.api.cadence.Wait;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * When a round falls due. Random windows draw from a generator seeded by the caller (the
 * enrollment and round), so a re-run of the same decision after a crash picks the same time.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class DueTimes {
  private DueTimes() {}

  public static Instant dueAt(Wait wait, Instant from, ZoneId zone, long seed) {
    if (wait instanceof Wait.Fixed f) {
      return from.plus(f.duration());
    }
    if (wait instanceof Wait.Window w) {
      long span = w.max().minus(w.min()).toMillis();
      long offset = span == 0 ? 0 : new SplittableRandom(seed).nextLong(span + 1);
      return from.plus(w.min()).plus(Duration.ofMillis(offset));
    }
    Wait.AtLocalTime a = (Wait.AtLocalTime) wait;
    return nextLocal(from.plus(a.atLeast()), a.time(), zone);
  }

  /** The first instant at or after {@code earliest} whose local time in {@code zone} is {@code time}. */
  public static Instant nextLocal(Instant earliest, LocalTime time, ZoneId zone) {
    ZonedDateTime local = earliest.atZone(zone);
    ZonedDateTime candidate = local.with(time);
    if (candidate.isBefore(local)) {
      candidate = candidate.plusDays(1).with(time);
    }
    return candidate.toInstant();
  }
}
