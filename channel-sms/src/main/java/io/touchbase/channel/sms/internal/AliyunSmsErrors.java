package io.touchbase.channel.sms.internal;

import io.touchbase.channel.support.ProviderText;
import io.touchbase.channel.support.Windows;
import io.touchbase.spi.channel.ChannelException;
import java.time.Instant;
import java.util.Set;

/**
 * What each Aliyun SMS error code means for the engine (providers.md §1.4).
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class AliyunSmsErrors {
  static final String BUSINESS_LIMIT_CONTROL = "isv.BUSINESS_LIMIT_CONTROL";

  // Refused before anything was sent; a later attempt (re-signed, with a new nonce) may pass.
  private static final Set<String> RETRYABLE =
      Set.of("isp.SYSTEM_ERROR", "InvalidTimeStamp.Expired", "SignatureNonceUsed");

  private AliyunSmsErrors() {}

  /**
   * The exception for a refusal.
   *
   * @param code the provider's {@code Code}
   * @param message the provider's {@code Message}, which names the flow-control window
   * @param now the engine clock's time, for deferrals
   */
  static ChannelException toException(String code, String message, Instant now) {
    String text = "Aliyun SMS refused the message: " + code + " (" + ProviderText.redact(message) + ")";
    if (code.equals(BUSINESS_LIMIT_CONTROL)) {
      return ChannelException.deferUntil(code, text, businessLimitWindowEnd(message, now));
    }
    if (code.equals("isv.DAY_LIMIT_CONTROL")) {
      // The account's daily quota resets at midnight; that it counts in mainland time is unconfirmed.
      return ChannelException.deferUntil(code, text, Windows.nextDay(now, ChannelSupport.SHANGHAI));
    }
    if (code.equals("isv.MONTH_LIMIT_CONTROL")) {
      return ChannelException.deferUntil(code, text, Windows.nextMonth(now, ChannelSupport.SHANGHAI));
    }
    if (RETRYABLE.contains(code) || code.equals("Throttling") || code.startsWith("Throttling.")) {
      return ChannelException.retryable(code, text);
    }
    // Bad numbers, templates, signatures, content, account state, authentication, and codes we
    // do not know: retrying the same request cannot help.
    return ChannelException.permanent(code, text);
  }

  /** Whether a code says the request was refused at the gateway, so nothing was sent. */
  static boolean refusedBeforeSending(String code) {
    return code.equals("Throttling") || code.startsWith("Throttling.");
  }

  /**
   * The end of the per-number flow-control window the message names: {@code 分钟级} minute,
   * {@code 小时级} hour, {@code 天级} day. Days count in mainland China time (unconfirmed; minute
   * and hour boundaries are the same in any whole-hour zone). A message naming no window defers
   * to the next hour: soon enough for the minute limit, and never a tight loop.
   */
  static Instant businessLimitWindowEnd(String message, Instant now) {
    String m = message == null ? "" : message;
    if (m.contains("分钟级") || m.toLowerCase(java.util.Locale.ROOT).contains("minute")) {
      return Windows.nextMinute(now, ChannelSupport.SHANGHAI);
    }
    if (m.contains("天级") || m.contains("日级") || m.toLowerCase(java.util.Locale.ROOT).contains("day")) {
      return Windows.nextDay(now, ChannelSupport.SHANGHAI);
    }
    return Windows.nextHour(now, ChannelSupport.SHANGHAI);
  }
}
