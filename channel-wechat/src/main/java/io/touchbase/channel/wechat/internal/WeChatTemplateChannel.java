package io.touchbase.channel.wechat.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchbase.channel.support.TemplateMapping;
import io.touchbase.spi.channel.OutboundMessage;
import java.util.Map;

/**
 * A configured {@code wechat-template} channel: {@code POST /cgi-bin/message/template/send}
 * (providers.md §4.2) with {@code client_msg_id} = our dispatch id. WeChat's de-duplication
 * window for {@code client_msg_id} is unconfirmed, so the engine does not rely on it. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeChatTemplateChannel extends WeChatChannel {
  static final String PATH = "cgi-bin/message/template/send";

  WeChatTemplateChannel(WeChatBinding binding) {
    super(WeChatTemplateProvider.ID, binding);
  }

  @Override
  String path() {
    return PATH;
  }

  @Override
  ObjectNode body(OutboundMessage message, TemplateMapping mapping, Map<String, String> data) {
    WeChatTemplates.Links links = binding.templates().links(message.templateId());
    ObjectNode body = JsonNodeFactory.instance.objectNode()
        .put("touser", message.to().value())
        .put("template_id", mapping.code());
    links.url().ifPresent(u -> body.put("url", WeChatTemplates.render(message.templateId(), u, message.variables())));
    putMiniprogram(body, message.templateId(), links, message.variables());
    body.put("client_msg_id", message.dispatchId().value());
    putData(body, data);
    return body;
  }
}
