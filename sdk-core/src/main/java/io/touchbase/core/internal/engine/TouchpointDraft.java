package io.touchbase.core.internal.engine;

import io.touchbase.api.contact.ContactId;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.internal.store.EnrollmentRow;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Builds a {@link Touchpoint} to append; the store assigns its id.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class TouchpointDraft {
  private final ContactId contactId;
  private final TouchpointKind kind;
  private final Instant at;
  private String channel;
  private String provider;
  private String cadenceId;
  private Integer cadenceVersion;
  private Integer round;
  private Long enrollmentId;
  private String dispatchId;
  private String providerMessageId;
  private String reason;
  private String eventName;
  private final Map<String, String> attributes = new HashMap<>();

  private TouchpointDraft(ContactId contactId, TouchpointKind kind, Instant at) {
    this.contactId = contactId;
    this.kind = kind;
    this.at = at;
  }

  public static TouchpointDraft of(ContactId contactId, TouchpointKind kind, Instant at) {
    return new TouchpointDraft(contactId, kind, at);
  }

  /** A touchpoint of an enrollment, not tied to a round. */
  public static TouchpointDraft ofEnrollment(EnrollmentRow e, TouchpointKind kind, Instant at) {
    TouchpointDraft d = new TouchpointDraft(ContactId.of(e.contactId()), kind, at);
    d.cadenceId = e.cadenceId();
    d.cadenceVersion = e.cadenceVersion();
    d.enrollmentId = e.id();
    return d;
  }

  /** A touchpoint of an enrollment's round. */
  public static TouchpointDraft ofRound(EnrollmentRow e, int round, TouchpointKind kind, Instant at) {
    return ofEnrollment(e, kind, at).round(round);
  }

  public TouchpointDraft round(int v) {
    this.round = v;
    return this;
  }

  public TouchpointDraft channel(String v) {
    this.channel = v;
    return this;
  }

  public TouchpointDraft provider(String v) {
    this.provider = v;
    return this;
  }

  public TouchpointDraft dispatch(String v) {
    this.dispatchId = v;
    return this;
  }

  public TouchpointDraft providerMessageId(String v) {
    this.providerMessageId = v;
    return this;
  }

  public TouchpointDraft reason(String v) {
    this.reason = v == null || v.isBlank() ? null : v;
    return this;
  }

  public TouchpointDraft event(String v) {
    this.eventName = v;
    return this;
  }

  public TouchpointDraft attributes(Map<String, String> v) {
    attributes.putAll(v);
    return this;
  }

  public TouchpointDraft attribute(String k, String v) {
    attributes.put(k, v);
    return this;
  }

  public Touchpoint build() {
    return new Touchpoint(
        0,
        contactId,
        kind,
        at,
        Optional.ofNullable(channel),
        Optional.ofNullable(provider),
        Optional.ofNullable(cadenceId),
        cadenceVersion == null ? OptionalInt.empty() : OptionalInt.of(cadenceVersion),
        round == null ? OptionalInt.empty() : OptionalInt.of(round),
        enrollmentId == null ? OptionalLong.empty() : OptionalLong.of(enrollmentId),
        Optional.ofNullable(dispatchId),
        Optional.ofNullable(providerMessageId),
        Optional.ofNullable(reason),
        Optional.ofNullable(eventName),
        attributes);
  }
}
