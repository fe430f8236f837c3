package io.touchbase.channel.sms.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.channel.support.Json;
import io.touchbase.channel.support.ProviderText;
import io.touchbase.channel.support.TwilioApi;
import io.touchbase.channel.support.TwilioErrors;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured {@code twilio-sms} channel: the Messages API with HTTP Basic authentication.
 * Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class TwilioSmsChannel implements Channel {
  private static final Logger LOG = LoggerFactory.getLogger(TwilioSmsChannel.class);

  private final String name;
  private final OkHttpClient client;
  private final ObjectMapper mapper;
  private final Config config;
  private final TwilioSmsCallbacks callbacks;
  private final HttpUrl messagesUrl;

  TwilioSmsChannel(
      String name, OkHttpClient client, ObjectMapper mapper, Config config, TwilioSmsCallbacks callbacks) {
    this.name = name;
    this.client = client;
    this.mapper = mapper;
    this.config = config;
    this.callbacks = callbacks;
    this.messagesUrl = TwilioApi.accountResource(config.endpoint(), config.accountSid(), "Messages.json");
  }

  @Override
  public SendResult send(OutboundMessage message) {
    String text = message.text().orElseThrow(() -> ChannelException.permanent("no-text-template",
        "Template '" + message.templateId() + "' has no Touchbase text, and twilio-sms sends text only"));
    FormBody.Builder form = new FormBody.Builder().add("To", message.to().value());
    config.from().ifPresent(from -> form.add("From", from));
    config.messagingServiceSid().ifPresent(sid -> form.add("MessagingServiceSid", sid));
    form.add("Body", text);
    config.statusCallbackUrl().ifPresent(url -> form.add("StatusCallback", url.toString()));
    Request request = new Request.Builder()
        .url(messagesUrl)
        .header("Authorization", TwilioApi.authorization(config.accountSid(), config.authToken()))
        .header("Accept", "application/json")
        .post(form.build())
        .build();
    HttpCalls.HttpResult result = HttpCalls.execute(client, request, TwilioSmsProvider.ID);
    JsonNode answer = Json.objectOrEmpty(mapper, result.body());
    if (result.isSuccessful()) {
      String sid = Json.nonBlankText(answer, "sid")
          .orElseThrow(() -> ChannelException.outcomeUnknown(
              "malformed-response", "Twilio answered HTTP " + result.status() + " without a sid", null));
      Map<String, String> attributes = new HashMap<>();
      Json.text(answer, "status").ifPresent(s -> attributes.put("status", s));
      Json.text(answer, "num_segments").ifPresent(s -> attributes.put("segments", s));
      LOG.debug("Channel '{}' (twilio-sms): dispatch {} accepted as {}", name, message.dispatchId(), sid);
      return new SendResult(sid, attributes);
    }
    throw error(result.status(), answer);
  }

  private static ChannelException error(int status, JsonNode answer) {
    Optional<String> code = Json.text(answer, "code");
    String text = "Twilio refused the message: HTTP " + status + code.map(c -> ", error " + c).orElse("") + " ("
        + ProviderText.redact(Json.text(answer, "message").orElse("")) + ")";
    return TwilioErrors.toException(status, code, text);
  }

  /**
   * Cannot tell: Twilio keeps no id of ours on a message, so a send interrupted before its sid
   * was recorded cannot be found again (listing by number and date could not tell two sends
   * apart). The engine's in-doubt policy decides.
   */
  @Override
  public LookupResult lookup(DispatchId dispatchId) {
    return LookupResult.unknown("Twilio messages cannot be looked up by our dispatch id");
  }

  /** Free text: any template Touchbase renders, with no variables of the provider's own. */
  @Override
  public Optional<Set<String>> requiredVariables(String templateId) {
    return Optional.of(Set.of());
  }

  @Override
  public Optional<CallbackHandler> callbackHandler() {
    return Optional.of(callbacks);
  }

  @Override
  public String toString() {
    return "TwilioSmsChannel{channel=" + name + ", " + config + "}";
  }

  /** The settings and secret of a channel. {@link #toString()} omits the auth token. */
  record Config(
      HttpUrl endpoint,
      String accountSid,
      String authToken,
      Optional<String> from,
      Optional<String> messagingServiceSid,
      Optional<HttpUrl> statusCallbackUrl) {
    Config {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(authToken, "authToken");
    }

    @Override
    public String toString() {
      // The sender is the shop's own number, not a contact's; masked all the same.
      return "endpoint=" + endpoint + ", accountSid=" + accountSid
          + from.map(f -> ", from=" + ProviderText.redact(f)).orElse("")
          + messagingServiceSid.map(s -> ", messagingServiceSid=" + s).orElse("")
          + statusCallbackUrl.map(u -> ", statusCallbackUrl=" + u.newBuilder().query(null).build()).orElse("");
    }
  }
}
