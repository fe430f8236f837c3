package io.touchbase.channel.sms.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.channel.support.AliyunRpcRequest;
import io.touchbase.channel.support.Batches;
import io.touchbase.channel.support.ChinaTime;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.channel.support.Json;
import io.touchbase.channel.support.PhoneNumbers;
import io.touchbase.channel.support.TemplateMapping;
import io.touchbase.channel.support.TemplateMappings;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupRequest;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendAttempt;
import io.touchbase.spi.channel.SendResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured {@code aliyun-sms} channel: SendSms, SendBatchSms and QuerySendDetails. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class AliyunSmsChannel implements Channel {
  static final String API_VERSION = "2017-05-25";
  static final int BATCH_LIMIT = 100;
  /**
   * SendBatchSms takes one {@code OutId} for the whole request, so it cannot carry each dispatch
   * id. Batches put this prefix and the first dispatch id there; receipts with it are correlated
   * by {@link #batchMessageId} instead.
   */
  static final String BATCH_OUT_ID_PREFIX = "batch:";
  static final int LOOKUP_PAGE_SIZE = 50;
  static final int LOOKUP_MAX_PAGES = 10;
  /**
   * Sends younger than this are never reported NOT_FOUND: how soon QuerySendDetails lists a send
   * is not documented (unconfirmed), and NOT_FOUND makes the engine send again.
   */
  static final Duration LOOKUP_SETTLE_TIME = Duration.ofMinutes(2);

  /** How far an attempt's recorded time may be from the send: a heartbeat interval and then some. */
  private static final Duration ATTEMPT_TIME_SLACK = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(AliyunSmsChannel.class);
  private static final DateTimeFormatter SEND_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private final String name;
  private final OkHttpClient client;
  private final ObjectMapper mapper;
  private final AliyunRpcRequest rpc;
  private final String signName;
  private final TemplateMappings mappings;
  private final Clock clock;
  private final AliyunSmsCallbacks callbacks;
  private final String description;

  AliyunSmsChannel(
      String name,
      OkHttpClient client,
      ObjectMapper mapper,
      AliyunRpcRequest rpc,
      String signName,
      TemplateMappings mappings,
      Clock clock,
      AliyunSmsCallbacks callbacks,
      String description) {
    this.name = name;
    this.client = client;
    this.mapper = mapper;
    this.rpc = rpc;
    this.signName = signName;
    this.mappings = mappings;
    this.clock = clock;
    this.callbacks = callbacks;
    this.description = description;
  }

  @Override
  public SendResult send(OutboundMessage message) {
    Prepared p = prepare(message);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("PhoneNumbers", p.number());
    params.put("SignName", p.signName());
    params.put("TemplateCode", p.mapping().code());
    p.templateParam().ifPresent(json -> params.put("TemplateParam", json));
    params.put("OutId", message.dispatchId().value());
    JsonNode answer = call("SendSms", params);
    String bizId = Json.nonBlankText(answer, "BizId")
        .orElseThrow(() -> ChannelException.outcomeUnknown(
            "missing-biz-id", "Aliyun SMS answered OK without a BizId", null));
    LOG.debug("Channel '{}' (aliyun-sms): dispatch {} accepted as {}", name, message.dispatchId(), bizId);
    return new SendResult(bizId, attributes(answer));
  }

  /**
   * Sends messages of the same template through SendBatchSms, at most {@value #BATCH_LIMIT}
   * numbers per call and each number once per call; a group of one goes through SendSms, which
   * carries its own dispatch id.
   */
  @Override
  public List<SendAttempt> sendAll(List<OutboundMessage> messages) {
    SendAttempt[] attempts = new SendAttempt[messages.size()];
    Map<Integer, Prepared> prepared = new LinkedHashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      OutboundMessage m = messages.get(i);
      try {
        prepared.put(i, prepare(m));
      } catch (ChannelException e) {
        attempts[i] = SendAttempt.failed(m.dispatchId(), e);
      }
    }
    List<List<Integer>> chunks = Batches.split(
        List.copyOf(prepared.keySet()), i -> messages.get(i).templateId(), i -> prepared.get(i).number(), BATCH_LIMIT);
    for (List<Integer> chunk : chunks) {
      if (chunk.size() == 1) {
        int i = chunk.get(0);
        attempts[i] = attempt(messages.get(i), () -> send(messages.get(i)));
      } else {
        sendBatch(messages, chunk, prepared, attempts);
      }
    }
    return Arrays.asList(attempts);
  }

  private void sendBatch(
      List<OutboundMessage> messages, List<Integer> chunk, Map<Integer, Prepared> prepared, SendAttempt[] attempts) {
    List<String> numbers = new ArrayList<>();
    List<String> signNames = new ArrayList<>();
    List<Map<String, String>> templateParams = new ArrayList<>();
    for (int i : chunk) {
      Prepared p = prepared.get(i);
      numbers.add(p.number());
      signNames.add(p.signName());
      templateParams.add(p.mapping().namedValues(messages.get(i).variables()));
    }
    TemplateMapping mapping = prepared.get(chunk.get(0)).mapping();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("PhoneNumberJson", json(numbers));
    params.put("SignNameJson", json(signNames));
    params.put("TemplateCode", mapping.code());
    if (!mapping.params().isEmpty()) {
      params.put("TemplateParamJson", json(templateParams));
    }
    params.put("OutId", BATCH_OUT_ID_PREFIX + messages.get(chunk.get(0)).dispatchId().value());
    try {
      JsonNode answer = call("SendBatchSms", params);
      String bizId = Json.nonBlankText(answer, "BizId")
          .orElseThrow(() -> ChannelException.outcomeUnknown(
              "missing-biz-id", "Aliyun SMS answered OK without a BizId", null));
      Map<String, String> attributes = new HashMap<>(attributes(answer));
      attributes.put("bizId", bizId);
      for (int i : chunk) {
        OutboundMessage m = messages.get(i);
        String id = batchMessageId(bizId, m.to().value());
        attempts[i] = SendAttempt.accepted(m.dispatchId(), new SendResult(id, attributes));
      }
      LOG.debug("Channel '{}' (aliyun-sms): batch of {} accepted as {}", name, chunk.size(), bizId);
    } catch (ChannelException e) {
      for (int i : chunk) {
        attempts[i] = SendAttempt.failed(messages.get(i).dispatchId(), e);
      }
    }
  }

  private static SendAttempt attempt(OutboundMessage m, java.util.function.Supplier<SendResult> send) {
    try {
      return SendAttempt.accepted(m.dispatchId(), send.get());
    } catch (ChannelException e) {
      return SendAttempt.failed(m.dispatchId(), e);
    }
  }

  /**
   * The provider message id of one number of a batch: the batch's BizId and a digest of the
   * number, since receipts report both and the BizId alone is shared by the whole batch. The
   * digest keeps the number itself out of stored ids.
   */
  static String batchMessageId(String bizId, String e164) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(e164.getBytes(StandardCharsets.UTF_8));
      return bizId + ":" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * Looks the message up with QuerySendDetails by number and send date (mainland time) and
   * matches our dispatch id against each entry's {@code OutId}. The response shape ({@code
   * SmsSendDetailDTOs.SmsSendDetailDTO[]} with {@code OutId}, {@code SendStatus}) is not in our
   * reference and is unconfirmed.
   */
  @Override
  public LookupResult lookup(LookupRequest request) {
    Instant now = clock.instant();
    if (Duration.between(request.attemptedAt(), now).compareTo(LOOKUP_SETTLE_TIME) < 0) {
      return LookupResult.unknown("attempted less than " + LOOKUP_SETTLE_TIME.toMinutes()
          + " minutes ago; QuerySendDetails may not list it yet");
    }
    String number;
    try {
      number = PhoneNumbers.toAliyun(request.to().value());
    } catch (IllegalArgumentException e) {
      return LookupResult.unknown("the address is not a phone number");
    }
    // A send attempted near midnight may be dated either side of it, and the engine knows an
    // interrupted attempt's time only to within a heartbeat of its run: ask both days then.
    Set<LocalDate> dates = new LinkedHashSet<>();
    dates.add(LocalDate.ofInstant(request.attemptedAt(), ChinaTime.ZONE));
    dates.add(LocalDate.ofInstant(request.attemptedAt().minus(ATTEMPT_TIME_SLACK), ChinaTime.ZONE));
    dates.add(LocalDate.ofInstant(request.attemptedAt().plus(ATTEMPT_TIME_SLACK), ChinaTime.ZONE));
    boolean batchSeen = false;
    try {
      for (LocalDate date : dates) {
        for (int page = 1; ; page++) {
          Map<String, String> params = new LinkedHashMap<>();
          params.put("PhoneNumber", number);
          params.put("SendDate", SEND_DATE.format(date));
          params.put("PageSize", String.valueOf(LOOKUP_PAGE_SIZE));
          params.put("CurrentPage", String.valueOf(page));
          JsonNode answer = call("QuerySendDetails", params);
          for (JsonNode entry : entries(answer)) {
            String outId = Json.text(entry, "OutId").orElse("");
            if (outId.equals(request.dispatchId().value())) {
              // The entries carry no BizId; the OutId is the id Aliyun knows this message by.
              return LookupResult.found(outId);
            }
            batchSeen |= outId.startsWith(BATCH_OUT_ID_PREFIX);
          }
          long total = answer.path("TotalCount").asLong(0);
          if ((long) page * LOOKUP_PAGE_SIZE >= total) {
            break;
          }
          if (page == LOOKUP_MAX_PAGES) {
            return LookupResult.unknown("more than " + LOOKUP_MAX_PAGES * LOOKUP_PAGE_SIZE
                + " sends to the number on " + date + "; not all were read");
          }
        }
      }
    } catch (ChannelException e) {
      return LookupResult.unknown("QuerySendDetails failed: " + e.providerCode());
    }
    if (batchSeen) {
      return LookupResult.unknown("a batch send to the number on that day cannot be told apart from this one");
    }
    return LookupResult.notFound("QuerySendDetails lists no send with this OutId on " + dates);
  }

  private static List<JsonNode> entries(JsonNode answer) {
    JsonNode list = answer.path("SmsSendDetailDTOs").path("SmsSendDetailDTO");
    List<JsonNode> entries = new ArrayList<>();
    if (list.isArray()) {
      list.forEach(entries::add);
    } else if (list.isObject()) {
      entries.add(list);
    }
    return entries;
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
    String number;
    try {
      number = PhoneNumbers.toAliyun(m.to().value());
    } catch (IllegalArgumentException e) {
      throw ChannelException.permanent("invalid-address", "Recipient " + m.to() + " is not an E.164 phone number");
    }
    Map<String, String> values = mapping.namedValues(m.variables());
    Optional<String> templateParam = values.isEmpty() ? Optional.empty() : Optional.of(json(values));
    return new Prepared(number, mapping.signName().orElse(signName), mapping, templateParam);
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings always serialize", e);
    }
  }

  /** Calls an action; returns the answer when {@code Code} is {@code OK}, else throws. */
  private JsonNode call(String action, Map<String, String> params) {
    HttpCalls.HttpResult result = HttpCalls.execute(client, rpc.newRequest(action, API_VERSION, params), "aliyun-sms");
    JsonNode answer = Json.objectOrEmpty(mapper, result.body());
    Optional<String> code = Json.text(answer, "Code");
    if (result.status() >= 500 && !code.map(AliyunSmsErrors::refusedBeforeSending).orElse(false)) {
      // SendSms is not idempotent: a server error may follow an accepted message.
      throw ChannelException.outcomeUnknown(
          "http-" + result.status(), "Aliyun SMS " + action + " answered HTTP " + result.status()
              + code.map(c -> " (" + c + ")").orElse(""), null);
    }
    if (code.isEmpty()) {
      if (result.isSuccessful()) {
        throw ChannelException.outcomeUnknown(
            "malformed-response", "Aliyun SMS " + action + " answered HTTP " + result.status()
                + " without a Code", null);
      }
      throw ChannelException.permanent(
          "http-" + result.status(), "Aliyun SMS " + action + " answered HTTP " + result.status());
    }
    if (!code.get().equals("OK")) {
      throw AliyunSmsErrors.toException(code.get(), Json.text(answer, "Message").orElse(""), clock.instant());
    }
    return answer;
  }

  private static Map<String, String> attributes(JsonNode answer) {
    return Json.text(answer, "RequestId").map(id -> Map.of("requestId", id)).orElse(Map.of());
  }

  @Override
  public String toString() {
    return "AliyunSmsChannel{channel=" + name + ", " + description + ", templates=" + mappings.templateIds() + "}";
  }

  /** A message checked and converted for the API. */
  private record Prepared(String number, String signName, TemplateMapping mapping, Optional<String> templateParam) {}

  /** The dispatch id an {@code OutId} names: none for a batch's or one that is not a dispatch id. */
  static Optional<DispatchId> dispatchIdOf(String outId) {
    if (outId == null || outId.isBlank() || outId.startsWith(BATCH_OUT_ID_PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(DispatchId.of(outId));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
