package io.touchbase.channel.phone.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.channel.support.HttpCalls.HttpResult;
import io.touchbase.channel.support.Json;
import io.touchbase.channel.support.TwilioApi;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places one call per message with Twilio's Calls API; the call says the message's rendered text
 * with {@code <Say>}. Thread-safe and stateless between sends.
 */
final class TwilioVoiceChannel implements Channel {
  /** The query parameter of the status callback URL that carries our dispatch id back. */
  static final String DISPATCH_ID_PARAMETER = "dispatchId";
  /** unconfirmed: Twilio documents 4,000 characters as the longest {@code Twiml} parameter. */
  static final int MAX_TWIML_CHARS = 4_000;

  private static final Logger log = LoggerFactory.getLogger(TwilioVoiceChannel.class);

  private final String channel;
  private final TwilioVoiceConfig config;
  private final String authorization;
  private final HttpUrl callsUrl;
  private final OkHttpClient client;
  private final ObjectMapper mapper;
  private final CallbackHandler callbackHandler;

  TwilioVoiceChannel(
      String channel,
      TwilioVoiceConfig config,
      String authToken,
      OkHttpClient client,
      ObjectMapper mapper,
      Clock clock) {
    this.channel = channel;
    this.config = config;
    this.authorization = TwilioApi.authorization(config.accountSid(), authToken);
    this.callsUrl = TwilioApi.accountResource(config.endpoint(), config.accountSid(), "Calls.json");
    this.client = client;
    this.mapper = mapper;
    this.callbackHandler = new TwilioCallStatusHandler(authToken, clock);
  }

  @Override
  public SendResult send(OutboundMessage message) {
    Request request = new Request.Builder().url(callsUrl).header("Authorization", authorization)
        .post(form(message)).build();
    HttpResult result = HttpCalls.execute(client, request, TwilioVoiceProvider.ID);
    JsonNode body = Json.objectOrEmpty(mapper, result.body());
    if (result.isSuccessful()) {
      Optional<String> sid = Json.nonBlankText(body, "sid");
      if (sid.isEmpty()) {
        // Twilio answered 2xx, so the call exists; without its sid the engine must not place another.
        throw ChannelException.outcomeUnknown(
            "missing-call-sid",
            "Channel '" + channel + "' (twilio-voice): Calls API answered HTTP " + result.status() + " without sid",
            null);
      }
      log.debug("Channel '{}' queued Twilio call '{}' for dispatch '{}' to {}", channel, sid.get(),
          message.dispatchId(), message.to());
      Map<String, String> attributes =
          Json.nonBlankText(body, "status").map(s -> Map.of("status", s)).orElse(Map.of());
      return new SendResult(sid.get(), attributes);
    }
    throw TwilioVoiceErrors.of(
        channel, result.status(), Json.nonBlankText(body, "code"), Json.nonBlankText(body, "message"));
  }

  /**
   * The form of the call for {@code message}.
   *
   * @throws ChannelException permanent when there is no text to say or the address is not a phone
   */
  FormBody form(OutboundMessage message) {
    if (!message.to().kind().equals(AddressKind.PHONE)) {
      throw ChannelException.permanent(
          "unsupported-address",
          "Channel '" + channel + "' (twilio-voice) calls phone numbers, not addresses of kind '"
              + message.to().kind() + "'");
    }
    String text = message.text().filter(t -> !t.isBlank()).orElseThrow(() -> ChannelException.permanent(
        "no-text-template",
        "Channel '" + channel + "' (twilio-voice) says the message's text, but template '" + message.templateId()
            + "' has none in Touchbase"));
    String twiml = Twiml.say(text, language(message), config.voice());
    if (twiml.length() > MAX_TWIML_CHARS) {
      throw ChannelException.permanent(
          "twiml-too-long",
          "Channel '" + channel + "' (twilio-voice): the TwiML of template '" + message.templateId() + "' has "
              + twiml.length() + " characters; Twilio accepts " + MAX_TWIML_CHARS);
    }
    FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8)
        .add("To", message.to().value())
        .add("From", config.from())
        .add("Twiml", twiml);
    config.statusCallbackUrl().ifPresent(url -> form
        // The dispatch id comes back in the signed URL, so results correlate even when the send's
        // answer (and with it the CallSid) was lost.
        .add("StatusCallback", url.newBuilder().addQueryParameter(DISPATCH_ID_PARAMETER,
            message.dispatchId().value()).build().toString())
        .add("StatusCallbackEvent", "completed"));
    config.timeoutSeconds().ifPresent(t -> form.add("Timeout", Integer.toString(t)));
    return form.build();
  }

  private Optional<String> language(OutboundMessage message) {
    return config.language().or(() -> message.locale().map(Locale::toLanguageTag).filter(t -> !t.equals("und")));
  }

  /** Twilio's call list cannot be searched by anything Touchbase sent. */
  @Override
  public LookupResult lookup(DispatchId dispatchId) {
    return LookupResult.unknown("twilio-voice cannot look calls up by dispatch id; only call results tell");
  }

  /** The text comes from Touchbase's own template, so no provider variables are needed. */
  @Override
  public Optional<Set<String>> requiredVariables(String templateId) {
    return Optional.of(Set.of());
  }

  @Override
  public Optional<CallbackHandler> callbackHandler() {
    return Optional.of(callbackHandler);
  }

  @Override
  public String toString() {
    return "TwilioVoiceChannel{channel=" + channel + ", endpoint=" + config.endpoint() + ", accountSid="
        + config.accountSid() + "}";
  }
}
