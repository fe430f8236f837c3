package io.touchbase.channel.wechat.internal;

/**
 * The {@code wechat-subscribe} provider: Official Account subscribe messages (bizsend) to the
 * openids of setting {@code appId}, one send per accepted one-time subscription. Settings {@code
 * appId}, optional {@code baseUrl}, template mappings with optional links, {@code
 * callbackMaxAge}; secrets {@code appSecret}, optional {@code callbackToken} and {@code
 * encodingAesKey}. Needs the engine's {@code SharedTokens}, {@code OkHttpClient} and {@code
 * ObjectMapper}. See the module README.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class WeChatSubscribeProvider extends OfficialAccountProvider {
  public static final String ID = "wechat-subscribe";

  public WeChatSubscribeProvider() {
    super(ID, WeChatSubscribeChannel::new);
  }
}
