package io.touchbase.channel.wechat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.channel.support.Json;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.spi.channel.StaffConfirmation;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured {@code wecom-customer} channel: {@code POST /cgi-bin/externalcontact/add_msg_template}
 * (providers.md §5) with {@code chat_type=single}, the one external contact, {@code sender} = the
 * staff member's UserID from the message variable of setting {@code senderVariable}, {@code
 * allow_select=false} so the staff member cannot add other customers, the text, and the link
 * attachment of the mapping. An accepted send is only queued in the staff member's client: the
 * answer's {@code msgid} is what {@link WeComConfirmation} polls. WeCom has no idempotency key for
 * it: a repeated call after a lost answer queues a second task. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeComCustomerChannel implements Channel {
  static final String PATH = "cgi-bin/externalcontact/add_msg_template";
  private static final Logger LOG = LoggerFactory.getLogger(WeComCustomerChannel.class);

  private final WeComBinding binding;
  private final String senderVariable;
  private final WeComConfirmation confirmation;

  WeComCustomerChannel(WeComBinding binding, String senderVariable, WeComConfirmation confirmation) {
    this.binding = binding;
    this.senderVariable = senderVariable;
    this.confirmation = confirmation;
  }

  @Override
  public SendResult send(OutboundMessage message) {
    checkAddress(message);
    String externalUserId = message.to().value();
    String sender = Optional.ofNullable(message.variables().get(senderVariable)).map(String::strip)
        .filter(v -> !v.isEmpty())
        .orElseThrow(() -> ChannelException.permanent("missing-template-variable", "Template '"
            + message.templateId() + "' needs variable '" + senderVariable + "' (setting 'senderVariable'): the "
            + "UserID of the staff member who sends it"));
    String text = binding.templates().text(message);
    Optional<WeComTemplates.Link> link = binding.templates().link(message.templateId(), message.variables());
    ObjectNode body = binding.api().mapper().createObjectNode().put("chat_type", "single");
    body.putArray("external_userid").add(externalUserId);
    body.put("sender", sender).put("allow_select", false);
    body.putObject("text").put("content", text);
    link.ifPresent(l -> {
      ObjectNode node = body.putArray("attachments").addObject().put("msgtype", "link").putObject("link")
          .put("title", l.title());
      l.picUrl().ifPresent(p -> node.put("picurl", p));
      l.desc().ifPresent(d -> node.put("desc", d));
      node.put("url", l.url());
    });
    JsonNode answer = binding.api().post(PATH, body, "add_msg_template of template '" + message.templateId() + "'",
        true);
    for (JsonNode failed : answer.path("fail_list")) {
      if (failed.asText().equals(externalUserId)) {
        // The per-customer cap is unconfirmed: the current docs say days-in-month per month, older ones 4.
        throw ChannelException.permanent("fail-list", "Channel '" + binding.channel() + "': WeCom cannot send "
            + "the customer " + message.to() + " this message: not a contact of the sending staff member, or over "
            + "the per-customer monthly cap of customer-contact messages");
      }
    }
    String msgId = Json.nonBlankText(answer, "msgid").orElseThrow(() -> ChannelException.outcomeUnknown(
        "missing-msgid", "WeCom accepted add_msg_template without a msgid: the staff task cannot be tracked", null));
    LOG.debug("Channel '{}' ({}): dispatch {} queued for staff confirmation as {}", binding.channel(),
        WeComCustomerProvider.ID, message.dispatchId(), msgId);
    return new SendResult(msgId, Map.of("sender", sender));
  }

  private void checkAddress(OutboundMessage message) {
    if (!message.to().kind().equals(AddressKind.WECOM_EXTERNAL_USER_ID)
        || !message.to().scope().equals(binding.corpId())) {
      throw ChannelException.permanent("address-scope", "Channel '" + binding.channel() + "' sends to external "
          + "user ids of corp id '" + binding.corpId() + "', but the address is " + message.to().kind()
          + " of scope '" + message.to().scope() + "'");
    }
  }

  /** External user ids are those of the channel's corporation. */
  @Override
  public Optional<String> addressScope() {
    return Optional.of(binding.corpId());
  }

  /** The mapping's variables and the sender's. */
  @Override
  public Optional<Set<String>> requiredVariables(String templateId) {
    Set<String> all = new LinkedHashSet<>(binding.templates().variables(templateId));
    all.add(senderVariable);
    return Optional.of(Set.copyOf(all));
  }

  @Override
  public Optional<StaffConfirmation> staffConfirmation() {
    return Optional.of(confirmation);
  }

  @Override
  public Optional<CallbackHandler> callbackHandler() {
    return Optional.of(binding.callbacks());
  }

  @Override
  public String toString() {
    return "WeComCustomerChannel{" + binding + ", senderVariable=" + senderVariable + ", " + confirmation + "}";
  }
}
