package io.touchbase.channel.wechat.internal;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.callback.CallbackResponse;
import io.touchbase.channel.support.Forms;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * The pushes of a WeCom app or of customer contact to their callback URL (providers.md §5). WeCom
 * always encrypts: the URL check is a GET whose {@code echostr} is verified by {@code
 * msg_signature} over it, decrypted, and answered with the plaintext exactly; a push is a POST
 * whose {@code Encrypt} is verified by {@code msg_signature}, decrypted and checked for receiveid
 * = the corp id. Timestamps further than {@code callbackMaxAge} from the engine clock, either
 * way, are refused. Verified pushes become events through {@link WeComEvents} and are answered
 * {@code success}. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeComCallbacks implements CallbackHandler {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");

  private final Optional<WxEnvelope> envelope;
  private final Duration maxAge;
  private final Clock clock;
  private final WeComEvents events;

  /**
   * @param corpId the corporation: the receiveid of every push and the scope of external user ids
   * @param envelope the console's Token and EncodingAESKey; without them every request is refused
   * @param maxAge how far a push's timestamp may lie from the clock
   */
  WeComCallbacks(String corpId, Optional<WxEnvelope> envelope, Duration maxAge, Clock clock) {
    this.envelope = Objects.requireNonNull(envelope, "envelope");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.events = new WeComEvents(corpId, clock);
  }

  @Override
  public CallbackResult handle(CallbackRequest request) {
    WxEnvelope open = envelope.orElseThrow(() -> CallbackRejectedException.unverified("no callbackToken and "
        + "encodingAesKey configured: pushes of channel '" + request.channel() + "' cannot be verified"));
    Map<String, List<String>> query;
    try {
      query = Forms.queryOf(request.url());
    } catch (IllegalArgumentException e) {
      throw CallbackRejectedException.unverified("callback URL is malformed");
    }
    String msgSignature = single(query, "msg_signature");
    String timestamp = single(query, "timestamp");
    String nonce = single(query, "nonce");
    checkAge(timestamp);
    if (request.method().equals("GET")) {
      // echostr is Base64: a '+' that arrived unencoded was decoded to a space, which Base64 never holds.
      String echostr = single(query, "echostr").replace(' ', '+');
      return new CallbackResult(List.of(), CallbackResponse.text(200, open.open(msgSignature, timestamp, nonce,
          echostr)));
    }
    if (!request.method().equals("POST")) {
      // The method is not echoed: it is the caller's text and may hold anything.
      throw CallbackRejectedException.malformed("only GET (URL check) and POST (push) are WeCom requests");
    }
    String encrypt = WxEnvelope.encryptOf(WxXml.parse(request.bodyText()));
    Element message = WxXml.parse(open.open(msgSignature, timestamp, nonce, encrypt));
    return new CallbackResult(events.of(message), WeChatCallbacks.SUCCESS);
  }

  private void checkAge(String timestamp) {
    if (!DIGITS.matcher(timestamp).matches()) {
      throw CallbackRejectedException.unverified("timestamp must be Unix seconds");
    }
    Duration age = Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), clock.instant()).abs();
    if (age.compareTo(maxAge) > 0) {
      throw CallbackRejectedException.unverified("timestamp lies " + age.toSeconds() + " s from now, more than "
          + "callbackMaxAge " + maxAge.toSeconds() + " s: stale or replayed push");
    }
  }

  private static String single(Map<String, List<String>> query, String name) {
    List<String> values = query.getOrDefault(name, List.of());
    if (values.size() != 1 || values.get(0).isEmpty()) {
      throw CallbackRejectedException.unverified("callback URL must carry exactly one query parameter '" + name + "'");
    }
    return values.get(0);
  }

  @Override
  public String toString() {
    return "WeComCallbacks{configured=" + envelope.isPresent() + ", maxAge=" + maxAge + "}";
  }
}
