package io.touchbase.api;

import io.touchbase.api.internal.Checks;
import java.time.LocalTime;

/**
 * Hours of the contact's local day when marketing rounds are not sent; a round due inside them
 * is deferred to their end with a {@code DEFERRED} touchpoint. Transactional rounds are not
 * affected. The window may cross midnight ({@code 21:00} to {@code 08:00}).
 *
 * @param start first quiet minute, inclusive
 * @param end first minute when sending resumes, exclusive; equal to start means no quiet hours
 */
public record QuietHours(LocalTime start, LocalTime end) {
  /** 21:00 to 08:00 local time. */
  public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

  public QuietHours {
    Checks.notNull(start, "quietHours.start");
    Checks.notNull(end, "quietHours.end");
  }

  public static QuietHours between(LocalTime start, LocalTime end) {
    return new QuietHours(start, end);
  }

  /** No quiet hours at all. */
  public static QuietHours none() {
    return new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
  }

  public boolean isEnabled() {
    return !start.equals(end);
  }

  /** Whether the local time falls inside the quiet window. */
  public boolean contains(LocalTime time) {
    if (!isEnabled()) {
      return false;
    }
    if (start.isBefore(end)) {
      return !time.isBefore(start) && time.isBefore(end);
    }
    return !time.isBefore(start) || time.isBefore(end);
  }
}
