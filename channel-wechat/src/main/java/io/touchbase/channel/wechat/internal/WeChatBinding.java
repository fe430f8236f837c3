package io.touchbase.channel.wechat.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.channel.support.BindingSettings;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.SharedTokens;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * The settings and secrets both WeChat providers read, checked: the API client with its shared
 * token, the template mappings, and the callback handler of the app. {@link #toString()} shows no
 * secret.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
record WeChatBinding(String channel, String appId, WeChatApi api, WeChatTemplates templates,
    WeChatCallbacks callbacks) {
  static final String DEFAULT_BASE_URL = "https://api.weixin.qq.com";
  static final Duration DEFAULT_CALLBACK_MAX_AGE = Duration.ofMinutes(5);
  static final Set<String> REQUIRED_SETTINGS = Set.of("appId");
  static final Set<String> REQUIRED_SECRETS = Set.of("appSecret");

  /**
   * @throws io.touchbase.api.ConfigurationException naming the setting or secret that is wrong
   */
  static WeChatBinding read(ChannelContext context) {
    BindingSettings s = BindingSettings.of(context);
    String appId = s.require("appId");
    String appSecret = s.secret("appSecret");
    WeChatApi.Config config = new WeChatApi.Config(s.url("baseUrl", DEFAULT_BASE_URL), appId, appSecret);
    WeChatTemplates templates = s.named(() -> WeChatTemplates.from(context.settings()));
    if (context.settings().get("callbackToken").isPresent()) {
      throw s.error("'callbackToken' is a secret, not a setting: move it to the secrets, where it is not shown");
    }
    Optional<String> token = s.optionalSecret("callbackToken").map(String::strip);
    Optional<WxCrypto> crypto = s.optionalSecret("encodingAesKey").map(key -> {
      try {
        return WxCrypto.of(key.strip(), appId, new SecureRandom());
      } catch (IllegalArgumentException e) {
        throw s.error("secret 'encodingAesKey' must be the 43-character EncodingAESKey of the console");
      }
    });
    if (crypto.isPresent() && token.isEmpty()) {
      throw s.error("secret 'encodingAesKey' needs secret 'callbackToken', which signs every push");
    }
    Duration maxAge = context.settings().duration("callbackMaxAge", DEFAULT_CALLBACK_MAX_AGE);
    if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(Duration.ofDays(1)) > 0) {
      throw s.error("setting 'callbackMaxAge' must be positive and at most one day, but was " + maxAge);
    }
    SharedTokens tokens = context.requireService(SharedTokens.class);
    OkHttpClient client = HttpCalls.nonRetrying(context.requireService(OkHttpClient.class));
    ObjectMapper mapper = context.requireService(ObjectMapper.class);
    WeChatApi api = new WeChatApi(context.channelName(), context.providerId(), client, mapper, config, tokens,
        context.clock());
    WeChatCallbacks callbacks = new WeChatCallbacks(appId, token, crypto, maxAge, context.clock());
    return new WeChatBinding(context.channelName(), appId, api, templates, callbacks);
  }

  @Override
  public String toString() {
    return "channel=" + channel + ", " + api + ", templates=" + templates.templateIds() + ", " + callbacks;
  }
}
