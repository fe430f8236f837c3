package io.touchbase.spi.channel;

import io.touchbase.api.TouchbaseException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A channel could not send. {@link #outcome()} tells the engine what to do next; {@link
 * #providerCode()} keeps the provider's own error code for the touchpoint. The message must not
 * contain secrets, phone numbers or emails.
 */
public class ChannelException extends TouchbaseException {
  private static final long serialVersionUID = 1L;

  private final Outcome outcome;
  private final String providerCode;
  private final Instant retryAt;
  private final boolean mayHaveBeenSent;
  private final boolean noQuotaLeft;

  public ChannelException(Outcome outcome, String providerCode, String message) {
    this(outcome, providerCode, message, null, null);
  }

  public ChannelException(
      Outcome outcome, String providerCode, String message, Instant retryAt, Throwable cause) {
    this(outcome, providerCode, message, retryAt, cause, false, false);
  }

  private ChannelException(
      Outcome outcome,
      String providerCode,
      String message,
      Instant retryAt,
      Throwable cause,
      boolean mayHaveBeenSent,
      boolean noQuotaLeft) {
    super(message, cause);
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.providerCode = Objects.requireNonNull(providerCode, "providerCode");
    this.retryAt = retryAt;
    this.mayHaveBeenSent = mayHaveBeenSent;
    this.noQuotaLeft = noQuotaLeft;
    if (outcome == Outcome.DEFER && retryAt == null) {
      throw new IllegalArgumentException("retryAt is required when outcome is DEFER");
    }
  }

  /**
   * The request may have reached the provider, but no answer came: a read timeout, a connection
   * reset after the request was written, a 5xx from an API that is not idempotent. Retryable, but
   * the engine does not repeat it at once on the same provider, since that could send twice; it
   * fails over to the next provider or retries later, and the touchpoint says so.
   */
  public static ChannelException outcomeUnknown(String providerCode, String message, Throwable cause) {
    return new ChannelException(Outcome.RETRY, providerCode, message, null, cause, true, false);
  }

  /** A failure that may succeed if tried again later: timeouts, 5xx, throttling. */
  public static ChannelException retryable(String providerCode, String message, Throwable cause) {
    return new ChannelException(Outcome.RETRY, providerCode, message, null, cause);
  }

  public static ChannelException retryable(String providerCode, String message) {
    return retryable(providerCode, message, null);
  }

  /** A failure that will fail again: bad number, rejected template, auth. */
  public static ChannelException permanent(String providerCode, String message) {
    return new ChannelException(Outcome.PERMANENT, providerCode, message);
  }

  /** The provider refuses until {@code retryAt}, e.g. a per-number daily limit. */
  public static ChannelException deferUntil(String providerCode, String message, Instant retryAt) {
    return new ChannelException(
        Outcome.DEFER, providerCode, message, Objects.requireNonNull(retryAt, "retryAt"), null);
  }

  /** The recipient opted out at the provider (STOP reply, blacklist). Never retried. */
  public static ChannelException recipientOptedOut(String providerCode, String message) {
    return new ChannelException(Outcome.RECIPIENT_OPTED_OUT, providerCode, message);
  }

  /**
   * The recipient has no send left of the quota the message needs ({@link
   * Channel#sendQuotaKey(String)}), such as WeChat's 43101 for a subscribe message whose one-time
   * subscription is used up or was refused. Permanent for this channel: the engine sets the
   * recipient's count for the template's quota key to zero, so later rounds fall back without
   * asking the provider until a new grant arrives, and the round falls back to its next channel.
   */
  public static ChannelException noQuotaLeft(String providerCode, String message) {
    return new ChannelException(Outcome.PERMANENT, providerCode, message, null, null, false, true);
  }

  public Outcome outcome() {
    return outcome;
  }

  /** Whether trying again later may succeed. */
  public boolean retryable() {
    return outcome == Outcome.RETRY;
  }

  /** The provider's error code, e.g. {@code isv.BUSINESS_LIMIT_CONTROL}, or a short own code. */
  public String providerCode() {
    return providerCode;
  }

  /**
   * Whether the provider may have accepted the message despite the error (see {@link
   * #outcomeUnknown}). False for errors the provider answered, such as throttling.
   */
  public boolean mayHaveBeenSent() {
    return mayHaveBeenSent;
  }

  /** Whether the provider refused because the recipient has no send quota left (see {@link #noQuotaLeft}). */
  public boolean noQuotaLeft() {
    return noQuotaLeft;
  }

  /** When to try again, for {@link Outcome#DEFER}. */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }

  /** What the engine does with a failed send. */
  public enum Outcome {
    /** Retry with backoff, then fall back or fail. */
    RETRY,
    /** Fail the round on this channel; fall back to the next channel if the round lists one. */
    PERMANENT,
    /** Reschedule the round at {@link #retryAt()}. */
    DEFER,
    /** Record an opt-out for this channel type; fall back or suppress. */
    RECIPIENT_OPTED_OUT
  }
}
