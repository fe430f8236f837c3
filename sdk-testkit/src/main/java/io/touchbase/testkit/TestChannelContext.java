package io.touchbase.testkit;

import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelSettings;
import io.touchbase.spi.channel.Secrets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A {@link ChannelContext} built by hand, to create a channel in a test as the engine would.
 * Settings errors name the binding the way the engine does ({@code Channel 'sms' (provider
 * 'aliyun-sms')}). {@link #toString()} names the secrets but never shows their values.
 */
public final class TestChannelContext implements ChannelContext {
  private final String channelName;
  private final String providerId;
  private final ChannelSettings settings;
  private final MapSecrets secrets;
  private final Clock clock;
  private final Map<Class<?>, Object> services;

  private TestChannelContext(Builder b) {
    this.channelName = b.channelName;
    this.providerId = b.providerId;
    this.settings =
        new ChannelSettings("Channel '" + channelName + "' (provider '" + providerId + "')", b.settings);
    this.secrets = new MapSecrets(Map.copyOf(b.secrets));
    this.clock = b.clock;
    this.services = Map.copyOf(b.services);
  }

  /** A builder with channel name {@code contract-test}, provider id {@code test-provider}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String channelName() {
    return channelName;
  }

  @Override
  public String providerId() {
    return providerId;
  }

  @Override
  public ChannelSettings settings() {
    return settings;
  }

  @Override
  public Secrets secrets() {
    return secrets;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    return Optional.ofNullable(services.get(type)).map(type::cast);
  }

  @Override
  public String toString() {
    return "TestChannelContext{channel=" + channelName + ", provider=" + providerId
        + ", settings=" + settings + ", secrets=" + secrets + "}";
  }

  /** Secrets from a map; {@code toString()} lists the names only. */
  private record MapSecrets(Map<String, String> values) implements Secrets {
    @Override
    public Optional<String> get(String name) {
      return Optional.ofNullable(values.get(name));
    }

    @Override
    public String toString() {
      return new TreeSet<>(values.keySet()).toString();
    }
  }

  /** Builds a {@link TestChannelContext}. Setters replace; {@code setting}, {@code secret} and {@code service} add. */
  public static final class Builder {
    private String channelName = "contract-test";
    private String providerId = "test-provider";
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();

    private Builder() {}

    public Builder channelName(String channelName) {
      this.channelName = Objects.requireNonNull(channelName, "channelName");
      return this;
    }

    public Builder providerId(String providerId) {
      this.providerId = Objects.requireNonNull(providerId, "providerId");
      return this;
    }

    public Builder settings(Map<String, String> settings) {
      this.settings.clear();
      settings.forEach(this::setting);
      return this;
    }

    public Builder setting(String key, String value) {
      settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder secrets(Map<String, String> secrets) {
      this.secrets.clear();
      secrets.forEach(this::secret);
      return this;
    }

    public Builder secret(String name, String value) {
      secrets.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Defaults to {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Shared services by type, e.g. the {@code OkHttpClient} an HTTP channel looks up. */
    public Builder services(Map<Class<?>, Object> services) {
      this.services.clear();
      services.forEach(this::putService);
      return this;
    }

    public <T> Builder service(Class<T> type, T service) {
      putService(type, service);
      return this;
    }

    private void putService(Class<?> type, Object service) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(service, "service");
      // A map from services() escapes the generic check; service(type) would fail late otherwise.
      if (!type.isInstance(service)) {
        throw new IllegalArgumentException(
            "service must be a " + type.getName() + ", but was a " + service.getClass().getName());
      }
      services.put(type, service);
    }

    public TestChannelContext build() {
      return new TestChannelContext(this);
    }
  }
}
