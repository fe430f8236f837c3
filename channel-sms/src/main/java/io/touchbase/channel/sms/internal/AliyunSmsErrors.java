package io.touchbase.channel.sms.internal;

import io.touchbase.channel.support.AliyunErrors;
import io.touchbase.channel.support.ProviderText;
import io.touchbase.spi.channel.ChannelException;
import java.time.Instant;

/**
 * What each Aliyun SMS error code means for the engine: the mapping Aliyun's RPC APIs share
 * (providers.md §1.4, {@link AliyunErrors}), with the SMS channel's message.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class AliyunSmsErrors {
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
    return AliyunErrors.toException(code, message, text, now);
  }

  /** Whether a code says the request was refused at the gateway, so nothing was sent. */
  static boolean refusedBeforeSending(String code) {
    return AliyunErrors.isThrottling(code);
  }
}
