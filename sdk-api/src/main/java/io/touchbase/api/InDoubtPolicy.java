package io.touchbase.api;

/**
 * What to do with a send whose outcome is unknown when the channel cannot look it up. Either way
 * the round records an {@code IN_DOUBT} touchpoint with the reason.
 */
public enum InDoubtPolicy {
  /** Count it as sent and move on: at most once (the default). */
  TREAT_AS_SENT,
  /** Send it again with a new attempt: at least once, the contact may get it twice. */
  RESEND
}
