package io.touchbase.channel.phone.internal;

import io.touchbase.api.ConfigurationException;
import io.touchbase.spi.channel.ChannelContext;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * Reads and checks the settings of one provider binding; every error names the channel, the
 * provider and the setting, and never shows a secret or a phone number.
 */
final class Settings {
  private final ChannelContext context;
  private final String owner;

  Settings(ChannelContext context) {
    this.context = context;
    this.owner = "Channel '" + context.channelName() + "' (provider '" + context.providerId() + "')";
  }

  /** How errors name the binding. */
  String owner() {
    return owner;
  }

  String require(String key) {
    return context.settings().require(key).strip();
  }

  Optional<String> optional(String key) {
    return context.settings().get(key).map(String::strip).filter(v -> !v.isEmpty());
  }

  String secret(String name) {
    return named(() -> context.secrets().require(name));
  }

  Optional<String> optionalSecret(String name) {
    return context.secrets().get(name).filter(v -> !v.isBlank());
  }

  /** An optional whole number that must lie in {@code [min, max]}. */
  OptionalInt intInRange(String key, int min, int max) {
    if (optional(key).isEmpty()) {
      return OptionalInt.empty();
    }
    int value = context.settings().intValue(key, 0);
    if (value < min || value > max) {
      throw error("setting '" + key + "' must be between " + min + " and " + max + ", but was " + value);
    }
    return OptionalInt.of(value);
  }

  /** An http or https URL: {@code defaultValue} when the setting is absent. */
  HttpUrl url(String key, String defaultValue) {
    return url(key, Optional.of(defaultValue)).orElseThrow();
  }

  /** An optional http or https URL. */
  Optional<HttpUrl> url(String key, Optional<String> defaultValue) {
    Optional<String> raw = optional(key).or(() -> defaultValue);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    HttpUrl url = HttpUrl.parse(raw.get());
    if (url == null) {
      throw error("setting '" + key + "' must be an http or https URL");
    }
    return Optional.of(url);
  }

  /** Runs a check of channel-support, adding the binding's name to its error. */
  <T> T named(Supplier<T> check) {
    try {
      return check.get();
    } catch (ConfigurationException e) {
      throw new ConfigurationException(owner + ": " + e.getMessage(), e);
    }
  }

  ConfigurationException error(String what) {
    return new ConfigurationException(owner + ": " + what);
  }
}
