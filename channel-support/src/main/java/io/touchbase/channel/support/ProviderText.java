package io.touchbase.channel.support;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Makes a provider's own text (an error message, say) safe to put in an exception message or a
 * log line: providers echo the request in their errors, so email addresses and anything that
 * looks like a phone number are masked, and the text is capped at {@value #MAX_LENGTH}
 * characters. Stateless and thread-safe.
 */
public final class ProviderText {
  /** The longest text {@link #redact} returns, not counting the {@code ...} of a cut one. */
  public static final int MAX_LENGTH = 200;

  // Seven or more digits, with the spaces, hyphens and parentheses numbers are written with.
  private static final Pattern NUMBER_LIKE = Pattern.compile("\\+?(?:\\d[ ()-]*){6,}\\d");
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");

  private ProviderText() {}

  /**
   * The text with every email address replaced by {@code ***@***} and every number-like run of
   * seven or more digits by {@code ***}, stripped, and cut to {@value #MAX_LENGTH} characters
   * followed by {@code ...} when longer.
   */
  public static String redact(String providerText) {
    Objects.requireNonNull(providerText, "providerText");
    // Emails first: a number-like local part would otherwise leave the domain standing.
    String masked = EMAIL.matcher(providerText).replaceAll("***@***");
    masked = NUMBER_LIKE.matcher(masked).replaceAll("***").strip();
    return masked.length() <= MAX_LENGTH ? masked : masked.substring(0, MAX_LENGTH) + "...";
  }
}
