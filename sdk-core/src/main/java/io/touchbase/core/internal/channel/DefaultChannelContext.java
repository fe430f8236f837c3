package io.touchbase.core.internal.channel;

import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelSettings;
import io.touchbase.spi.channel.Secrets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The context the engine hands a provider: settings, resolved secrets, clock, shared services.
 *
 * <p>This class is internal and is hence not for public use.
 */
record DefaultChannelContext(
    String channelName,
    String providerId,
    ChannelSettings settings,
    Secrets secrets,
    Clock clock,
    Map<Class<?>, Object> services)
    implements ChannelContext {

  @Override
  public <T> Optional<T> service(Class<T> type) {
    Object s = services.get(type);
    return s == null ? Optional.empty() : Optional.of(type.cast(s));
  }

  @Override
  public String toString() {
    return "ChannelContext{channel=" + channelName + ", provider=" + providerId + ", settings="
        + settings + ", secrets=" + secrets + "}";
  }
}
