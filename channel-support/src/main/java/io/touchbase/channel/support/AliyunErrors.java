package io.touchbase.channel.support;

import io.touchbase.spi.channel.ChannelException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What the error codes of Aliyun's RPC APIs mean for the engine (providers.md §1.4), which SMS
 * ({@code dysmsapi}) and Voice ({@code dyvmsapi}) share:
 *
 * <ul>
 *   <li>{@code isv.BUSINESS_LIMIT_CONTROL}, per-number flow control: deferred to the end of the
 *       minute, hour or day window the message names;
 *   <li>{@code isv.DAY_LIMIT_CONTROL} and {@code isv.MONTH_LIMIT_CONTROL}, the account's quotas:
 *       deferred to the next day or month;
 *   <li>{@code isp.SYSTEM_ERROR}, {@code InvalidTimeStamp.Expired}, {@code SignatureNonceUsed} and
 *       {@code Throttling*}: retryable (a retry is signed anew, with a fresh timestamp and nonce);
 *   <li>everything else (numbers, templates, signatures, content, account state, authentication
 *       and codes not known here): permanent, since the same request fails again.
 * </ul>
 *
 * The provider's code is kept as the exception's provider code. What an HTTP status means
 * differs between the APIs and is left to the caller. Stateless.
 */
public final class AliyunErrors {
  /** Per-number flow control; the message names the window. */
  public static final String BUSINESS_LIMIT_CONTROL = "isv.BUSINESS_LIMIT_CONTROL";

  /** The account's daily quota. */
  public static final String DAY_LIMIT_CONTROL = "isv.DAY_LIMIT_CONTROL";

  /** The account's monthly quota. */
  public static final String MONTH_LIMIT_CONTROL = "isv.MONTH_LIMIT_CONTROL";

  /**
   * The zone of Aliyun's windows and quotas: mainland China time. unconfirmed: that days and
   * months count in Beijing time; minute and hour boundaries are the same in any whole-hour
   * zone.
   */
  public static final ZoneId ZONE = ChinaTime.ZONE;

  // Refused before anything was sent; a later attempt, re-signed with a new nonce, may pass.
  private static final Set<String> RETRYABLE =
      Set.of("isp.SYSTEM_ERROR", "InvalidTimeStamp.Expired", "SignatureNonceUsed");

  private AliyunErrors() {}

  /**
   * The exception for an answer whose {@code Code} is not {@code OK}.
   *
   * @param code the answer's {@code Code}
   * @param providerMessage the answer's {@code Message}, as the provider wrote it (empty when it
   *     had none); only read for the window of {@code isv.BUSINESS_LIMIT_CONTROL}, never shown
   * @param text the exception message, built by the caller with the message redacted (see
   *     {@link ProviderText#redact}). Separate from {@code providerMessage} so that words in it,
   *     such as a channel named after a holiday, cannot be taken for the window
   * @param now the engine clock's time, for deferrals
   */
  public static ChannelException toException(String code, String providerMessage, String text, Instant now) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(providerMessage, "providerMessage");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(now, "now");
    if (code.equals(BUSINESS_LIMIT_CONTROL)) {
      return ChannelException.deferUntil(code, text, businessLimitWindowEnd(providerMessage, now));
    }
    if (code.equals(DAY_LIMIT_CONTROL)) {
      // The quota resets at midnight; that it counts in mainland time is unconfirmed.
      return ChannelException.deferUntil(code, text, Windows.nextDay(now, ZONE));
    }
    if (code.equals(MONTH_LIMIT_CONTROL)) {
      return ChannelException.deferUntil(code, text, Windows.nextMonth(now, ZONE));
    }
    if (RETRYABLE.contains(code) || isThrottling(code)) {
      return ChannelException.retryable(code, text);
    }
    return ChannelException.permanent(code, text);
  }

  /**
   * Whether the code is the API's QPS limit ({@code Throttling}, {@code Throttling.User}, {@code
   * Throttling.Api}, ...), with which the gateway refuses a request before it reaches the API.
   */
  public static boolean isThrottling(String code) {
    return code.startsWith("Throttling");
  }

  /**
   * The end of the per-number flow-control window that a {@code isv.BUSINESS_LIMIT_CONTROL}
   * message names: {@code 分钟级} ({@code 分钟}, {@code minute}) the next minute, {@code 小时级}
   * ({@code 小时}, {@code hour}) the next hour, {@code 天级} ({@code 日级}, {@code 天}, {@code 日},
   * {@code day}) the next midnight, in {@link #ZONE}. The words are looked for in that order.
   */
  public static Instant businessLimitWindowEnd(String message, Instant now) {
    String m = Objects.requireNonNull(message, "message").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(now, "now");
    if (m.contains("分钟") || m.contains("minute")) {
      return Windows.nextMinute(now, ZONE);
    }
    if (m.contains("小时") || m.contains("hour")) {
      return Windows.nextHour(now, ZONE);
    }
    if (m.contains("天") || m.contains("日") || m.contains("day")) {
      return Windows.nextDay(now, ZONE);
    }
    // unconfirmed: every documented message names its window. For one that does not, the next
    // hour keeps a minute limit from waiting a day and a day limit from being retried each minute.
    return Windows.nextHour(now, ZONE);
  }
}
