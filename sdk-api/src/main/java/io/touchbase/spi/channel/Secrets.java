package io.touchbase.spi.channel;

import io.touchbase.api.ConfigurationException;
import java.util.Optional;

/**
 * The secrets of one provider binding: API keys, tokens, signing keys. Values are resolved by the
 * engine (given in configuration or looked up by a {@link io.touchbase.api.SecretResolver}). An
 * implementation's {@code toString()} never shows a value.
 */
public interface Secrets {

  /** The secret with this name, if configured. */
  Optional<String> get(String name);

  /** A secret the channel cannot work without. The message names the secret, never its value. */
  default String require(String name) {
    return get(name)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> new ConfigurationException("secret '" + name + "' is required"));
  }
}
