package io.touchbase.channel.phone.internal;

import java.util.regex.Pattern;

/**
 * Makes a provider's own error text safe to put in an exception message or a log line: numbers
 * long enough to be phone numbers and email addresses are masked, and the text is capped, since
 * providers sometimes echo the request.
 */
final class ProviderText {
  private static final int MAX_LENGTH = 200;
  private static final Pattern LONG_NUMBER = Pattern.compile("\\+?\\d{7,}");
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");

  private ProviderText() {}

  static String safe(String text) {
    String masked = LONG_NUMBER.matcher(text).replaceAll("***");
    masked = EMAIL.matcher(masked).replaceAll("***@***").strip();
    return masked.length() <= MAX_LENGTH ? masked : masked.substring(0, MAX_LENGTH) + "...";
  }
}
