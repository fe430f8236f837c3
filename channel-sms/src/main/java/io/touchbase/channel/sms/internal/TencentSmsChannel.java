package io.touchbase.channel.sms.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchbase.channel.support.Batches;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.channel.support.Json;
import io.touchbase.channel.support.PhoneNumbers;
import io.touchbase.channel.support.Tc3Signer;
import io.touchbase.channel.support.TemplateMapping;
import io.touchbase.channel.support.TemplateMappings;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendAttempt;
import io.touchbase.spi.channel.SendResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured {@code tencent-sms} channel: SendSms signed with TC3-HMAC-SHA256. Thread-safe.
 *
 * <p>Look-up keeps the default (cannot tell): Tencent's pull APIs need activation and report by
 * {@code SerialNo}, which an interrupted send never learned (providers.md §2.6).
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class TencentSmsChannel implements Channel {
  /** Exactly what is sent and signed: the signature covers this string. */
  static final String CONTENT_TYPE = "application/json; charset=utf-8";
  static final String API_VERSION = "2021-01-11";
  static final int BATCH_LIMIT = 200;
  /** {@code SessionContext} of a batch, which has one for all its numbers. */
  static final String BATCH_SESSION_PREFIX = "batch:";

  private static final Logger LOG = LoggerFactory.getLogger(TencentSmsChannel.class);
  private static final MediaType JSON = MediaType.get(CONTENT_TYPE);

  private final String name;
  private final OkHttpClient client;
  private final ObjectMapper mapper;
  private final Config config;
  private final TemplateMappings mappings;
  private final Clock clock;
  private final TencentSmsCallbacks callbacks;

  TencentSmsChannel(
      String name,
      OkHttpClient client,
      ObjectMapper mapper,
      Config config,
      TemplateMappings mappings,
      Clock clock,
      TencentSmsCallbacks callbacks) {
    this.name = name;
    this.client = client;
    this.mapper = mapper;
    this.config = config;
    this.mappings = mappings;
    this.clock = clock;
    this.callbacks = callbacks;
  }

  @Override
  public SendResult send(OutboundMessage message) {
    Prepared p = prepare(message);
    JsonNode response = call(body(p, List.of(p.number()), message.dispatchId().value()));
    JsonNode entry = statusesByNumber(response).get(p.number());
    JsonNode statuses = response.path("SendStatusSet");
    if (entry == null && statuses.size() == 1) {
      entry = statuses.get(0); // one number asked, one answered, in a format we could not read
    }
    SendResult result = resultOf(entry, requestId(response));
    LOG.debug("Channel '{}' (tencent-sms): dispatch {} accepted as {}", name, message.dispatchId(),
        result.providerMessageId());
    return result;
  }

  /**
   * Sends messages that share template, signature and parameters with one request of up to
   * {@value #BATCH_LIMIT} numbers ({@code PhoneNumberSet}; all mainland or all international,
   * each number once); any other message goes alone.
   */
  @Override
  public List<SendAttempt> sendAll(List<OutboundMessage> messages) {
    SendAttempt[] attempts = new SendAttempt[messages.size()];
    Map<Integer, Prepared> prepared = new LinkedHashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      try {
        prepared.put(i, prepare(messages.get(i)));
      } catch (ChannelException e) {
        attempts[i] = SendAttempt.failed(messages.get(i).dispatchId(), e);
      }
    }
    List<List<Integer>> chunks = Batches.split(
        List.copyOf(prepared.keySet()), i -> prepared.get(i).key(), i -> prepared.get(i).number(), BATCH_LIMIT);
    for (List<Integer> chunk : chunks) {
      sendChunk(messages, chunk, prepared, attempts);
    }
    return Arrays.asList(attempts);
  }

  private void sendChunk(
      List<OutboundMessage> messages, List<Integer> chunk, Map<Integer, Prepared> prepared, SendAttempt[] attempts) {
    if (chunk.size() == 1) {
      OutboundMessage m = messages.get(chunk.get(0));
      try {
        attempts[chunk.get(0)] = SendAttempt.accepted(m.dispatchId(), send(m));
      } catch (ChannelException e) {
        attempts[chunk.get(0)] = SendAttempt.failed(m.dispatchId(), e);
      }
      return;
    }
    List<String> numbers = new ArrayList<>();
    chunk.forEach(i -> numbers.add(prepared.get(i).number()));
    Prepared first = prepared.get(chunk.get(0));
    try {
      JsonNode response = call(body(first, numbers, BATCH_SESSION_PREFIX + messages.get(chunk.get(0)).dispatchId()));
      Map<String, JsonNode> byNumber = statusesByNumber(response);
      for (int i : chunk) {
        OutboundMessage m = messages.get(i);
        try {
          attempts[i] = SendAttempt.accepted(m.dispatchId(), resultOf(byNumber.get(prepared.get(i).number()),
              requestId(response)));
        } catch (ChannelException e) {
          attempts[i] = SendAttempt.failed(m.dispatchId(), e);
        }
      }
      LOG.debug("Channel '{}' (tencent-sms): batch of {} answered", name, chunk.size());
    } catch (ChannelException e) {
      for (int i : chunk) {
        attempts[i] = SendAttempt.failed(messages.get(i).dispatchId(), e);
      }
    }
  }

  @Override
  public Optional<Set<String>> requiredVariables(String templateId) {
    return mappings.requiredVariables(templateId);
  }

  @Override
  public Optional<CallbackHandler> callbackHandler() {
    return Optional.of(callbacks);
  }

  private Prepared prepare(OutboundMessage m) {
    TemplateMapping mapping = mappings.require(m.templateId());
    List<String> values = mapping.orderedValues(m.variables());
    String number = m.to().value();
    boolean mainland = PhoneNumbers.isMainlandChina(number);
    Optional<String> signName = mapping.signName().or(config::signName);
    if (mainland && signName.isEmpty()) {
      throw ChannelException.permanent("missing-sign-name",
          "Mainland China numbers need a signature: set setting 'signName' or 'template." + m.templateId()
              + ".signName'");
    }
    return new Prepared(number, new Prepared.Key(mapping.code(), signName, values, mainland));
  }

  /** The body of §2.2, fields in its order. */
  private byte[] body(Prepared p, List<String> numbers, String sessionContext) {
    ObjectNode body = mapper.createObjectNode();
    ArrayNode phones = body.putArray("PhoneNumberSet");
    numbers.forEach(phones::add);
    body.put("SmsSdkAppId", config.smsSdkAppId());
    p.key().signName().ifPresent(s -> body.put("SignName", s));
    body.put("TemplateId", p.key().templateId());
    if (!p.key().values().isEmpty()) {
      ArrayNode params = body.putArray("TemplateParamSet");
      p.key().values().forEach(params::add);
    }
    body.put("SessionContext", sessionContext);
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** Sends SendSms; returns {@code Response} when it carries no {@code Error}, else throws. */
  private JsonNode call(byte[] body) {
    long timestamp = clock.instant().getEpochSecond();
    String host = hostHeader(config.endpoint());
    String authorization = Tc3Signer.authorization(
        config.secretId(), config.secretKey(), "sms", host, CONTENT_TYPE, timestamp, body);
    Request request = new Request.Builder()
        .url(config.endpoint())
        .header("Host", host)
        .header("X-TC-Action", "SendSms")
        .header("X-TC-Version", API_VERSION)
        .header("X-TC-Timestamp", String.valueOf(timestamp))
        .header("X-TC-Region", config.region())
        .header("Authorization", authorization)
        .post(RequestBody.create(body, JSON))
        .build();
    HttpCalls.HttpResult result = HttpCalls.execute(client, request, TencentSmsProvider.ID);
    if (result.status() >= 500) {
      // SendSms is not idempotent: a server error may follow an accepted message.
      throw ChannelException.outcomeUnknown(
          "http-" + result.status(), "Tencent Cloud SMS answered HTTP " + result.status(), null);
    }
    JsonNode response = Json.objectOrEmpty(mapper, result.body()).path("Response");
    if (!response.isObject()) {
      if (result.isSuccessful()) {
        throw ChannelException.outcomeUnknown("malformed-response",
            "Tencent Cloud SMS answered HTTP " + result.status() + " without a Response", null);
      }
      throw ChannelException.permanent("http-" + result.status(), "Tencent Cloud SMS answered HTTP " + result.status());
    }
    JsonNode error = response.path("Error");
    if (error.isObject()) {
      // The HTTP status of errors is believed to be 200 (unconfirmed); the Error object decides.
      throw TencentSmsErrors.toException(
          Json.text(error, "Code").orElse("unknown"),
          Json.text(error, "Message").orElse(""),
          clock.instant());
    }
    return response;
  }

  /** The Host header exactly as OkHttp sends it for {@code url}, which the signature covers. */
  private static String hostHeader(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  /** The entries of {@code SendStatusSet} by E.164 number. */
  private static Map<String, JsonNode> statusesByNumber(JsonNode response) {
    Map<String, JsonNode> byNumber = new HashMap<>();
    for (JsonNode entry : response.path("SendStatusSet")) {
      String number = Json.text(entry, "PhoneNumber").orElse("");
      try {
        byNumber.put(PhoneNumbers.toE164(number), entry);
      } catch (IllegalArgumentException e) {
        // An entry we cannot attribute; its message counts as unanswered below.
      }
    }
    return byNumber;
  }

  private SendResult resultOf(JsonNode entry, Optional<String> requestId) {
    if (entry == null) {
      throw ChannelException.outcomeUnknown(
          "missing-send-status", "Tencent Cloud SMS answered without a status for the number", null);
    }
    String code = Json.text(entry, "Code").orElse("unknown");
    if (!code.equals(TencentSmsErrors.OK)) {
      throw TencentSmsErrors.toException(code, Json.text(entry, "Message").orElse(""), clock.instant());
    }
    String serialNo = Json.nonBlankText(entry, "SerialNo")
        .orElseThrow(() -> ChannelException.outcomeUnknown(
            "missing-serial-no", "Tencent Cloud SMS answered Ok without a SerialNo", null));
    Map<String, String> attributes = new HashMap<>();
    Json.text(entry, "Fee").ifPresent(fee -> attributes.put("fee", fee));
    Json.text(entry, "IsoCode").ifPresent(iso -> attributes.put("isoCode", iso));
    requestId.ifPresent(id -> attributes.put("requestId", id));
    return new SendResult(serialNo, attributes);
  }

  private static Optional<String> requestId(JsonNode response) {
    return Json.text(response, "RequestId");
  }

  @Override
  public String toString() {
    return "TencentSmsChannel{channel=" + name + ", " + config + ", templates=" + mappings.templateIds() + "}";
  }

  /** The settings and secret of a channel. {@link #toString()} omits the secret key. */
  record Config(
      HttpUrl endpoint, String secretId, String secretKey, String smsSdkAppId, Optional<String> signName,
      String region) {
    Config {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(secretKey, "secretKey");
    }

    @Override
    public String toString() {
      return "endpoint=" + endpoint + ", secretId=" + secretId + ", smsSdkAppId=" + smsSdkAppId + ", signName="
          + signName.orElse("-") + ", region=" + region;
    }
  }

  /** A message checked for the API; messages of equal keys can share a request. */
  private record Prepared(String number, Key key) {
    record Key(String templateId, Optional<String> signName, List<String> values, boolean mainland) {}
  }
}
