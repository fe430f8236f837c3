package io.touchbase.channel.support;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * The start of the next rate-limit window (minute, hour, day, month) in a zone, for the retry
 * time of a deferred send. Every method returns an instant strictly after {@code now}.
 * Stateless.
 */
public final class Windows {
  private Windows() {}

  /** The start of the next minute in {@code zone}. */
  public static Instant nextMinute(Instant now, ZoneId zone) {
    return at(now, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1).toInstant();
  }

  /** The start of the next hour in {@code zone}. */
  public static Instant nextHour(Instant now, ZoneId zone) {
    return at(now, zone).truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
  }

  /** The next midnight in {@code zone} (the start of tomorrow). */
  public static Instant nextDay(Instant now, ZoneId zone) {
    return at(now, zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** The start of the first day of next month in {@code zone}. */
  public static Instant nextMonth(Instant now, ZoneId zone) {
    return at(now, zone).toLocalDate().with(TemporalAdjusters.firstDayOfNextMonth()).atStartOfDay(zone).toInstant();
  }

  /** The next time the clock in {@code zone} shows {@code time}: today if still ahead, else tomorrow. */
  public static Instant nextTimeOfDay(Instant now, ZoneId zone, LocalTime time) {
    Objects.requireNonNull(time, "time");
    ZonedDateTime local = at(now, zone);
    ZonedDateTime today = local.toLocalDate().atTime(time).atZone(zone);
    if (today.toInstant().isAfter(now)) {
      return today.toInstant();
    }
    return local.toLocalDate().plusDays(1).atTime(time).atZone(zone).toInstant();
  }

  private static ZonedDateTime at(Instant now, ZoneId zone) {
    return Objects.requireNonNull(now, "now").atZone(Objects.requireNonNull(zone, "zone"));
  }
}
