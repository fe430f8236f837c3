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
 * The pushes of one Official Account to its server URL (providers.md §4.4, §4.5): the URL check
 * (GET with {@code echostr}, answered verbatim), plaintext pushes signed with {@code signature},
 * and safe-mode pushes ({@code encrypt_type=aes}) signed with {@code msg_signature} over the
 * ciphertext, decrypted and checked for the app id. Timestamps further than {@code callbackMaxAge}
 * from the engine clock, either way, are refused. Verified pushes become events through {@link
 * WeChatEvents} and are answered {@code success}. Both WeChat providers use it, since an account
 * has one server URL for every push. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeChatCallbacks implements CallbackHandler {
  /** The answer to every accepted push: WeChat then neither retries nor shows an error. */
  static final CallbackResponse SUCCESS = CallbackResponse.text(200, "success");

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");

  private final Optional<String> token;
  private final Optional<WxEnvelope> envelope;
  private final Duration maxAge;
  private final Clock clock;
  private final WeChatEvents events;

  /**
   * @param appId the account's app id: the receiveid of encrypted pushes and the scope of openids
   * @param token the console's Token; without it every request is refused
   * @param crypto the safe-mode crypto, when an EncodingAESKey is configured; plaintext pushes are
   *     then refused
   * @param maxAge how far a push's timestamp may lie from the clock
   */
  WeChatCallbacks(String appId, Optional<String> token, Optional<WxCrypto> crypto, Duration maxAge, Clock clock) {
    this.token = Objects.requireNonNull(token, "token");
    this.envelope = token.isPresent() ? crypto.map(c -> new WxEnvelope(token.get(), c)) : Optional.empty();
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.events = new WeChatEvents(appId, clock);
  }

  @Override
  public CallbackResult handle(CallbackRequest request) {
    if (token.isEmpty()) {
      throw CallbackRejectedException.unverified(
          "no callbackToken configured: pushes of channel '" + request.channel() + "' cannot be verified");
    }
    Map<String, List<String>> query;
    try {
      query = Forms.queryOf(request.url());
    } catch (IllegalArgumentException e) {
      throw CallbackRejectedException.unverified("callback URL is malformed");
    }
    String timestamp = single(query, "timestamp");
    String nonce = single(query, "nonce");
    checkAge(timestamp);
    if (request.method().equals("GET")) {
      String echostr = Forms.first(query, "echostr")
          .orElseThrow(() -> CallbackRejectedException.malformed(
              "a GET must carry echostr: only the URL check is a GET"));
      verifyUrlSignature(query, timestamp, nonce);
      return new CallbackResult(List.of(), CallbackResponse.text(200, echostr));
    }
    if (!request.method().equals("POST")) {
      // The method is not echoed: it is the sender's text.
      throw CallbackRejectedException.malformed("WeChat sends GET for the URL check and POST for pushes only");
    }
    Optional<String> encryptType = Forms.first(query, "encrypt_type");
    Element message;
    if (encryptType.isPresent() && encryptType.get().equals("aes")) {
      message = decrypted(query, timestamp, nonce, request.bodyText());
    } else if (encryptType.isEmpty() || encryptType.get().equals("raw")) {
      if (envelope.isPresent()) {
        throw CallbackRejectedException.unverified(
            "a plaintext push, but safe mode is configured (secret encodingAesKey): only encrypted pushes count");
      }
      verifyUrlSignature(query, timestamp, nonce);
      message = WxXml.parse(request.bodyText());
    } else {
      throw CallbackRejectedException.malformed("encrypt_type must be aes or raw");
    }
    return new CallbackResult(events.of(message), SUCCESS);
  }

  private Element decrypted(Map<String, List<String>> query, String timestamp, String nonce, String body) {
    WxEnvelope open = envelope.orElseThrow(() -> CallbackRejectedException.unverified(
        "an encrypted push, but secret encodingAesKey is not configured"));
    String msgSignature = single(query, "msg_signature");
    String encrypt = WxEnvelope.encryptOf(WxXml.parse(body));
    return WxXml.parse(open.open(msgSignature, timestamp, nonce, encrypt));
  }

  private void verifyUrlSignature(Map<String, List<String>> query, String timestamp, String nonce) {
    String signature = single(query, "signature");
    if (!WxSignatures.matches(WxSignatures.sign(token.orElseThrow(), timestamp, nonce), signature)) {
      throw CallbackRejectedException.unverified("signature does not match: wrong callbackToken or forged push");
    }
  }

  private void checkAge(String timestamp) {
    if (!DIGITS.matcher(timestamp).matches()) {
      throw CallbackRejectedException.unverified("timestamp must be Unix seconds");
    }
    Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp));
    Duration age = Duration.between(at, clock.instant()).abs();
    if (age.compareTo(maxAge) > 0) {
      throw CallbackRejectedException.unverified(
          "timestamp lies " + age.toSeconds() + " s from now, more than callbackMaxAge " + maxAge.toSeconds()
              + " s: stale or replayed push");
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
    return "WeChatCallbacks{safeMode=" + envelope.isPresent() + ", maxAge=" + maxAge + "}";
  }
}
