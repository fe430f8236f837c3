package io.touchbase.core.internal.channel;

import io.touchbase.api.ChannelConfig;
import io.touchbase.api.ConfigurationException;
import io.touchbase.api.ProviderBinding;
import io.touchbase.api.UnknownChannelProviderException;
import io.touchbase.core.internal.dispatch.GuardSettings;
import io.touchbase.core.internal.dispatch.ProviderGuard;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ChannelSettings;
import io.touchbase.spi.engine.TouchbaseConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds channel providers, checks them, and creates the configured channels. A provider is only
 * created when a channel names it; a duplicated id, an unknown id, a too-new SPI version, and a
 * missing setting or secret fail the build with a message that says which.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class ChannelRegistry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChannelRegistry.class);

  private final Map<String, ConfiguredChannel> channels;

  private ChannelRegistry(Map<String, ConfiguredChannel> channels) {
    this.channels = channels;
  }

  public static ChannelRegistry create(
      TouchbaseConfig config, Clock clock, Map<Class<?>, Object> services) {
    Map<String, ChannelProvider> providers = discover(config);
    Map<String, ConfiguredChannel> channels = new LinkedHashMap<>();
    try {
      for (ChannelConfig cc : config.channels()) {
        List<ConfiguredChannel.Bound> bound = new ArrayList<>();
        channels.put(cc.name(), new ConfiguredChannel(cc.name(), bound));
        for (ProviderBinding b : cc.providers()) {
          ChannelProvider p = providers.get(b.providerId());
          if (p == null) {
            throw new UnknownChannelProviderException(
                cc.name(), b.providerId(), new ArrayList<>(providers.keySet()));
          }
          String owner = "Channel '" + cc.name() + "' (provider '" + b.providerId() + "')";
          GuardSettings guard = GuardSettings.from(p.limits(), new ChannelSettings(owner, b.settings()), owner);
          Channel channel = create(cc, b, p, config, clock, servicesFor(services, guard));
          bound.add(new ConfiguredChannel.Bound(
              b.providerId(), p, channel, new ProviderGuard(cc.name() + "/" + b.providerId(), guard, clock)));
        }
        checkOneScope(cc.name(), bound);
      }
    } catch (RuntimeException e) {
      new ChannelRegistry(channels).close();
      throw e;
    }
    Map<String, ConfiguredChannel> frozen = new LinkedHashMap<>();
    channels.forEach((k, v) -> frozen.put(k, new ConfiguredChannel(k, List.copyOf(v.providers()))));
    return new ChannelRegistry(Map.copyOf(frozen));
  }

  /**
   * A channel sends to the addresses of one app or corporation: providers that declare different
   * scopes would each need another openid of the same contact, and the round picks only one.
   */
  private static void checkOneScope(String channel, List<ConfiguredChannel.Bound> bound) {
    Map<String, String> scopes = new LinkedHashMap<>();
    for (ConfiguredChannel.Bound b : bound) {
      b.channel().addressScope().ifPresent(scope -> scopes.put(b.providerId(), scope));
    }
    if (new java.util.HashSet<>(scopes.values()).size() > 1) {
      throw new ConfigurationException(
          "Channel '" + channel + "': its providers declare different address scopes " + scopes
              + "; bind the providers of one app or corporation id to each channel");
    }
  }

  private static Map<String, ChannelProvider> discover(TouchbaseConfig config) {
    Map<String, ChannelProvider> byId = new TreeMap<>();
    List<ChannelProvider> all = new ArrayList<>(
        config.channelProviderLoader()
            .load((what, error) -> log.warn("Channel provider failed to load and was skipped: {}", what, error)));
    all.addAll(config.channelProviders());
    for (ChannelProvider p : all) {
      String id;
      try {
        id = p.id();
      } catch (RuntimeException e) {
        log.warn("Channel provider {} failed to report its id and was skipped", p.getClass().getName(), e);
        continue;
      }
      ChannelProvider previous = byId.putIfAbsent(id, p);
      if (previous != null) {
        throw new ConfigurationException(
            "Two channel providers declare id '"
                + id
                + "': "
                + previous.getClass().getName()
                + " and "
                + p.getClass().getName()
                + "; remove one of the jars or give one another id");
      }
      if (p.spiVersion() > ChannelProvider.SPI_VERSION) {
        throw new ConfigurationException(
            "Channel provider '" + id + "' needs SPI version " + p.spiVersion()
                + ", but this engine supports " + ChannelProvider.SPI_VERSION
                + "; upgrade io.touchbase:touchbase-sdk-core");
      }
    }
    return byId;
  }

  /**
   * The shared services as one provider instance sees them: the shared HTTP client with the
   * provider's call timeout, sharing the connection pool and dispatcher of the original.
   */
  private static Map<Class<?>, Object> servicesFor(Map<Class<?>, Object> services, GuardSettings guard) {
    Object http = services.get(OkHttpClient.class);
    if (!(http instanceof OkHttpClient client)) {
      return services;
    }
    Map<Class<?>, Object> copy = new HashMap<>(services);
    copy.put(OkHttpClient.class, client.newBuilder().callTimeout(guard.limits().callTimeout()).build());
    return Map.copyOf(copy);
  }

  private static Channel create(
      ChannelConfig cc, ProviderBinding b, ChannelProvider p, TouchbaseConfig config, Clock clock,
      Map<Class<?>, Object> services) {
    String owner = "Channel '" + cc.name() + "' (provider '" + b.providerId() + "')";
    for (String key : p.requiredSettings()) {
      String v = b.settings().get(key);
      if (v == null || v.isBlank()) {
        throw new ConfigurationException(owner + ": setting '" + key + "' is required");
      }
    }
    ResolvedSecrets secrets = new ResolvedSecrets(cc.name(), b, config.secretResolver());
    for (String name : p.requiredSecrets()) {
      secrets.require(name);
    }
    DefaultChannelContext context =
        new DefaultChannelContext(
            cc.name(), b.providerId(), new ChannelSettings(owner, b.settings()), secrets, clock, services);
    Channel channel = p.create(context);
    if (channel == null) {
      throw new ConfigurationException(owner + ": provider returned no channel");
    }
    log.info("Channel '{}' uses provider '{}'", cc.name(), b.providerId());
    return channel;
  }

  public Optional<ConfiguredChannel> get(String name) {
    return Optional.ofNullable(channels.get(name));
  }

  public List<String> names() {
    return channels.keySet().stream().sorted().toList();
  }

  @Override
  public void close() {
    for (ConfiguredChannel c : channels.values()) {
      for (ConfiguredChannel.Bound b : c.providers()) {
        try {
          b.channel().close();
        } catch (Exception e) {
          log.warn("Channel '{}' (provider '{}') failed to close", c.name(), b.providerId(), e);
        }
      }
    }
  }
}
