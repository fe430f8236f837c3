package io.touchbase.channel.wechat.internal;

import io.touchbase.spi.channel.ChannelException;
import java.util.regex.Pattern;

/**
 * The value rules of subscribe-message keywords, which WeChat fixes by the keyword's prefix
 * ({@code thing1}, {@code number2}, {@code character_string3} ...). A value that breaks its rule
 * would be refused by WeChat (47003) after the send was counted against the recipient's
 * subscription, so it is refused here first. Only {@code thing} at most 20 characters is stated in
 * providers.md §4.3; the other limits follow WeChat's published table as we know it and are
 * unconfirmed, so they are kept loose: a rule here must never refuse a value WeChat accepts.
 * Lengths count Unicode characters. Stateless.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class SubscribeValues {
  static final String INVALID = "invalid-template-value";
  private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");
  private static final Pattern LETTERS = Pattern.compile("[A-Za-z]+");
  private static final Pattern ASCII_PRINTABLE = Pattern.compile("[\\x20-\\x7E]+");
  private static final Pattern SYMBOLS = Pattern.compile("[\\p{Punct}\\p{S}]+");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}+");

  private SubscribeValues() {}

  /**
   * Checks one keyword's value.
   *
   * @throws ChannelException permanent {@value #INVALID}, naming the template and keyword, never
   *     the value
   */
  static void check(String templateId, String keyword, String value) {
    String prefix = keyword.replaceFirst("[0-9]+$", "");
    int length = value.codePointCount(0, value.length());
    if (value.isBlank()) {
      // Unconfirmed that WeChat refuses an empty value; no template shows a blank keyword.
      fail(templateId, keyword, "must not be blank");
    }
    switch (prefix) {
      case "thing" -> max(templateId, keyword, length, 20);
      case "number" -> {
        max(templateId, keyword, length, 32); // unconfirmed
        matches(templateId, keyword, value, NUMBER, "must be digits, with a decimal point at most");
      }
      case "letter" -> {
        max(templateId, keyword, length, 32); // unconfirmed
        matches(templateId, keyword, value, LETTERS, "must be letters only");
      }
      case "symbol" -> {
        max(templateId, keyword, length, 5); // unconfirmed
        matches(templateId, keyword, value, SYMBOLS, "must be symbols only");
      }
      case "character_string" -> {
        max(templateId, keyword, length, 32); // unconfirmed
        matches(templateId, keyword, value, ASCII_PRINTABLE, "must be letters, digits and symbols, without Chinese");
      }
      case "phrase" -> {
        max(templateId, keyword, length, 5); // unconfirmed
        matches(templateId, keyword, value, HAN, "must be Chinese characters only");
      }
      case "phone_number" -> max(templateId, keyword, length, 17); // unconfirmed
      case "car_number" -> max(templateId, keyword, length, 8); // unconfirmed
      case "name" -> max(templateId, keyword, length, 20); // unconfirmed: 10 Chinese or 20 letters
      default -> {
        // time, date, amount and unknown prefixes: formats unconfirmed, left to WeChat.
      }
    }
  }

  private static void max(String templateId, String keyword, int length, int max) {
    if (length > max) {
      fail(templateId, keyword, "must be at most " + max + " characters, but has " + length);
    }
  }

  private static void matches(String templateId, String keyword, String value, Pattern rule, String what) {
    if (!rule.matcher(value).matches()) {
      fail(templateId, keyword, what);
    }
  }

  private static void fail(String templateId, String keyword, String why) {
    throw ChannelException.permanent(INVALID,
        "Template '" + templateId + "': the value of subscribe keyword '" + keyword + "' " + why);
  }
}
