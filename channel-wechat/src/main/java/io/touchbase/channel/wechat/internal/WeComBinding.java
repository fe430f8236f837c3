package io.touchbase.channel.wechat.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.channel.support.BindingSettings;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.SharedTokens;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The settings and secrets both WeCom providers read, checked: the corporation, the API client
 * with the token of its secret, the text mappings, and the callback handler. {@link #toString()}
 * shows no secret.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
record WeComBinding(String channel, String corpId, WeComApi api, WeComTemplates templates,
    WeComCallbacks callbacks) {
  static final String DEFAULT_BASE_URL = "https://qyapi.weixin.qq.com";
  static final Duration DEFAULT_CALLBACK_MAX_AGE = Duration.ofMinutes(5);

  /**
   * The binding of a {@code wecom-app} channel: setting {@code agentId}, secret {@code
   * agentSecret}.
   *
   * @throws io.touchbase.api.ConfigurationException naming the setting or secret that is wrong
   */
  static WeComBinding app(ChannelContext context) {
    BindingSettings s = BindingSettings.of(context);
    String agentId = s.require("agentId");
    if (!agentId.matches("[0-9]{1,10}") || Long.parseLong(agentId) > Integer.MAX_VALUE) {
      throw s.error("setting 'agentId' must be the app's numeric AgentId, but was '" + agentId + "'");
    }
    return read(context, s, agentId, "agentSecret",
        "check that secret 'agentSecret' is the Secret of the app of setting 'agentId'", false);
  }

  /**
   * The binding of a {@code wecom-customer} channel: secret {@code contactSecret}.
   *
   * @throws io.touchbase.api.ConfigurationException naming the setting or secret that is wrong
   */
  static WeComBinding customer(ChannelContext context) {
    BindingSettings s = BindingSettings.of(context);
    return read(context, s, "contact", "contactSecret", "secret 'contactSecret' must be the Secret of 客户联系 "
        + "(customer contact), or of an app listed there as one that may call the API", true);
  }

  private static WeComBinding read(ChannelContext context, BindingSettings s, String tokenScope, String secretName,
      String otherAppHint, boolean links) {
    String corpId = s.require("corpId");
    String secret = s.secret(secretName);
    WeComApi.Config config = new WeComApi.Config(s.url("baseUrl", DEFAULT_BASE_URL), corpId, tokenScope, secretName,
        secret, otherAppHint);
    WeComTemplates templates = s.named(() -> WeComTemplates.from(context.settings(), links));
    SharedTokens tokens = context.requireService(SharedTokens.class);
    OkHttpClient client = HttpCalls.nonRetrying(context.requireService(OkHttpClient.class));
    ObjectMapper mapper = context.requireService(ObjectMapper.class);
    WeComApi api = new WeComApi(context.channelName(), context.providerId(), client, mapper, config, tokens,
        context.clock());
    return new WeComBinding(context.channelName(), corpId, api, templates, callbacks(context, s, corpId));
  }

  /** WeCom always encrypts its pushes: the Token and the EncodingAESKey come together. */
  private static WeComCallbacks callbacks(ChannelContext context, BindingSettings s, String corpId) {
    for (String secret : new String[] {"callbackToken", "encodingAesKey"}) {
      if (context.settings().get(secret).isPresent()) {
        throw s.error("'" + secret + "' is a secret, not a setting: move it to the secrets, where it is not shown");
      }
    }
    Optional<String> token = s.optionalSecret("callbackToken").map(String::strip);
    Optional<String> key = s.optionalSecret("encodingAesKey").map(String::strip);
    if (token.isPresent() != key.isPresent()) {
      throw s.error("secrets 'callbackToken' and 'encodingAesKey' go together: WeCom encrypts every push");
    }
    Optional<WxEnvelope> envelope = key.map(k -> {
      try {
        return new WxEnvelope(token.orElseThrow(), WxCrypto.of(k, corpId, new SecureRandom()));
      } catch (IllegalArgumentException e) {
        throw s.error("secret 'encodingAesKey' must be the 43-character EncodingAESKey of the console");
      }
    });
    Duration maxAge = context.settings().duration("callbackMaxAge", DEFAULT_CALLBACK_MAX_AGE);
    if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(Duration.ofDays(1)) > 0) {
      throw s.error("setting 'callbackMaxAge' must be positive and at most one day, but was " + maxAge);
    }
    return new WeComCallbacks(corpId, envelope, maxAge, context.clock());
  }

  @Override
  public String toString() {
    return "channel=" + channel + ", " + api + ", templates=" + templates.templateIds() + ", " + callbacks;
  }
}
