package io.touchbase.spi.channel;

import java.util.Optional;

/**
 * What the engine hands a provider when it creates a channel: its settings, its secrets, the
 * engine clock, and shared services looked up by type. sdk-core offers its one shared {@code
 * okhttp3.OkHttpClient} and Jackson {@code ObjectMapper} this way, so a channel module needs no
 * dependency on sdk-core.
 */
public interface ChannelContext {

  /** The configured channel name, e.g. {@code sms}. */
  String channelName();

  /** The provider id being created, e.g. {@code aliyun-sms}. */
  String providerId();

  /** Non-secret settings of this provider binding. */
  ChannelSettings settings();

  /** Secrets of this provider binding (API keys, tokens). */
  Secrets secrets();

  /** The engine clock: use it for timestamps in signatures so tests control time. */
  java.time.Clock clock();

  /**
   * A shared service by type, e.g. {@code context.service(OkHttpClient.class)}. Use shared
   * services rather than creating your own, so the host has one connection pool.
   */
  <T> Optional<T> service(Class<T> type);

  /** Convenience for a service the channel cannot work without. */
  default <T> T requireService(Class<T> type) {
    return service(type)
        .orElseThrow(
            () ->
                new io.touchbase.api.ConfigurationException(
                    "Channel '"
                        + channelName()
                        + "' (provider '"
                        + providerId()
                        + "') needs shared service "
                        + type.getName()
                        + ", which the engine does not offer"));
  }
}
