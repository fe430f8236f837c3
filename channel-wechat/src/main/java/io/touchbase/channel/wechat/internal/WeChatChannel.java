package io.touchbase.channel.wechat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.channel.support.Json;
import io.touchbase.channel.support.TemplateMapping;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the two Official Account channels share: the recipient's openid of this app, the mapped
 * template with its keyword data and link, the call and its answer. There is no look-up API for
 * either message type, so {@link #lookup} keeps the default (cannot tell). Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
abstract class WeChatChannel implements Channel {
  private static final Logger LOG = LoggerFactory.getLogger(WeChatChannel.class);

  final WeChatBinding binding;
  private final String providerId;

  WeChatChannel(String providerId, WeChatBinding binding) {
    this.providerId = providerId;
    this.binding = binding;
  }

  /** The API path of the send, e.g. {@code cgi-bin/message/template/send}. */
  abstract String path();

  /**
   * The request body: {@code touser}, {@code template_id}, link and {@code data} as this message
   * type names them.
   */
  abstract ObjectNode body(OutboundMessage message, TemplateMapping mapping, Map<String, String> data);

  /** Checks the keyword values before the call, e.g. the rules of subscribe keywords. */
  void checkValues(String templateId, Map<String, String> data) {}

  @Override
  public SendResult send(OutboundMessage message) {
    checkAddress(message);
    TemplateMapping mapping = binding.templates().require(message.templateId());
    Map<String, String> data = mapping.namedValues(message.variables());
    checkValues(message.templateId(), data);
    ObjectNode body = body(message, mapping, data);
    JsonNode answer = binding.api().post(path(), body, "template '" + message.templateId() + "'");
    // A template send answers msgid; for bizsend it is unconfirmed: our dispatch id stands in.
    Optional<String> msgId = Json.nonBlankText(answer, "msgid");
    SendResult result = msgId.map(SendResult::of)
        .orElseGet(() -> new SendResult(message.dispatchId().value(), Map.of("msgid", "none")));
    LOG.debug("Channel '{}' ({}): dispatch {} accepted as {}", binding.channel(), providerId, message.dispatchId(),
        result.providerMessageId());
    return result;
  }

  /** {@code data}: each keyword as {@code {"value": ...}}. */
  static void putData(ObjectNode body, Map<String, String> data) {
    ObjectNode node = body.putObject("data");
    data.forEach((keyword, value) -> node.putObject(keyword).put("value", value));
  }

  /** {@code miniprogram}, when the template links to one. */
  static void putMiniprogram(ObjectNode body, String templateId, WeChatTemplates.Links links,
      Map<String, String> variables) {
    links.miniprogramAppId().ifPresent(appId -> {
      ObjectNode mp = body.putObject("miniprogram").put("appid", appId);
      links.miniprogramPage().ifPresent(p -> mp.put("pagepath", WeChatTemplates.render(templateId, p, variables)));
    });
  }

  private void checkAddress(OutboundMessage message) {
    if (!message.to().kind().equals(AddressKind.WECHAT_OPENID) || !message.to().scope().equals(binding.appId())) {
      throw ChannelException.permanent("address-scope", "Channel '" + binding.channel() + "' sends to openids of "
          + "app id '" + binding.appId() + "', but the address is " + message.to().kind() + " of scope '"
          + message.to().scope() + "'");
    }
  }

  /** The openids this channel sends to are those of its app id. */
  @Override
  public Optional<String> addressScope() {
    return Optional.of(binding.appId());
  }

  @Override
  public Optional<Set<String>> requiredVariables(String templateId) {
    return binding.templates().requiredVariables(templateId);
  }

  @Override
  public Optional<CallbackHandler> callbackHandler() {
    return Optional.of(binding.callbacks());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + binding + "}";
  }
}
