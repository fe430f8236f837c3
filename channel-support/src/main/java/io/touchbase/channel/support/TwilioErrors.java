package io.touchbase.channel.support;

import io.touchbase.spi.channel.ChannelException;
import java.util.Objects;
import java.util.Optional;

/**
 * What an error answer of Twilio's REST API ({@code {"code":21211,"message":"..","status":400}})
 * means for the engine, for messages and calls alike (providers.md §6.1):
 *
 * <ul>
 *   <li>HTTP 5xx: the outcome is unknown, since creating a message or a call is not idempotent
 *       and the resource may exist;
 *   <li>HTTP 429 or error 20429 (too many requests): retryable, nothing was created;
 *   <li>error 21610 (the recipient sent STOP): the recipient opted out, never retried;
 *   <li>everything else (21211 invalid To, 20003 authentication, 21608, 21614, ...): permanent.
 * </ul>
 *
 * The provider code is Twilio's error code, or {@code http-<status>} when the answer had none.
 * Stateless.
 */
public final class TwilioErrors {
  /** The recipient replied STOP. */
  public static final String OPTED_OUT = "21610";

  /** Too many requests. */
  public static final String TOO_MANY_REQUESTS = "20429";

  private TwilioErrors() {}

  /**
   * The exception for an answer that is not 2xx.
   *
   * @param status the HTTP status
   * @param code the answer's {@code code}, when it had one
   * @param text the exception message, built by the caller with Twilio's message redacted (see
   *     {@link ProviderText#redact})
   */
  public static ChannelException toException(int status, Optional<String> code, String text) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(text, "text");
    String providerCode = code.orElse("http-" + status);
    if (status >= 500) {
      return ChannelException.outcomeUnknown(providerCode, text, null);
    }
    if (status == 429 || code.filter(TOO_MANY_REQUESTS::equals).isPresent()) {
      return ChannelException.retryable(providerCode, text);
    }
    if (code.filter(OPTED_OUT::equals).isPresent()) {
      return ChannelException.recipientOptedOut(providerCode, text);
    }
    return ChannelException.permanent(providerCode, text);
  }
}
