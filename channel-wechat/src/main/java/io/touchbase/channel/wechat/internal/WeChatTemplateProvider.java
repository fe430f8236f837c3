package io.touchbase.channel.wechat.internal;

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
public final class WeChatTemplateProvider extends OfficialAccountProvider {
  public static final String ID = "wechat-template";

  public WeChatTemplateProvider() {
    super(ID, WeChatTemplateChannel::new);
  }
}
