package io.touchbase.channel.wechat.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchbase.channel.support.TemplateMapping;
import io.touchbase.spi.channel.OutboundMessage;
import java.util.Map;
import java.util.Optional;

/**
 * A configured {@code wechat-subscribe} channel: {@code POST /cgi-bin/message/subscribe/bizsend}
 * (providers.md §4.3). A send needs one accepted one-time subscription of the recipient for the
 * WeChat template, so {@link #sendQuotaKey} names the WeChat template id and the engine counts
 * the subscriptions from the popup, change and sent events. Keyword values are checked against
 * their prefix's rule first. Whether bizsend answers a {@code msgid} is unconfirmed: when it does
 * not, our dispatch id is the provider message id, and a later sent event cannot be matched to
 * the send. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeChatSubscribeChannel extends WeChatChannel {
  static final String PATH = "cgi-bin/message/subscribe/bizsend";

  WeChatSubscribeChannel(WeChatBinding binding) {
    super(WeChatSubscribeProvider.ID, binding);
  }

  @Override
  String path() {
    return PATH;
  }

  @Override
  void checkValues(String templateId, Map<String, String> data) {
    data.forEach((keyword, value) -> SubscribeValues.check(templateId, keyword, value));
  }

  @Override
  ObjectNode body(OutboundMessage message, TemplateMapping mapping, Map<String, String> data) {
    WeChatTemplates.Links links = binding.templates().links(message.templateId());
    ObjectNode body = JsonNodeFactory.instance.objectNode()
        .put("touser", message.to().value())
        .put("template_id", mapping.code());
    links.url().ifPresent(u -> body.put("page", WeChatTemplates.render(message.templateId(), u, message.variables())));
    putMiniprogram(body, message.templateId(), links, message.variables());
    putData(body, data);
    return body;
  }

  /** The WeChat template id of the mapping: one accepted subscription per send. */
  @Override
  public Optional<String> sendQuotaKey(String templateId) {
    return binding.templates().find(templateId).map(TemplateMapping::code);
  }
}
