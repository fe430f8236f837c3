package io.touchbase.api.event;

import io.touchbase.api.contact.ContactId;
import io.touchbase.api.internal.Checks;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Something that happened in the host application, e.g. {@code order.paid} or {@code
 * membership.renewed}. If its name is a goal of a cadence the contact is enrolled in, the
 * enrollment ends as converted.
 *
 * @param contactId who it concerns
 * @param name event name, e.g. {@code membership.renewed}
 * @param occurredAt when it happened; empty means now by the engine clock
 * @param attributes details kept on the touchpoint, e.g. {@code orderId}
 */
public record HostEvent(
    ContactId contactId, String name, Optional<Instant> occurredAt, Map<String, String> attributes) {
  public HostEvent {
    Checks.notNull(contactId, "event.contactId");
    Checks.name(name, "event.name");
    Checks.notNull(occurredAt, "event.occurredAt");
    Checks.notNull(attributes, "event.attributes");
    attributes.forEach(
        (k, v) -> {
          Checks.name(k, "event.attributes key");
          Checks.notNull(v, "event.attributes[" + k + "]");
        });
    attributes = Map.copyOf(attributes);
  }

  public static HostEvent of(ContactId contactId, String name) {
    return new HostEvent(contactId, name, Optional.empty(), Map.of());
  }
}
