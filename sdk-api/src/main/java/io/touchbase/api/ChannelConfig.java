package io.touchbase.api;

import io.touchbase.api.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A named channel ({@code sms}) bound to one or more providers in order of preference: when the
 * first fails with a retryable error, the next one carries the round.
 *
 * @param name the channel name that cadence rounds refer to
 * @param providers provider bindings in order, at least one
 */
public record ChannelConfig(String name, List<ProviderBinding> providers) {
  public ChannelConfig {
    Checks.name(name, "channel.name");
    Checks.notNull(providers, "channel.providers");
    if (providers.isEmpty()) {
      throw new IllegalArgumentException(
          "channel.providers must not be empty: channel '" + name + "' needs a provider");
    }
    providers = List.copyOf(providers);
    if (providers.stream().map(ProviderBinding::providerId).distinct().count() != providers.size()) {
      throw new IllegalArgumentException(
          "channel.providers must not repeat a provider id in channel '" + name + "'");
    }
  }

  /** A channel with one provider and no settings, e.g. {@code ChannelConfig.of("sms", "dry-run")}. */
  public static ChannelConfig of(String name, String providerId) {
    return new ChannelConfig(name, List.of(ProviderBinding.of(providerId)));
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link ChannelConfig}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<ProviderBinding> providers = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder provider(ProviderBinding binding) {
      providers.add(Checks.notNull(binding, "provider"));
      return this;
    }

    public Builder provider(String providerId) {
      return provider(ProviderBinding.of(providerId));
    }

    public Builder provider(String providerId, Consumer<ProviderBinding.Builder> spec) {
      ProviderBinding.Builder b = ProviderBinding.builder(providerId);
      spec.accept(b);
      return provider(b.build());
    }

    public ChannelConfig build() {
      return new ChannelConfig(name, providers);
    }
  }
}
