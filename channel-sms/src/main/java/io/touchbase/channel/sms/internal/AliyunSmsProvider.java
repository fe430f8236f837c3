package io.touchbase.channel.sms.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.channel.support.AliyunRpcRequest;
import io.touchbase.channel.support.BindingSettings;
import io.touchbase.channel.support.CallbackTokens;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.channel.support.TemplateMappings;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ProviderLimits;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The {@code aliyun-sms} provider: Alibaba Cloud SMS (dysmsapi 2017-05-25) with pre-approved
 * templates. Settings {@code accessKeyId}, {@code signName}, optional {@code endpoint}, {@code
 * regionId}, {@code signatureVersion} ({@code ACS3} or {@code V2}) and template mappings ({@code
 * template.<id>.code}, {@code .params}, {@code .signName}); secrets {@code accessKeySecret} and
 * optional {@code callbackToken}. See the module README.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class AliyunSmsProvider implements ChannelProvider {
  public static final String ID = "aliyun-sms";
  static final String DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com";
  static final String DEFAULT_REGION = "cn-hangzhou";

  private final Supplier<String> nonces;

  public AliyunSmsProvider() {
    this(() -> UUID.randomUUID().toString());
  }

  /** With a nonce supplier of the test's choosing, so that signed requests are reproducible. */
  AliyunSmsProvider(Supplier<String> nonces) {
    this.nonces = nonces;
  }

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
    return Set.of("accessKeyId", "signName");
  }

  @Override
  public Set<String> requiredSecrets() {
    return Set.of("accessKeySecret");
  }

  /** 5,000 requests per second per account (providers.md §1.1). */
  @Override
  public ProviderLimits limits() {
    return ProviderLimits.DEFAULT.withPermitsPerSecond(5_000);
  }

  @Override
  public Channel create(ChannelContext context) {
    BindingSettings s = BindingSettings.of(context);
    String accessKeyId = s.require("accessKeyId");
    String signName = s.require("signName");
    String secret = s.secret("accessKeySecret");
    HttpUrl endpoint = s.url("endpoint", DEFAULT_ENDPOINT);
    String regionId = s.optional("regionId").orElse(DEFAULT_REGION);
    AliyunRpcRequest.SignatureVersion version =
        s.named(() -> AliyunRpcRequest.SignatureVersion.fromSettings(context.settings()));
    TemplateMappings mappings = s.named(() -> TemplateMappings.from(context.settings()));
    AliyunRpcRequest rpc = AliyunRpcRequest.builder()
        .endpoint(endpoint)
        .accessKeyId(accessKeyId)
        .accessKeySecret(secret)
        .clock(context.clock())
        .nonceSupplier(nonces)
        .signatureVersion(version)
        .regionId(regionId)
        .build();
    OkHttpClient client = HttpCalls.nonRetrying(context.requireService(OkHttpClient.class));
    ObjectMapper mapper = context.requireService(ObjectMapper.class);
    AliyunSmsCallbacks callbacks =
        new AliyunSmsCallbacks(mapper, context.clock(), s.optionalSecret(CallbackTokens.SECRET));
    return new AliyunSmsChannel(
        context.channelName(), client, mapper, rpc, signName, mappings, context.clock(), callbacks,
        "endpoint=" + endpoint + ", accessKeyId=" + accessKeyId + ", signName=" + signName + ", regionId="
            + regionId + ", signatureVersion=" + version);
  }

  @Override
  public String toString() {
    return "AliyunSmsProvider{id=" + ID + "}";
  }
}
