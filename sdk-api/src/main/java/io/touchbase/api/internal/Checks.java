package io.touchbase.api.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Argument checks shared by the API's value types. Messages name the field and say why, in the
 * shape "{field} must ..., but was ...", and never echo a value that could be personal data.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class Checks {
  private static final Pattern KEBAB_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private Checks() {}

  public static <T> T notNull(T value, String field) {
    return Objects.requireNonNull(value, () -> field + " must not be null");
  }

  public static String notBlank(String value, String field) {
    notNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  /** Lower-kebab ids such as {@code aliyun-sms}: stable names that appear in configuration. */
  public static String kebabId(String value, String field) {
    notBlank(value, field);
    if (!KEBAB_ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be lower-kebab-case (a-z, 0-9 and single dashes), but was '" + value + "'");
    }
    return value;
  }

  /** Names such as channel names, template ids, event names and cadence ids. */
  public static String name(String value, String field) {
    notBlank(value, field);
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field
              + " must start with a letter or digit and contain only letters, digits, '.', '_',"
              + " ':' or '-' (at most 128), but was '"
              + value
              + "'");
    }
    return value;
  }

  public static Duration notNegative(Duration value, String field) {
    notNull(value, field);
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative, but was " + value);
    }
    return value;
  }

  public static Duration positive(Duration value, String field) {
    notNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be greater than 0, but was " + value);
    }
    return value;
  }

  public static int positive(int value, String field) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be greater than 0, but was " + value);
    }
    return value;
  }

  public static int atLeast(int value, int min, String field) {
    if (value < min) {
      throw new IllegalArgumentException(
          field + " must be at least " + min + ", but was " + value);
    }
    return value;
  }
}
