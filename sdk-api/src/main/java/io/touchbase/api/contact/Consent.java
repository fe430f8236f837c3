package io.touchbase.api.contact;

import io.touchbase.api.internal.Checks;
import java.time.Instant;

/**
 * One consent decision: a contact opted in or out of a purpose on a channel type, at a time, from
 * a source (a sign-up form, an SMS reply {@code TD}, an unsubscribe link ...). Consent changes are
 * kept as history; the newest per channel type and purpose is in force.
 *
 * @param channelType the channel type the decision is for
 * @param purpose transactional or marketing
 * @param status opted in or out
 * @param changedAt when the contact decided
 * @param source where the decision came from; free text, not blank
 */
public record Consent(
    ChannelType channelType, Purpose purpose, ConsentStatus status, Instant changedAt, String source) {
  public Consent {
    Checks.notNull(channelType, "consent.channelType");
    Checks.notNull(purpose, "consent.purpose");
    Checks.notNull(status, "consent.status");
    Checks.notNull(changedAt, "consent.changedAt");
    Checks.notBlank(source, "consent.source");
  }

  public static Consent optIn(ChannelType type, Purpose purpose, Instant at, String source) {
    return new Consent(type, purpose, ConsentStatus.OPTED_IN, at, source);
  }

  public static Consent optOut(ChannelType type, Purpose purpose, Instant at, String source) {
    return new Consent(type, purpose, ConsentStatus.OPTED_OUT, at, source);
  }
}
