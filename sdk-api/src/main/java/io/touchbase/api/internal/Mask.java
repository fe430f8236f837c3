package io.touchbase.api.internal;

/**
 * Masks personal data for logs, exception messages and {@code toString()}.
 *
 * <p>This class is internal and is hence not for public use; use {@code
 * io.touchbase.api.contact.Address#masked()} instead.
 */
public final class Mask {
  private Mask() {}

  /** {@code +8613800138000} becomes {@code +861******8000}: country code and last four digits. */
  public static String phone(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    int n = value.length();
    if (n <= 6) {
      return "*".repeat(n);
    }
    int keepHead = Math.min(4, n - 6);
    return value.substring(0, keepHead) + "*".repeat(n - keepHead - 4) + value.substring(n - 4);
  }

  /** {@code jane.doe@example.com} becomes {@code j***@example.com}. */
  public static String email(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    int at = value.lastIndexOf('@');
    if (at <= 0) {
      return opaque(value);
    }
    return value.charAt(0) + "***" + value.substring(at);
  }

  /** Any other identifier: the first and last two characters at most, so logs stay correlatable. */
  public static String opaque(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    if (value.length() <= 8) {
      return "***";
    }
    return value.substring(0, 2) + "***" + value.substring(value.length() - 2);
  }
}
