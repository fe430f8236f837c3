package io.touchbase.channel.support;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Converts phone numbers between E.164 ({@code +8613800138000}) and the forms Chinese providers
 * use: bare mainland mobiles ({@code 13800138000}), {@code 86}/{@code 0086} prefixes, and country
 * code plus number without {@code +}. Error messages never show the number. Stateless.
 */
public final class PhoneNumbers {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9][0-9]{9}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private PhoneNumbers() {}

  /**
   * A provider's number in E.164: {@code +8613800138000}, {@code 8613800138000}, {@code
   * 008613800138000} and {@code 13800138000} all give {@code +8613800138000}; other digit strings
   * are read as country code plus number ({@code 6591234567} gives {@code +6591234567}). Spaces
   * and dashes are ignored.
   *
   * @throws IllegalArgumentException if the result is not E.164
   */
  public static String toE164(String raw) {
    Objects.requireNonNull(raw, "phone number");
    String s = raw.strip().replace(" ", "").replace("-", "");
    String e164;
    if (s.startsWith("+")) {
      e164 = s;
    } else if (s.startsWith("00")) {
      e164 = "+" + s.substring(2);
    } else if (MAINLAND_MOBILE.matcher(s).matches()) {
      e164 = "+86" + s;
    } else {
      e164 = "+" + s;
    }
    if (!E164.matcher(e164).matches()) {
      throw new IllegalArgumentException(
          "phone number of " + raw.length() + " characters cannot be read as E.164");
    }
    return e164;
  }

  /**
   * E.164 from a country code and a national number, as Tencent reports them ({@code nationcode}
   * {@code 86}, {@code mobile} {@code 13800138000}).
   *
   * @throws IllegalArgumentException if either part is not digits or the result is not E.164
   */
  public static String fromNationCode(String nationCode, String nationalNumber) {
    String cc = Objects.requireNonNull(nationCode, "nationCode").strip();
    if (cc.startsWith("+")) {
      cc = cc.substring(1);
    }
    String number = Objects.requireNonNull(nationalNumber, "nationalNumber").strip();
    if (!DIGITS.matcher(cc).matches() || !DIGITS.matcher(number).matches()) {
      throw new IllegalArgumentException("nation code and mobile must be digits");
    }
    return toE164("+" + cc + number);
  }

  /** Whether an E.164 number is a mainland China number ({@code +86}). */
  public static boolean isMainlandChina(String e164) {
    return requireE164(e164).startsWith("+86");
  }

  /**
   * The number as Aliyun expects it: mainland numbers as their national digits ({@code
   * 13800138000}), others as country code plus number without {@code +} ({@code 6591234567}).
   */
  public static String toAliyun(String e164) {
    String n = requireE164(e164);
    return n.startsWith("+86") ? n.substring(3) : n.substring(1);
  }

  /** The number without its {@code +}. */
  public static String digits(String e164) {
    return requireE164(e164).substring(1);
  }

  private static String requireE164(String e164) {
    Objects.requireNonNull(e164, "phone number");
    if (!E164.matcher(e164).matches()) {
      throw new IllegalArgumentException("phone number must be E.164 (+ then 7 to 15 digits)");
    }
    return e164;
  }
}
