package io.touchbase.core.internal.store;

/**
 * Where a dispatch stands.
 *
 * <p>This class is internal and is hence not for public use.
 */
public enum DispatchState {
  /** Committed before the provider call; still pending after a crash means in doubt. */
  PENDING,
  /** The provider accepted the message. */
  ACCEPTED,
  /**
   * The provider queued the message for a staff member to send (a WeCom customer-contact
   * message); an open {@code CONFIRM_MESSAGE} staff task follows it until it is sent (then
   * ACCEPTED), not sent or withdrawn (then FAILED).
   */
  AWAITING_STAFF,
  /** The provider failed it retryably; a later attempt follows. */
  RETRY,
  /** The provider failed it permanently, or retries are exhausted. */
  FAILED,
  /** The provider asked us to wait (per-number window); the round was rescheduled. */
  DEFERRED,
  /** The outcome stayed unknown after a crash; resolved by the in-doubt policy. */
  IN_DOUBT,
  /** A crash left it pending and the provider confirmed it never arrived. */
  NOT_SENT
}
