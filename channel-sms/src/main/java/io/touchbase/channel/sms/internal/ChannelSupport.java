package io.touchbase.channel.sms.internal;

import io.touchbase.api.ConfigurationException;
import io.touchbase.channel.support.TemplateMappings;
import io.touchbase.spi.channel.ChannelContext;
import okhttp3.HttpUrl;

/**
 * Helpers the SMS providers share: settings that need parsing.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class ChannelSupport {
  private ChannelSupport() {}

  /** How errors name the binding, the way the engine does. */
  static String owner(ChannelContext context) {
    return "Channel '" + context.channelName() + "' (provider '" + context.providerId() + "')";
  }

  /** Setting {@code endpoint}, or the default; must be an http or https URL. */
  static HttpUrl endpoint(ChannelContext context, String defaultUrl) {
    String value = context.settings().get("endpoint").map(String::strip).orElse(defaultUrl);
    HttpUrl url = HttpUrl.parse(value);
    if (url == null) {
      throw new ConfigurationException(
          owner(context) + ": setting 'endpoint' must be an http or https URL, but was '" + value + "'");
    }
    return url;
  }

  /** The Host header exactly as OkHttp sends it for {@code url}, for signatures that cover it. */
  static String hostHeader(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  /** The template mappings, with errors naming the binding. */
  static TemplateMappings templateMappings(ChannelContext context) {
    try {
      return TemplateMappings.from(context.settings());
    } catch (ConfigurationException e) {
      throw new ConfigurationException(owner(context) + ": " + e.getMessage(), e);
    }
  }

  /** A required setting; the message names it. */
  static String require(ChannelContext context, String key) {
    return context.settings().require(key).strip();
  }
}
