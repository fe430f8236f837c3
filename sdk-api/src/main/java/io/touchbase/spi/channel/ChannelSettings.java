package io.touchbase.spi.channel;

import io.touchbase.api.ConfigurationException;
import io.touchbase.api.internal.Checks;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The non-secret settings of one provider binding, as strings. Getters that parse say which
 * setting is wrong and why. Secrets never go here: use {@link Secrets}.
 */
public final class ChannelSettings {
  private final String owner;
  private final Map<String, String> values;

  /**
   * @param owner how errors name the binding, e.g. {@code channel 'sms' (provider 'aliyun-sms')}
   * @param values the settings
   */
  public ChannelSettings(String owner, Map<String, String> values) {
    this.owner = Checks.notBlank(owner, "owner");
    this.values = Map.copyOf(Checks.notNull(values, "values"));
  }

  public static ChannelSettings of(Map<String, String> values) {
    return new ChannelSettings("channel", values);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** A setting that must be present and not blank. */
  public String require(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      throw new ConfigurationException(owner + ": setting '" + key + "' is required");
    }
    return v;
  }

  public int intValue(String key, int defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          owner + ": setting '" + key + "' must be an integer, but was '" + v + "'");
    }
  }

  /** A duration in ISO-8601 form ({@code PT5S}) or plain milliseconds. */
  public Duration duration(String key, Duration defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return v.strip().matches("[0-9]+") ? Duration.ofMillis(Long.parseLong(v.strip())) : Duration.parse(v.strip());
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new ConfigurationException(
          owner
              + ": setting '"
              + key
              + "' must be a duration such as PT5S or milliseconds, but was '"
              + v
              + "'");
    }
  }

  public boolean booleanValue(String key, boolean defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v.strip().equalsIgnoreCase("true") || v.strip().equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v.strip());
    }
    throw new ConfigurationException(
        owner + ": setting '" + key + "' must be true or false, but was '" + v + "'");
  }

  /** Every setting, for plugins that pass through provider-specific keys. */
  public Map<String, String> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return new TreeMap<>(values).toString();
  }
}
