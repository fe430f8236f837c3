package io.touchbase.channel.phone.internal;

import io.touchbase.channel.support.ProviderText;
import io.touchbase.channel.support.Windows;
import io.touchbase.spi.channel.ChannelException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Maps an Aliyun Voice error answer to what the engine should do, after the provider reference's
 * table for Aliyun RPC APIs (§1.4). The provider's code is kept as the touchpoint's code.
 */
final class AliyunVoiceErrors {
  static final String BUSINESS_LIMIT_CONTROL = "isv.BUSINESS_LIMIT_CONTROL";
  // unconfirmed: Aliyun counts per-number and daily windows in Beijing time.
  static final ZoneId PROVIDER_ZONE = ZoneId.of("Asia/Shanghai");

  private static final Set<String> RETRYABLE =
      Set.of(
          "isp.SYSTEM_ERROR",
          // Signed with a fresh timestamp and nonce on the next attempt, which is what they ask.
          "SignatureNonceUsed",
          "InvalidTimeStamp.Expired");

  private AliyunVoiceErrors() {}

  /**
   * The exception for an answer that is not {@code Code=OK}.
   *
   * @param channel the configured channel name, for the message
   * @param httpStatus the HTTP status of the answer
   * @param code the answer's {@code Code}, when it had one
   * @param message the answer's {@code Message}, when it had one
   * @param now the engine clock's time, to compute deferrals
   */
  static ChannelException of(
      String channel, int httpStatus, Optional<String> code, Optional<String> message, Instant now) {
    String providerCode = code.orElse("http-" + httpStatus);
    String text =
        "Channel '"
            + channel
            + "' (aliyun-voice): SingleCallByTts answered HTTP "
            + httpStatus
            + " "
            + providerCode
            + message.map(m -> ": " + ProviderText.redact(m)).orElse("");
    if (httpStatus >= 500) {
      // SingleCallByTts is not idempotent: a 5xx may come after the call was placed.
      return ChannelException.outcomeUnknown(providerCode, text, null);
    }
    if (providerCode.equals(BUSINESS_LIMIT_CONTROL)) {
      return ChannelException.deferUntil(providerCode, text, nextWindow(message.orElse(""), now));
    }
    if (providerCode.equals("isv.DAY_LIMIT_CONTROL")) {
      return ChannelException.deferUntil(providerCode, text, Windows.nextDay(now, PROVIDER_ZONE));
    }
    if (providerCode.equals("isv.MONTH_LIMIT_CONTROL")) {
      return ChannelException.deferUntil(providerCode, text, Windows.nextMonth(now, PROVIDER_ZONE));
    }
    if (RETRYABLE.contains(providerCode) || providerCode.startsWith("Throttling") || httpStatus == 429) {
      return ChannelException.retryable(providerCode, text);
    }
    return ChannelException.permanent(providerCode, text);
  }

  /**
   * The start of the next per-number flow-control window that the message names ({@code
   * 触发分钟级流控}, {@code 小时级}, {@code 天级}).
   */
  static Instant nextWindow(String message, Instant now) {
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("分钟") || m.contains("minute")) {
      return Windows.nextMinute(now, PROVIDER_ZONE);
    }
    if (m.contains("小时") || m.contains("hour")) {
      return Windows.nextHour(now, PROVIDER_ZONE);
    }
    if (m.contains("天") || m.contains("日") || m.contains("day")) {
      return Windows.nextDay(now, PROVIDER_ZONE);
    }
    // unconfirmed: every documented message names its window. For one that does not, the next
    // hour keeps a minute limit from waiting a day and a day limit from being retried each minute.
    return Windows.nextHour(now, PROVIDER_ZONE);
  }
}
