package io.touchbase.core.internal.channel;

import io.touchbase.api.ConfigurationException;
import io.touchbase.api.ProviderBinding;
import io.touchbase.api.SecretResolver;
import io.touchbase.spi.channel.Secrets;
import java.util.Optional;

/**
 * A binding's secrets: those given literally, then the resolver's. Never prints a value.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class ResolvedSecrets implements Secrets {
  private final String channelName;
  private final ProviderBinding binding;
  private final SecretResolver resolver;

  ResolvedSecrets(String channelName, ProviderBinding binding, SecretResolver resolver) {
    this.channelName = channelName;
    this.binding = binding;
    this.resolver = resolver;
  }

  @Override
  public Optional<String> get(String name) {
    String literal = binding.secrets().get(name);
    if (literal != null) {
      return Optional.of(literal);
    }
    return resolver.resolve(channelName, binding.providerId(), name);
  }

  @Override
  public String require(String name) {
    return get(name)
        .filter(v -> !v.isBlank())
        .orElseThrow(
            () ->
                new ConfigurationException(
                    "Channel '"
                        + channelName
                        + "' (provider '"
                        + binding.providerId()
                        + "'): secret '"
                        + name
                        + "' is required; give it in the channel configuration or as environment"
                        + " variable "
                        + SecretResolver.environmentName(channelName, name)));
  }

  @Override
  public String toString() {
    return "Secrets{" + binding.secrets().keySet() + " given, others resolved on demand}";
  }
}
