package io.touchbase.spi.channel;

import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import java.util.List;
import java.util.Set;

/**
 * A channel plugin, found through {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/io.touchbase.spi.channel.ChannelProvider}. Configuration binds a channel
 * name ({@code sms}) to a provider id ({@code aliyun-sms}); the engine creates a {@link Channel}
 * only for providers a channel names.
 *
 * <p>Implementations need a public no-argument constructor and must be cheap to construct: every
 * provider on the classpath is instantiated to read its id. The SPI grows only through {@code
 * default} methods.
 */
public interface ChannelProvider {

  /** The SPI version this API defines; see {@link #spiVersion()}. */
  int SPI_VERSION = 1;

  /**
   * The provider's stable id, lower-kebab-case, e.g. {@code aliyun-sms}. Configurations name it,
   * so it is never renamed.
   */
  String id();

  /** The channel type this provider serves; consent is checked per type. */
  ChannelType channelType();

  /**
   * The address kinds this provider can send to, in order of preference; a contact needs one of
   * them or the round is suppressed with a reason. At least one.
   */
  List<AddressKind> requiredAddressKinds();

  /** Setting keys {@link #create} needs; the engine checks them before calling it. */
  default Set<String> requiredSettings() {
    return Set.of();
  }

  /** Secret names {@link #create} needs; the engine checks they resolve before calling it. */
  default Set<String> requiredSecrets() {
    return Set.of();
  }

  /**
   * The limits the provider documents for one account (rate, concurrency, call time); the engine
   * enforces them per configured instance. The default is {@link ProviderLimits#DEFAULT}.
   */
  default ProviderLimits limits() {
    return ProviderLimits.DEFAULT;
  }

  /**
   * The SPI version the provider was built against. The engine refuses a provider built against
   * a newer SPI than it knows.
   */
  default int spiVersion() {
    return SPI_VERSION;
  }

  /**
   * Creates a channel for one configured channel name.
   *
   * @throws io.touchbase.api.ConfigurationException naming the setting when the settings are
   *     invalid
   */
  Channel create(ChannelContext context);
}
