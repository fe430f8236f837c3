package io.touchbase.core.internal.channel;

import io.touchbase.api.ConfigurationException;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ProviderLimits;
import java.time.Duration;
import java.util.List;

/**
 * The built-in {@code dry-run} provider: records and logs what would be sent and sends nothing,
 * for demos and staging. Serves every built-in address kind; setting {@code channelType} (default {@code
 * sms}) says which consent applies.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class DryRunChannelProvider implements ChannelProvider {
  public static final String ID = "dry-run";

  @Override
  public String id() {
    return ID;
  }

  /** The default type; a configured channel may say otherwise with setting {@code channelType}. */
  @Override
  public ChannelType channelType() {
    return ChannelType.SMS;
  }

  @Override
  public List<AddressKind> requiredAddressKinds() {
    return List.of(AddressKind.PHONE, AddressKind.EMAIL, AddressKind.WECHAT_OPENID,
        AddressKind.WECHAT_UNIONID, AddressKind.WECOM_EXTERNAL_USER_ID);
  }

  /**
   * It sends nothing, so there is no provider to protect: limits far above what one instance can
   * dispatch, so that a dry run shows the engine's own pace rather than a made-up provider quota.
   */
  @Override
  public ProviderLimits limits() {
    return new ProviderLimits(1_000_000, 10_000, Duration.ofSeconds(10));
  }

  @Override
  public Channel create(ChannelContext context) {
    String type = context.settings().get("channelType").orElse(channelType().id());
    try {
      return new DryRunChannel(context.channelName(), ChannelType.of(type));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("Channel '" + context.channelName()
          + "' (provider 'dry-run'): setting 'channelType' must be lower-kebab-case, but was '" + type + "'");
    }
  }

  @Override
  public String toString() {
    return "DryRunChannelProvider{id=" + ID + "}";
  }
}
