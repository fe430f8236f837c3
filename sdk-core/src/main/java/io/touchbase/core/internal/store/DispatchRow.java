package io.touchbase.core.internal.store;

import io.touchbase.api.contact.Address;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.StaffConfirmation;
import java.time.Instant;

/**
 * One attempt to deliver one round through one channel.
 *
 * <p>This class is internal and is hence not for public use.
 *
 * @param state see {@link DispatchState}
 * @param to the address sent to; null for dispatches recorded before it was kept
 */
public record DispatchRow(
    String dispatchId,
    long enrollmentId,
    int round,
    int attempt,
    String channel,
    String provider,
    DispatchState state,
    String providerMessageId,
    String detail,
    String instanceName,
    Instant createdAt,
    Instant updatedAt,
    Address to) {

  /** This attempt with its outcome; a null provider keeps the one it had. */
  public DispatchRow resolved(DispatchState newState, String byProvider, String messageId, String newDetail, Instant now) {
    return new DispatchRow(dispatchId, enrollmentId, round, attempt, channel, byProvider != null ? byProvider : provider,
        newState, messageId, newDetail, instanceName, createdAt, now, to);
  }

  /** This attempt as it would have gone out on another channel, provider and address. */
  public DispatchRow on(String otherChannel, String otherProvider, Address otherTo) {
    return new DispatchRow(dispatchId, enrollmentId, round, attempt, otherChannel, otherProvider, state,
        providerMessageId, detail, instanceName, createdAt, updatedAt, otherTo);
  }

  /**
   * This accepted attempt as a send that waits for a staff member's confirmation.
   *
   * @param acceptedAt when the provider accepted it
   */
  public StaffConfirmation.ConfirmationRequest confirmationRequest(Instant acceptedAt) {
    return new StaffConfirmation.ConfirmationRequest(DispatchId.of(dispatchId), providerMessageId, to, acceptedAt);
  }

  /** Our dispatch id for an attempt: readable, unique, short enough for every provider we know. */
  public static String idFor(long enrollmentId, int round, int attempt) {
    return "e" + enrollmentId + "r" + round + "a" + attempt;
  }
}
