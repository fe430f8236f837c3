package io.touchbase.channel.wechat.internal;

import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.channel.support.BindingSettings;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ProviderLimits;
import java.util.List;
import java.util.Set;

/**
 * The {@code wecom-app} provider: WeCom application messages (text) from the app of setting
 * {@code agentId} to staff members, for internal alerts and for telling a staff member that a
 * task is waiting. The contact is the staff member as the host models them, with an address of
 * kind {@code wecom-userid} holding their WeCom UserID. Settings {@code corpId}, {@code agentId},
 * optional {@code baseUrl}, {@code duplicateCheckInterval}, text mappings, {@code
 * callbackMaxAge}; secrets {@code agentSecret}, optional {@code callbackToken} and {@code
 * encodingAesKey}. Needs the engine's {@code SharedTokens}, {@code OkHttpClient} and {@code
 * ObjectMapper}. See the module README.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class WeComAppProvider implements ChannelProvider {
  public static final String ID = "wecom-app";
  /** A staff member's WeCom UserID (成员账号), in the corporation of the channel. */
  public static final AddressKind USER_ID = AddressKind.of("wecom-userid");
  /** The default of setting {@code duplicateCheckInterval}, in seconds: WeCom's own default. */
  static final int DEFAULT_DUPLICATE_CHECK_INTERVAL = 1800;
  // WeCom's documented maximum as we know it is 4 hours: unconfirmed.
  static final int MAX_DUPLICATE_CHECK_INTERVAL = 14_400;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ChannelType channelType() {
    return ChannelType.WECOM;
  }

  @Override
  public List<AddressKind> requiredAddressKinds() {
    return List.of(USER_ID);
  }

  @Override
  public Set<String> requiredSettings() {
    return Set.of("corpId", "agentId");
  }

  @Override
  public Set<String> requiredSecrets() {
    return Set.of("agentSecret");
  }

  @Override
  public ProviderLimits limits() {
    return WeComLimits.SENDS;
  }

  @Override
  public Channel create(ChannelContext context) {
    WeComBinding binding = WeComBinding.app(context);
    int interval = BindingSettings.of(context)
        .intInRange("duplicateCheckInterval", 1, MAX_DUPLICATE_CHECK_INTERVAL)
        .orElse(DEFAULT_DUPLICATE_CHECK_INTERVAL);
    return new WeComAppChannel(binding, Integer.parseInt(binding.api().config().tokenScope()), interval);
  }

  @Override
  public String toString() {
    return "WeComAppProvider{id=" + ID + "}";
  }
}
