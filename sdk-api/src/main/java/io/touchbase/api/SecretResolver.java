package io.touchbase.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Resolves channel secrets that the configuration does not give literally, e.g. from the
 * environment or the host's vault. Must not log values.
 */
@FunctionalInterface
public interface SecretResolver {

  Optional<String> resolve(String channelName, String providerId, String secretName);

  /**
   * Environment variables named {@code TOUCHBASE_<CHANNEL>_<SECRET>} in upper snake case, e.g.
   * channel {@code sms}, secret {@code accessKeySecret}: {@code TOUCHBASE_SMS_ACCESS_KEY_SECRET}.
   */
  static SecretResolver environment() {
    return (channel, provider, secret) ->
        Optional.ofNullable(System.getenv(environmentName(channel, secret)));
  }

  /** Resolves nothing: every secret must be given in the configuration. */
  static SecretResolver none() {
    return (channel, provider, secret) -> Optional.empty();
  }

  /** The variable {@link #environment()} reads for a channel's secret. */
  static String environmentName(String channel, String secret) {
    return ("TOUCHBASE_" + snake(channel) + "_" + snake(secret));
  }

  private static String snake(String s) {
    return s.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .replaceAll("[^A-Za-z0-9]+", "_")
        .toUpperCase(Locale.ROOT);
  }
}
