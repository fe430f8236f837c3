package io.touchbase.spi.channel;

import io.touchbase.api.contact.Address;
import io.touchbase.api.internal.Checks;
import java.time.Instant;

/**
 * What the engine knows about a send whose outcome it must resolve: our dispatch id, the address
 * it went to and when it was attempted. Providers whose query API needs the number and the date
 * (Aliyun {@code QuerySendDetails}) use all three. {@link #toString()} masks the address.
 *
 * @param dispatchId our id, passed to the provider as correlation id when the send was attempted
 * @param to the address the send went to
 * @param attemptedAt when the send was attempted, by the engine clock
 */
public record LookupRequest(DispatchId dispatchId, Address to, Instant attemptedAt) {
  public LookupRequest {
    Checks.notNull(dispatchId, "dispatchId");
    Checks.notNull(to, "to");
    Checks.notNull(attemptedAt, "attemptedAt");
  }
}
