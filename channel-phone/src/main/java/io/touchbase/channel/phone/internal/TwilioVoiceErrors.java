package io.touchbase.channel.phone.internal;

import io.touchbase.channel.support.ProviderText;
import io.touchbase.channel.support.TwilioErrors;
import io.touchbase.spi.channel.ChannelException;
import java.util.Optional;

/**
 * Maps a Twilio error answer of the Calls API to what the engine should do: Twilio's mapping
 * ({@link TwilioErrors}) with the voice channel's message. The Twilio error code is kept as the
 * touchpoint's code.
 */
final class TwilioVoiceErrors {
  private TwilioVoiceErrors() {}

  /**
   * The exception for an answer that is not 2xx.
   *
   * @param channel the configured channel name, for the message
   * @param httpStatus the HTTP status
   * @param code Twilio's error code, when the body had one
   * @param message Twilio's error message, when the body had one
   */
  static ChannelException of(String channel, int httpStatus, Optional<String> code, Optional<String> message) {
    String text =
        "Channel '"
            + channel
            + "' (twilio-voice): Calls API answered HTTP "
            + httpStatus
            + " "
            + code.orElse("http-" + httpStatus)
            + message.map(m -> ": " + ProviderText.redact(m)).orElse("");
    return TwilioErrors.toException(httpStatus, code, text);
  }
}
