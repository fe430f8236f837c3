package io.touchbase.api.touchpoint;

import io.touchbase.api.contact.ContactId;
import io.touchbase.api.internal.Checks;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One interaction with a contact, outbound or inbound. Touchpoints are append-only: a later
 * status (delivered after sent) is a new touchpoint, never an update.
 *
 * @param id the touchpoint's id, increasing in the order touchpoints were recorded
 * @param contactId who it concerns
 * @param kind what happened
 * @param occurredAt when it happened (the engine clock, or the provider's report time)
 * @param channel the configured channel name, e.g. {@code sms}
 * @param provider the provider id that carried it, e.g. {@code aliyun-sms}
 * @param cadenceId the cadence, for touchpoints of an enrollment
 * @param cadenceVersion the cadence version, for touchpoints of an enrollment
 * @param round the 1-based round, for touchpoints of an enrollment
 * @param enrollmentId the enrollment, for touchpoints of an enrollment
 * @param dispatchId our dispatch id, for touchpoints of a send
 * @param providerMessageId the provider's message id
 * @param reason why, for suppressed, deferred, failed, in-doubt and not-answered touchpoints
 * @param eventName the host event name, for host events and conversions
 * @param attributes further details, e.g. {@code durationSeconds} of an answered call
 */
public record Touchpoint(
    long id,
    ContactId contactId,
    TouchpointKind kind,
    Instant occurredAt,
    Optional<String> channel,
    Optional<String> provider,
    Optional<String> cadenceId,
    OptionalInt cadenceVersion,
    OptionalInt round,
    OptionalLong enrollmentId,
    Optional<String> dispatchId,
    Optional<String> providerMessageId,
    Optional<String> reason,
    Optional<String> eventName,
    Map<String, String> attributes) {

  public Touchpoint {
    Checks.notNull(contactId, "touchpoint.contactId");
    Checks.notNull(kind, "touchpoint.kind");
    Checks.notNull(occurredAt, "touchpoint.occurredAt");
    Checks.notNull(channel, "touchpoint.channel");
    Checks.notNull(provider, "touchpoint.provider");
    Checks.notNull(cadenceId, "touchpoint.cadenceId");
    Checks.notNull(cadenceVersion, "touchpoint.cadenceVersion");
    Checks.notNull(round, "touchpoint.round");
    Checks.notNull(enrollmentId, "touchpoint.enrollmentId");
    Checks.notNull(dispatchId, "touchpoint.dispatchId");
    Checks.notNull(providerMessageId, "touchpoint.providerMessageId");
    Checks.notNull(reason, "touchpoint.reason");
    Checks.notNull(eventName, "touchpoint.eventName");
    attributes = Map.copyOf(Checks.notNull(attributes, "touchpoint.attributes"));
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Touchpoint{#").append(id).append(' ').append(kind);
    s.append(" contact=").append(contactId).append(" at=").append(occurredAt);
    channel.ifPresent(c -> s.append(" channel=").append(c));
    provider.ifPresent(p -> s.append(" provider=").append(p));
    cadenceId.ifPresent(c -> s.append(" cadence=").append(c));
    cadenceVersion.ifPresent(v -> s.append(" v").append(v));
    round.ifPresent(r -> s.append(" round=").append(r));
    dispatchId.ifPresent(d -> s.append(" dispatch=").append(d));
    reason.ifPresent(r -> s.append(" reason=").append(r));
    eventName.ifPresent(e -> s.append(" event=").append(e));
    return s.append('}').toString();
  }
}
