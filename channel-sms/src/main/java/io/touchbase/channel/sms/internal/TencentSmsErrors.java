package io.touchbase.channel.sms.internal;

import io.touchbase.channel.support.ChinaTime;
import io.touchbase.channel.support.ProviderText;
import io.touchbase.channel.support.Windows;
import io.touchbase.spi.channel.ChannelException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Set;

/**
 * What each Tencent Cloud SMS error code means for the engine (providers.md §2.4).
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class TencentSmsErrors {
  static final String OK = "Ok";

  private static final Set<String> NEXT_DAY = Set.of(
      "LimitExceeded.PhoneNumberDailyLimit",
      "LimitExceeded.PhoneNumberSameContentDailyLimit",
      "LimitExceeded.AppDailyLimit",
      "LimitExceeded.AppMainlandChinaDailyLimit",
      "LimitExceeded.AppGlobalDailyLimit",
      "LimitExceeded.DailyLimit");
  private static final LocalTime MARKETING_WINDOW_OPENS = LocalTime.of(8, 0);

  private TencentSmsErrors() {}

  /**
   * The exception for a refusal, of the whole request or of one number.
   *
   * @param code the provider's {@code Code}
   * @param message the provider's {@code Message}
   * @param now the engine clock's time, for deferrals
   */
  static ChannelException toException(String code, String message, Instant now) {
    String text = "Tencent Cloud SMS refused the message: " + code + " (" + ProviderText.redact(message) + ")";
    switch (code) {
      case "LimitExceeded.PhoneNumberThirtySecondLimit":
        return ChannelException.deferUntil(code, text, now.plus(Duration.ofSeconds(30)));
      case "LimitExceeded.PhoneNumberOneHourLimit":
        return ChannelException.deferUntil(code, text, Windows.nextHour(now, ChinaTime.ZONE));
      case "LimitExceeded.DeliveryFrequencyLimit":
        // A per-number frequency policy whose window the code does not name (unconfirmed): an
        // hour is past the 30-second and within the daily window.
        return ChannelException.deferUntil(code, text, Windows.nextHour(now, ChinaTime.ZONE));
      case "FailedOperation.PhoneNumberInBlacklist":
        // "Usually the user unsubscribed" (providers.md §2.4).
        return ChannelException.recipientOptedOut(code, text);
      case "FailedOperation.MarketingSendTimeConstraint":
        // Marketing messages only 08:00-22:00 mainland time.
        return ChannelException.deferUntil(
            code, text, Windows.nextTimeOfDay(now, ChinaTime.ZONE, MARKETING_WINDOW_OPENS));
      case "AuthFailure.SignatureExpire":
        // Our clock was off or the request was slow; the retry is signed anew.
        return ChannelException.retryable(code, text);
      default:
        break;
    }
    if (NEXT_DAY.contains(code)) {
      // Daily counters are believed to reset at midnight mainland time (unconfirmed).
      return ChannelException.deferUntil(code, text, Windows.nextDay(now, ChinaTime.ZONE));
    }
    if (code.startsWith("InternalError") || code.startsWith("RequestLimitExceeded")) {
      return ChannelException.retryable(code, text);
    }
    // Numbers, templates, signatures, content, account state, authentication, unknown codes.
    return ChannelException.permanent(code, text);
  }
}
