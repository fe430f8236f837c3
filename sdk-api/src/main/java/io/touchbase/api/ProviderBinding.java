package io.touchbase.api;

import io.touchbase.api.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One provider in a channel: its id and its settings. Secrets given here are kept out of {@link
 * #toString()}; secrets not given here are asked of the {@link SecretResolver}.
 *
 * @param providerId the provider's id, e.g. {@code aliyun-sms}
 * @param settings non-secret settings
 * @param secrets secrets given literally
 */
public record ProviderBinding(String providerId, Map<String, String> settings, Map<String, String> secrets) {
  public ProviderBinding {
    Checks.kebabId(providerId, "providerId");
    settings = Map.copyOf(Checks.notNull(settings, "settings"));
    secrets = Map.copyOf(Checks.notNull(secrets, "secrets"));
  }

  public static ProviderBinding of(String providerId) {
    return new ProviderBinding(providerId, Map.of(), Map.of());
  }

  public static Builder builder(String providerId) {
    return new Builder(providerId);
  }

  @Override
  public String toString() {
    return "ProviderBinding{providerId="
        + providerId
        + ", settings="
        + new TreeMap<>(settings)
        + ", secrets="
        + new TreeMap<>(secrets).keySet()
        + "}";
  }

  /** Builds a {@link ProviderBinding}. Not thread-safe. */
  public static final class Builder {
    private final String providerId;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();

    private Builder(String providerId) {
      this.providerId = providerId;
    }

    public Builder setting(String key, String value) {
      settings.put(Checks.notBlank(key, "setting key"), Checks.notNull(value, "settings[" + key + "]"));
      return this;
    }

    public Builder secret(String name, String value) {
      secrets.put(Checks.notBlank(name, "secret name"), Checks.notNull(value, "secret value"));
      return this;
    }

    public ProviderBinding build() {
      return new ProviderBinding(providerId, settings, secrets);
    }
  }
}
