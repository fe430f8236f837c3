package io.touchbase.core.internal.store;

import io.touchbase.api.contact.Address;
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

  /** Our dispatch id for an attempt: readable, unique, short enough for every provider we know. */
  public static String idFor(long enrollmentId, int round, int attempt) {
    return "e" + enrollmentId + "r" + round + "a" + attempt;
  }
}
