package io.touchbase.channel.phone.internal;

import io.touchbase.channel.support.AliyunErrors;
import io.touchbase.channel.support.ProviderText;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import java.time.Instant;
import java.util.Optional;

/**
 * Maps an Aliyun Voice error answer to what the engine should do: the mapping Aliyun's RPC APIs
 * share (providers.md §1.4, {@link AliyunErrors}), after what the HTTP status says about a call.
 * The provider's code is kept as the touchpoint's code.
 */
final class AliyunVoiceErrors {
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
    ChannelException mapped = AliyunErrors.toException(providerCode, message.orElse(""), text, now);
    if (httpStatus == 429 && mapped.outcome() == Outcome.PERMANENT) {
      // Too many requests, whatever the code: the gateway refused it, so no call was placed.
      return ChannelException.retryable(providerCode, text);
    }
    return mapped;
  }
}
