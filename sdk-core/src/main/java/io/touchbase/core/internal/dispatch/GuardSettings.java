package io.touchbase.core.internal.dispatch;

import io.touchbase.api.ConfigurationException;
import io.touchbase.spi.channel.ChannelSettings;
import io.touchbase.spi.channel.ProviderLimits;
import java.time.Duration;

/**
 * How the engine guards one provider instance: the provider's documented limits, possibly
 * overridden in the binding's settings, plus the circuit breaker and in-call retry. Read from the binding's
 * settings under the {@code resilience.} prefix; the provider ignores those keys.
 *
 * <p>This class is internal and is hence not for public use.
 *
 * @param limits rate, concurrency and call timeout
 * @param retryAttempts calls per send on this provider, the first included, for errors the provider
 *     answered as retryable (throttling, busy); never for sends that may have gone through
 * @param retryBackoff the first wait between those calls; later waits grow and are jittered
 * @param permitWait how long a send waits for a rate-limit permit or a bulkhead slot before the
 *     next provider is tried
 * @param breakerFailureRate the percentage of failed calls that opens the breaker
 * @param breakerMinimumCalls calls in the window before the rate counts
 * @param breakerOpenFor how long an open breaker refuses calls before it lets a few through
 */
public record GuardSettings(
    ProviderLimits limits,
    int retryAttempts,
    Duration retryBackoff,
    Duration permitWait,
    float breakerFailureRate,
    int breakerMinimumCalls,
    Duration breakerOpenFor) {

  public static final String PREFIX = "resilience.";

  /**
   * Reads the {@code resilience.*} settings over the provider's documented limits.
   *
   * @param owner how errors name the binding, e.g. {@code Channel 'sms' (provider 'aliyun-sms')}
   * @throws ConfigurationException naming the setting when one is invalid
   */
  public static GuardSettings from(ProviderLimits documented, ChannelSettings settings, String owner) {
    Range range = new Range(owner);
    double rate = settings.get(PREFIX + "permitsPerSecond")
        .map(v -> range.parseRate(v))
        .orElse(documented.permitsPerSecond());
    int concurrent = range.atLeast("maxConcurrentCalls",
        settings.intValue(PREFIX + "maxConcurrentCalls", documented.maxConcurrentCalls()), 1, 10_000);
    Duration timeout = range.positive("callTimeout", settings.duration(PREFIX + "callTimeout", documented.callTimeout()));
    return new GuardSettings(
        new ProviderLimits(rate, concurrent, timeout),
        range.atLeast("retryAttempts", settings.intValue(PREFIX + "retryAttempts", 2), 1, 10),
        range.positive("retryBackoff", settings.duration(PREFIX + "retryBackoff", Duration.ofMillis(200))),
        range.notNegative("permitWait", settings.duration(PREFIX + "permitWait", Duration.ofSeconds(2))),
        range.atLeast("breakerFailureRate", settings.intValue(PREFIX + "breakerFailureRate", 50), 1, 100),
        range.atLeast("breakerMinimumCalls", settings.intValue(PREFIX + "breakerMinimumCalls", 10), 1, 10_000),
        range.positive("breakerOpenFor", settings.duration(PREFIX + "breakerOpenFor", Duration.ofSeconds(30))));
  }

  /** Range checks whose errors name the setting and its owner. */
  private record Range(String owner) {
    double parseRate(String raw) {
      try {
        double rate = Double.parseDouble(raw.strip());
        if (rate > 0 && !Double.isInfinite(rate)) {
          return rate;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw fail("permitsPerSecond", "must be a positive number, but was '" + raw + "'");
    }

    int atLeast(String key, int value, int min, int max) {
      if (value < min || value > max) {
        throw fail(key, "must be between " + min + " and " + max + ", but was " + value);
      }
      return value;
    }

    Duration positive(String key, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw fail(key, "must be positive, but was " + d);
      }
      return d;
    }

    Duration notNegative(String key, Duration d) {
      if (d.isNegative()) {
        throw fail(key, "must not be negative, but was " + d);
      }
      return d;
    }

    private ConfigurationException fail(String key, String why) {
      return new ConfigurationException(owner + ": setting '" + PREFIX + key + "' " + why);
    }
  }
}
