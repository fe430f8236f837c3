package io.touchbase.channel.wechat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchbase.channel.support.Json;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured {@code wecom-app} channel: {@code POST /cgi-bin/message/send} (providers.md §5)
 * with one staff member as {@code touser}, {@code msgtype=text} and WeCom's duplicate check on.
 * The duplicate check drops a message whose JSON equals one sent within {@code
 * duplicateCheckInterval}: a free idempotency guard against a repeated send after a lost answer
 * (the same text to the same member twice within the interval goes out once). Whether WeCom
 * answers such a dropped repeat with errcode 0 is unconfirmed. A recipient listed in {@code
 * invaliduser} fails permanently. There is no look-up API. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeComAppChannel implements Channel {
  static final String PATH = "cgi-bin/message/send";
  private static final Logger LOG = LoggerFactory.getLogger(WeComAppChannel.class);

  private final WeComBinding binding;
  private final int agentId;
  private final int duplicateCheckInterval;

  WeComAppChannel(WeComBinding binding, int agentId, int duplicateCheckInterval) {
    this.binding = binding;
    this.agentId = agentId;
    this.duplicateCheckInterval = duplicateCheckInterval;
  }

  @Override
  public SendResult send(OutboundMessage message) {
    String userId = userId(message);
    String text = binding.templates().text(message);
    ObjectNode body = binding.api().mapper().createObjectNode()
        .put("touser", userId)
        .put("msgtype", "text")
        .put("agentid", agentId);
    body.putObject("text").put("content", text);
    body.put("safe", 0)
        .put("enable_duplicate_check", 1)
        .put("duplicate_check_interval", duplicateCheckInterval);
    JsonNode answer = binding.api().post(PATH, body, "message/send of template '" + message.templateId() + "'",
        true);
    // Partially invalid recipients still send, listed lower-cased in invaliduser (providers.md §5).
    for (String invalid : Json.text(answer, "invaliduser").orElse("").split("\\|")) {
      if (!invalid.isBlank() && invalid.strip().equalsIgnoreCase(userId)) {
        throw ChannelException.permanent("invaliduser", "Channel '" + binding.channel() + "': WeCom lists the "
            + "recipient " + message.to() + " as invalid: not a member the app of setting 'agentId' may reach");
      }
    }
    SendResult result = Json.nonBlankText(answer, "msgid").map(SendResult::of)
        .orElseGet(() -> new SendResult(message.dispatchId().value(), Map.of("msgid", "none")));
    LOG.debug("Channel '{}' ({}): dispatch {} accepted as {}", binding.channel(), WeComAppProvider.ID,
        message.dispatchId(), result.providerMessageId());
    return result;
  }

  private String userId(OutboundMessage message) {
    if (!message.to().kind().equals(WeComAppProvider.USER_ID)) {
      throw ChannelException.permanent("address-kind", "Channel '" + binding.channel() + "' sends to "
          + WeComAppProvider.USER_ID + " addresses, but the address is " + message.to().kind());
    }
    String userId = message.to().value();
    // touser takes "a|b" and "@all": one address must never reach more than one member.
    if (userId.contains("|") || userId.toLowerCase(Locale.ROOT).equals("@all") || userId.length() > 64) {
      throw ChannelException.permanent("invalid-address", "Channel '" + binding.channel() + "': "
          + message.to() + " is not a single WeCom UserID");
    }
    return userId;
  }

  @Override
  public Optional<Set<String>> requiredVariables(String templateId) {
    return Optional.of(binding.templates().variables(templateId));
  }

  @Override
  public Optional<CallbackHandler> callbackHandler() {
    return Optional.of(binding.callbacks());
  }

  @Override
  public String toString() {
    return "WeComAppChannel{" + binding + ", agentId=" + agentId + "}";
  }
}
