package io.touchbase.channel.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Mainland China time, in which the Chinese providers (Aliyun, Tencent Cloud) count their days
 * and write the times of their callbacks, and the reading of those times. Stateless.
 */
public final class ChinaTime {
  /** Mainland China time: UTC+8 all year. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private ChinaTime() {}

  /**
   * A time written {@code yyyy-MM-dd HH:mm:ss} without a zone, read as mainland China time;
   * surrounding white space is ignored. Empty when the text is blank or not such a time: a
   * callback's time is detail, and an odd one must not cost the callback.
   */
  public static Optional<Instant> parse(String text) {
    String t = Objects.requireNonNull(text, "text").strip();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(t, LOCAL_TIME).atZone(ZONE).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
