package io.touchbase.channel.sms.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.channel.support.BindingSettings;
import io.touchbase.channel.support.CallbackTokens;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.channel.support.TemplateMappings;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ProviderLimits;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The {@code tencent-sms} provider: Tencent Cloud SMS (API 2021-01-11) with pre-approved
 * templates. Settings {@code secretId}, {@code smsSdkAppId}, {@code signName} (needed for
 * mainland numbers), optional {@code region}, {@code endpoint} and template mappings whose {@code
 * params} fill {@code {1}}, {@code {2}} ... in order; secrets {@code secretKey} and optional
 * {@code callbackToken}. See the module README.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class TencentSmsProvider implements ChannelProvider {
  public static final String ID = "tencent-sms";
  static final String DEFAULT_ENDPOINT = "https://sms.tencentcloudapi.com";
  static final String DEFAULT_REGION = "ap-guangzhou";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ChannelType channelType() {
    return ChannelType.SMS;
  }

  @Override
  public List<AddressKind> requiredAddressKinds() {
    return List.of(AddressKind.PHONE);
  }

  @Override
  public Set<String> requiredSettings() {
    return Set.of("secretId", "smsSdkAppId");
  }

  @Override
  public Set<String> requiredSecrets() {
    return Set.of("secretKey");
  }

  /** 3,000 requests per second (providers.md §2.1). */
  @Override
  public ProviderLimits limits() {
    return ProviderLimits.DEFAULT.withPermitsPerSecond(3_000);
  }

  @Override
  public Channel create(ChannelContext context) {
    BindingSettings s = BindingSettings.of(context);
    String secretId = s.require("secretId");
    String appId = s.require("smsSdkAppId");
    Optional<String> signName = s.optional("signName");
    String region = context.settings().get("region").map(String::strip).orElse(DEFAULT_REGION);
    if (region.isEmpty()) {
      throw s.error("setting 'region' must not be blank");
    }
    String secretKey = s.secret("secretKey");
    HttpUrl endpoint = s.url("endpoint", DEFAULT_ENDPOINT);
    TemplateMappings mappings = s.named(() -> TemplateMappings.from(context.settings()));
    OkHttpClient client = HttpCalls.nonRetrying(context.requireService(OkHttpClient.class));
    ObjectMapper mapper = context.requireService(ObjectMapper.class);
    TencentSmsChannel.Config config =
        new TencentSmsChannel.Config(endpoint, secretId, secretKey, appId, signName, region);
    TencentSmsCallbacks callbacks =
        new TencentSmsCallbacks(mapper, context.clock(), s.optionalSecret(CallbackTokens.SECRET));
    return new TencentSmsChannel(context.channelName(), client, mapper, config, mappings, context.clock(), callbacks);
  }

  @Override
  public String toString() {
    return "TencentSmsProvider{id=" + ID + "}";
  }
}
