package io.touchbase.channel.phone.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.channel.support.AliyunRpcRequest;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.channel.support.HttpCalls.HttpResult;
import io.touchbase.channel.support.Json;
import io.touchbase.channel.support.PhoneNumbers;
import io.touchbase.channel.support.TemplateMapping;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places one text-to-speech notification call per message with Aliyun Voice {@code
 * SingleCallByTts}. Thread-safe and stateless between sends.
 */
final class AliyunVoiceChannel implements Channel {
  static final String ACTION = "SingleCallByTts";
  static final String VERSION = "2017-05-25";
  /** {@code TtsParam} must be shorter than this, in characters. */
  static final int MAX_TTS_PARAM_CHARS = 250;

  private static final Logger log = LoggerFactory.getLogger(AliyunVoiceChannel.class);

  private final String channel;
  private final AliyunVoiceConfig config;
  private final AliyunRpcRequest rpc;
  private final OkHttpClient client;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final CallbackHandler callbackHandler;

  AliyunVoiceChannel(
      String channel,
      AliyunVoiceConfig config,
      AliyunRpcRequest rpc,
      OkHttpClient client,
      ObjectMapper mapper,
      Clock clock,
      Optional<String> callbackToken) {
    this.channel = channel;
    this.config = config;
    this.rpc = rpc;
    this.client = client;
    this.mapper = mapper;
    this.clock = clock;
    this.callbackHandler = new AliyunVoiceReportHandler(callbackToken, new AliyunVoiceReports(mapper, clock));
  }

  @Override
  public SendResult send(OutboundMessage message) {
    Map<String, String> params = callParams(message);
    HttpResult result = HttpCalls.execute(client, rpc.newRequest(ACTION, VERSION, params), AliyunVoiceProvider.ID);
    JsonNode body = Json.objectOrEmpty(mapper, result.body());
    Optional<String> code = Json.nonBlankText(body, "Code");
    if (result.isSuccessful() && code.filter("OK"::equals).isPresent()) {
      Optional<String> callId = Json.nonBlankText(body, "CallId");
      if (callId.isEmpty()) {
        // Accepted, so a call is on its way; without its id the engine must not place another.
        throw ChannelException.outcomeUnknown(
            "missing-call-id", "Channel '" + channel + "' (aliyun-voice): SingleCallByTts answered OK without CallId",
            null);
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("outId", params.get("OutId"));
      Json.nonBlankText(body, "RequestId").ifPresent(v -> attributes.put("requestId", v));
      log.debug("Channel '{}' placed Aliyun call '{}' for dispatch '{}' to {}", channel, callId.get(),
          message.dispatchId(), message.to());
      return new SendResult(callId.get(), attributes);
    }
    if (result.isSuccessful() && code.isEmpty()) {
      throw ChannelException.outcomeUnknown(
          "malformed-response",
          "Channel '" + channel + "' (aliyun-voice): SingleCallByTts answered HTTP " + result.status()
              + " without Code; the call may have been placed",
          null);
    }
    throw AliyunVoiceErrors.of(channel, result.status(), code, Json.nonBlankText(body, "Message"), clock.instant());
  }

  /**
   * The API parameters of the call for {@code message}: everything but the common parameters,
   * which the signed request adds.
   *
   * @throws ChannelException permanent when the template is unmapped, a variable is missing, the
   *     parameters are too long or the address is not a phone number
   */
  Map<String, String> callParams(OutboundMessage message) {
    if (!message.to().kind().equals(AddressKind.PHONE)) {
      throw ChannelException.permanent(
          "unsupported-address",
          "Channel '" + channel + "' (aliyun-voice) calls phone numbers, not addresses of kind '"
              + message.to().kind() + "'");
    }
    TemplateMapping mapping = config.templates().require(message.templateId());
    Map<String, String> params = new LinkedHashMap<>();
    params.put("CalledNumber", PhoneNumbers.toAliyun(message.to().value()));
    config.calledShowNumber().ifPresent(v -> params.put("CalledShowNumber", v));
    params.put("TtsCode", mapping.code());
    Map<String, String> values = mapping.namedValues(message.variables());
    if (!values.isEmpty()) {
      String ttsParam = json(values);
      if (ttsParam.length() >= MAX_TTS_PARAM_CHARS) {
        throw ChannelException.permanent(
            "tts-param-too-long",
            "Channel '" + channel + "' (aliyun-voice): TtsParam of template '" + message.templateId() + "' has "
                + ttsParam.length() + " characters; Aliyun accepts fewer than " + MAX_TTS_PARAM_CHARS);
      }
      params.put("TtsParam", ttsParam);
    }
    config.playTimes().ifPresent(v -> params.put("PlayTimes", Integer.toString(v)));
    config.volume().ifPresent(v -> params.put("Volume", Integer.toString(v)));
    config.speed().ifPresent(v -> params.put("Speed", Integer.toString(v)));
    params.put("OutId", AliyunOutId.of(message.dispatchId()));
    return params;
  }

  /**
   * Aliyun Voice has no query by {@code OutId}: its call detail query needs the {@code CallId}, which
   * is exactly what a send of unknown outcome lacks.
   */
  @Override
  public LookupResult lookup(DispatchId dispatchId) {
    return LookupResult.unknown("aliyun-voice cannot look calls up by OutId; only call results tell");
  }

  @Override
  public Optional<Set<String>> requiredVariables(String templateId) {
    return config.templates().requiredVariables(templateId);
  }

  @Override
  public Optional<CallbackHandler> callbackHandler() {
    return Optional.of(callbackHandler);
  }

  private String json(Map<String, String> values) {
    try {
      return mapper.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  @Override
  public String toString() {
    return "AliyunVoiceChannel{channel=" + channel + ", endpoint=" + config.endpoint() + ", accessKeyId="
        + config.accessKeyId() + ", signatureVersion=" + config.signatureVersion() + ", templates="
        + config.templates().templateIds() + "}";
  }
}
