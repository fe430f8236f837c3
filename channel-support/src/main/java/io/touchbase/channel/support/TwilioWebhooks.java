package io.touchbase.channel.support;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.callback.CallbackResponse;
import io.touchbase.spi.channel.CallbackRejectedException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads Twilio's webhooks (message and call status callbacks, incoming messages): the {@code
 * X-Twilio-Signature} is checked before anything is read, and only then are the parameters
 * Twilio sent handed out. Stateless and thread-safe.
 */
public final class TwilioWebhooks {
  /**
   * An empty TwiML document: what Twilio expects from a status callback, and no reply to an
   * incoming message.
   */
  public static final CallbackResponse EMPTY_TWIML = CallbackResponse.ok("text/xml", "<Response/>");

  private TwilioWebhooks() {}

  /**
   * The parameters of a signed webhook: the form of a POST, the query of a GET (Twilio calls
   * either, as the webhook's method is configured).
   *
   * @param authToken the account's auth token
   * @throws CallbackRejectedException unverified (401) when the signature is missing or wrong;
   *     malformed (400) when the parameters cannot be read. Neither reason shows the request
   */
  public static Map<String, List<String>> verifiedParams(String authToken, CallbackRequest request) {
    Objects.requireNonNull(request, "request");
    if (!TwilioSignature.isValid(authToken, request)) {
      throw CallbackRejectedException.unverified(
          TwilioSignature.HEADER + " is missing or does not match the request");
    }
    try {
      return request.method().equals("GET") ? Forms.queryOf(request.url()) : Forms.parse(request.bodyText());
    } catch (IllegalArgumentException e) {
      throw CallbackRejectedException.malformed("Twilio webhook parameters are malformed");
    }
  }
}
