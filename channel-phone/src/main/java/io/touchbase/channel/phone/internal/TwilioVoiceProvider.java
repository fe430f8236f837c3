package io.touchbase.channel.phone.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.channel.support.BindingSettings;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ProviderLimits;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * The {@code twilio-voice} provider: calls that say the message's text through Twilio's Calls
 * API, with call results from Twilio's status callback. Settings and secrets are described in
 * the module's README.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class TwilioVoiceProvider implements ChannelProvider {
  /** The provider id. */
  public static final String ID = "twilio-voice";

  /** Twilio's documented default of one call per second (CPS); excess calls are queued by Twilio. */
  static final ProviderLimits LIMITS = new ProviderLimits(1, 4, Duration.ofSeconds(15));

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
    return Set.of("accountSid", "from");
  }

  @Override
  public Set<String> requiredSecrets() {
    return Set.of("authToken");
  }

  @Override
  public ProviderLimits limits() {
    return LIMITS;
  }

  @Override
  public Channel create(ChannelContext context) {
    TwilioVoiceConfig config = TwilioVoiceConfig.from(context);
    String authToken = BindingSettings.of(context).secret("authToken");
    return new TwilioVoiceChannel(
        context.channelName(),
        config,
        authToken,
        HttpCalls.nonRetrying(context.requireService(OkHttpClient.class)),
        context.requireService(ObjectMapper.class),
        context.clock());
  }

  @Override
  public String toString() {
    return "TwilioVoiceProvider{id=" + ID + "}";
  }
}
