package io.touchbase.spi.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits a provider documents, which the engine enforces around each configured provider
 * instance: a rate limiter at {@link #permitsPerSecond()}, a bulkhead of {@link
 * #maxConcurrentCalls()}, and a deadline of {@link #callTimeout()} per send. A channel binding may
 * lower them in its settings; see the engine's documentation.
 *
 * @param permitsPerSecond sends per second the provider accepts from one account; positive
 * @param maxConcurrentCalls sends in flight at once per provider instance; positive
 * @param callTimeout how long one send may take before it counts as timed out; positive
 */
public record ProviderLimits(double permitsPerSecond, int maxConcurrentCalls, Duration callTimeout) {

  /** Generous limits for providers that document none: 1,000/s, 64 in flight, 10 s. */
  public static final ProviderLimits DEFAULT = new ProviderLimits(1_000, 64, Duration.ofSeconds(10));

  public ProviderLimits {
    if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
      throw new IllegalArgumentException(
          "permitsPerSecond must be a positive finite number, but was " + permitsPerSecond);
    }
    if (maxConcurrentCalls < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentCalls must be at least 1, but was " + maxConcurrentCalls);
    }
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive, but was " + callTimeout);
    }
  }

  /** A copy with another rate. */
  public ProviderLimits withPermitsPerSecond(double permitsPerSecond) {
    return new ProviderLimits(permitsPerSecond, maxConcurrentCalls, callTimeout);
  }

  /** A copy with another bulkhead size. */
  public ProviderLimits withMaxConcurrentCalls(int maxConcurrentCalls) {
    return new ProviderLimits(permitsPerSecond, maxConcurrentCalls, callTimeout);
  }

  /** A copy with another call timeout. */
  public ProviderLimits withCallTimeout(Duration callTimeout) {
    return new ProviderLimits(permitsPerSecond, maxConcurrentCalls, callTimeout);
  }
}
