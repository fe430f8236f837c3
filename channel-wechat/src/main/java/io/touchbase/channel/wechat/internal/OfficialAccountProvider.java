package io.touchbase.channel.wechat.internal;

import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ProviderLimits;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What the two Official Account providers share: channel type {@code wechat}, openids of setting
 * {@code appId}, the same settings, secrets and limits. Each subclass names its id and its
 * channel; {@link java.util.ServiceLoader} needs one class per provider.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
abstract class OfficialAccountProvider implements ChannelProvider {
  private final String id;
  private final Function<WeChatBinding, Channel> channels;

  OfficialAccountProvider(String id, Function<WeChatBinding, Channel> channels) {
    this.id = id;
    this.channels = channels;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final ChannelType channelType() {
    return ChannelType.WECHAT;
  }

  @Override
  public final List<AddressKind> requiredAddressKinds() {
    return List.of(AddressKind.WECHAT_OPENID);
  }

  @Override
  public final Set<String> requiredSettings() {
    return WeChatBinding.REQUIRED_SETTINGS;
  }

  @Override
  public final Set<String> requiredSecrets() {
    return WeChatBinding.REQUIRED_SECRETS;
  }

  @Override
  public final ProviderLimits limits() {
    return WeChatLimits.SENDS;
  }

  @Override
  public final Channel create(ChannelContext context) {
    return channels.apply(WeChatBinding.read(context));
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "{id=" + id + "}";
  }
}
