package io.touchbase.channel.phone.internal;

import io.touchbase.channel.support.ProviderText;
import io.touchbase.spi.channel.ChannelException;
import java.util.Optional;

/**
 * Maps a Twilio error answer ({@code {"code":21211,"message":"..","status":400}}) to what the
 * engine should do. The Twilio error code is kept as the touchpoint's code.
 */
final class TwilioVoiceErrors {
  static final int INVALID_TO = 21211;
  static final int OPTED_OUT = 21610;
  static final int TOO_MANY_REQUESTS = 20429;

  private TwilioVoiceErrors() {}

  /**
   * The exception for an answer that is not 2xx.
   *
   * @param channel the configured channel name, for the message
   * @param httpStatus the HTTP status
   * @param code Twilio's error code, when the body had one
   * @param message Twilio's error message, when the body had one
   */
  static ChannelException of(String channel, int httpStatus, Optional<Integer> code, Optional<String> message) {
    String providerCode = code.map(String::valueOf).orElse("http-" + httpStatus);
    String text =
        "Channel '"
            + channel
            + "' (twilio-voice): Calls API answered HTTP "
            + httpStatus
            + " "
            + providerCode
            + message.map(m -> ": " + ProviderText.redact(m)).orElse("");
    if (httpStatus >= 500) {
      // Creating a call is not idempotent: a 5xx may come after the call was queued.
      return ChannelException.outcomeUnknown(providerCode, text, null);
    }
    int c = code.orElse(0);
    if (c == TOO_MANY_REQUESTS || httpStatus == 429) {
      return ChannelException.retryable(providerCode, text);
    }
    if (c == OPTED_OUT) {
      return ChannelException.recipientOptedOut(providerCode, text);
    }
    // 21211 (invalid To), 20003 (authentication), 21215 (geographic permission) and the rest fail
    // again with the same request.
    return ChannelException.permanent(providerCode, text);
  }
}
