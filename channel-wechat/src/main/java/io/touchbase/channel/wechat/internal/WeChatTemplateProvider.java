package io.touchbase.channel.wechat.internal;

import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ProviderLimits;
import java.util.List;
import java.util.Set;

/**
 * The {@code wechat-template} provider: Official Account template messages to the openids of
 * setting {@code appId}. Settings {@code appId}, optional {@code baseUrl}, template mappings with
 * optional links, {@code callbackMaxAge}; secrets {@code appSecret}, optional {@code
 * callbackToken} and {@code encodingAesKey}. Needs the engine's {@code SharedTokens}, {@code
 * OkHttpClient} and {@code ObjectMapper}. See the module README.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class WeChatTemplateProvider implements ChannelProvider {
  public static final String ID = "wechat-template";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ChannelType channelType() {
    return ChannelType.WECHAT;
  }

  @Override
  public List<AddressKind> requiredAddressKinds() {
    return List.of(AddressKind.WECHAT_OPENID);
  }

  @Override
  public Set<String> requiredSettings() {
    return WeChatBinding.REQUIRED_SETTINGS;
  }

  @Override
  public Set<String> requiredSecrets() {
    return WeChatBinding.REQUIRED_SECRETS;
  }

  @Override
  public ProviderLimits limits() {
    return WeChatLimits.SENDS;
  }

  @Override
  public Channel create(ChannelContext context) {
    return new WeChatTemplateChannel(WeChatBinding.read(context));
  }

  @Override
  public String toString() {
    return "WeChatTemplateProvider{id=" + ID + "}";
  }
}
