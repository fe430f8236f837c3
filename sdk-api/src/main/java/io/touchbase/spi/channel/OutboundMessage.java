package io.touchbase.spi.channel;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.internal.Checks;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One message for a channel to send. Providers that send pre-approved templates use {@link
 * #templateId()} and {@link #variables()}; providers that send free text use {@link #text()}.
 * {@link #toString()} masks the address and omits the text.
 *
 * @param dispatchId our id for this attempt; pass it to the provider as correlation id
 * @param channel the configured channel name
 * @param contactId the recipient's host id
 * @param to the recipient's address, of a kind the provider asked for
 * @param purpose transactional or marketing
 * @param templateId the logical template id, e.g. {@code renewal-reminder-1}
 * @param variables template variables: contact attributes overlaid with round variables
 * @param text the rendered text, when Touchbase holds a template with this id
 * @param locale the contact's locale, when known
 */
public record OutboundMessage(
    DispatchId dispatchId,
    String channel,
    ContactId contactId,
    Address to,
    Purpose purpose,
    String templateId,
    Map<String, String> variables,
    Optional<String> text,
    Optional<Locale> locale) {

  public OutboundMessage {
    Checks.notNull(dispatchId, "message.dispatchId");
    Checks.name(channel, "message.channel");
    Checks.notNull(contactId, "message.contactId");
    Checks.notNull(to, "message.to");
    Checks.notNull(purpose, "message.purpose");
    Checks.name(templateId, "message.templateId");
    variables = Map.copyOf(Checks.notNull(variables, "message.variables"));
    Checks.notNull(text, "message.text");
    Checks.notNull(locale, "message.locale");
  }

  @Override
  public String toString() {
    return "OutboundMessage{dispatchId="
        + dispatchId
        + ", channel="
        + channel
        + ", contactId="
        + contactId
        + ", to="
        + to
        + ", purpose="
        + purpose
        + ", templateId="
        + templateId
        + ", variables="
        + variables.keySet()
        + "}";
  }
}
