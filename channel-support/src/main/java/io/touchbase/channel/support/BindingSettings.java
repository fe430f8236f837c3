package io.touchbase.channel.support;

import io.touchbase.api.ConfigurationException;
import io.touchbase.spi.channel.ChannelContext;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * Reads and checks the settings and secrets of one provider binding, for a provider's {@code
 * create}. Every error is a {@link ConfigurationException} that names the binding the way the
 * engine does ({@code Channel 'sms' (provider 'aliyun-sms')}) and the setting, and never shows a
 * secret. Values are stripped of surrounding white space; a blank optional setting counts as
 * absent.
 */
public final class BindingSettings {
  private final ChannelContext context;
  private final String owner;

  private BindingSettings(ChannelContext context) {
    this.context = context;
    this.owner = "Channel '" + context.channelName() + "' (provider '" + context.providerId() + "')";
  }

  /** The settings and secrets of {@code context}. */
  public static BindingSettings of(ChannelContext context) {
    return new BindingSettings(Objects.requireNonNull(context, "context"));
  }

  /** How errors name the binding: {@code Channel 'sms' (provider 'aliyun-sms')}. */
  public String owner() {
    return owner;
  }

  /** A setting that must be present and not blank. */
  public String require(String key) {
    return context.settings().require(key).strip();
  }

  /** A setting, if present and not blank. */
  public Optional<String> optional(String key) {
    return context.settings().get(key).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** A secret that must be present and not blank; the error names it, never its value. */
  public String secret(String name) {
    return named(() -> context.secrets().require(name));
  }

  /** A secret, if present and not blank. */
  public Optional<String> optionalSecret(String name) {
    return context.secrets().get(name).filter(v -> !v.isBlank());
  }

  /** An optional whole number that must lie in {@code [min, max]}. */
  public OptionalInt intInRange(String key, int min, int max) {
    if (optional(key).isEmpty()) {
      return OptionalInt.empty();
    }
    int value = context.settings().intValue(key, 0);
    if (value < min || value > max) {
      throw error("setting '" + key + "' must be between " + min + " and " + max + ", but was " + value);
    }
    return OptionalInt.of(value);
  }

  /** An http or https URL; {@code defaultValue} when the setting is absent. */
  public HttpUrl url(String key, String defaultValue) {
    return parseUrl(key, optional(key).orElse(Objects.requireNonNull(defaultValue, "defaultValue")));
  }

  /** An optional http or https URL. */
  public Optional<HttpUrl> optionalUrl(String key) {
    return optional(key).map(value -> parseUrl(key, value));
  }

  /**
   * Runs a check that throws {@link ConfigurationException} without naming the binding (those of
   * {@link TemplateMappings}, say), adding the binding's name to its error.
   */
  public <T> T named(Supplier<T> check) {
    try {
      return check.get();
    } catch (ConfigurationException e) {
      throw new ConfigurationException(owner + ": " + e.getMessage(), e);
    }
  }

  /** An error about this binding: {@code what} is prefixed with its name. */
  public ConfigurationException error(String what) {
    return new ConfigurationException(owner + ": " + what);
  }

  private HttpUrl parseUrl(String key, String value) {
    HttpUrl url = HttpUrl.parse(value);
    if (url == null) {
      throw error("setting '" + key + "' must be an http or https URL, but was '" + value + "'");
    }
    return url;
  }

  @Override
  public String toString() {
    return "BindingSettings{" + owner + "}";
  }
}
