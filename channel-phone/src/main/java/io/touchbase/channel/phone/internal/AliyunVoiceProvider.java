package io.touchbase.channel.phone.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.channel.support.AliyunRpcRequest;
import io.touchbase.channel.support.BindingSettings;
import io.touchbase.channel.support.CallbackTokens;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ProviderLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * The {@code aliyun-voice} provider: text-to-speech notification calls through Alibaba Cloud
 * Voice Messaging ({@code SingleCallByTts}), with call results from its HTTP push. Settings and
 * secrets are described in the module's README.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class AliyunVoiceProvider implements ChannelProvider {
  /** The provider id. */
  public static final String ID = "aliyun-voice";

  /**
   * unconfirmed: the provider reference states no QPS for SingleCallByTts. 10 calls per second
   * is well below what Aliyun's RPC APIs accept and above what a reminder cadence needs.
   */
  static final ProviderLimits LIMITS = new ProviderLimits(10, 10, Duration.ofSeconds(10));

  private final Supplier<String> nonces;

  /** The provider as ServiceLoader creates it: random signature nonces. */
  public AliyunVoiceProvider() {
    this(() -> UUID.randomUUID().toString());
  }

  /** For tests that pin the signature nonce. */
  AliyunVoiceProvider(Supplier<String> nonces) {
    this.nonces = Objects.requireNonNull(nonces, "nonces");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ChannelType channelType() {
    return ChannelType.PHONE;
  }

  @Override
  public List<AddressKind> requiredAddressKinds() {
    return List.of(AddressKind.PHONE);
  }

  @Override
  public Set<String> requiredSettings() {
    return Set.of("accessKeyId");
  }

  @Override
  public Set<String> requiredSecrets() {
    return Set.of("accessKeySecret");
  }

  @Override
  public ProviderLimits limits() {
    return LIMITS;
  }

  @Override
  public Channel create(ChannelContext context) {
    AliyunVoiceConfig config = AliyunVoiceConfig.from(context);
    BindingSettings settings = BindingSettings.of(context);
    String secret = settings.secret("accessKeySecret");
    Optional<String> callbackToken = settings.optionalSecret(CallbackTokens.SECRET);
    AliyunRpcRequest rpc =
        AliyunRpcRequest.builder()
            .endpoint(config.endpoint())
            .accessKeyId(config.accessKeyId())
            .accessKeySecret(secret)
            .clock(context.clock())
            .nonceSupplier(nonces)
            .signatureVersion(config.signatureVersion())
            .regionId(config.regionId())
            .build();
    return new AliyunVoiceChannel(
        context.channelName(),
        config,
        rpc,
        HttpCalls.nonRetrying(context.requireService(OkHttpClient.class)),
        context.requireService(ObjectMapper.class),
        context.clock(),
        callbackToken);
  }

  @Override
  public String toString() {
    return "AliyunVoiceProvider{id=" + ID + "}";
  }
}
