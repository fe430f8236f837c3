package io.touchbase.channel.sms.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.channel.support.BindingSettings;
import io.touchbase.channel.support.HttpCalls;
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
 * The {@code twilio-sms} provider: Twilio Programmable Messaging with free text (the text
 * Touchbase rendered from its own template). Settings {@code accountSid}, one of {@code from} and
 * {@code messagingServiceSid}, optional {@code statusCallbackUrl} and {@code endpoint}; secret
 * {@code authToken}. See the module README.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class TwilioSmsProvider implements ChannelProvider {
  public static final String ID = "twilio-sms";
  static final String DEFAULT_ENDPOINT = "https://api.twilio.com";

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
    return Set.of("accountSid");
  }

  @Override
  public Set<String> requiredSecrets() {
    return Set.of("authToken");
  }

  /**
   * One message per second: Twilio's throughput is per sender and not in our reference
   * (unconfirmed); one per second is what a single long code sends, and Twilio queues rather
   * than refuses what a sender cannot keep up with.
   */
  @Override
  public ProviderLimits limits() {
    return ProviderLimits.DEFAULT.withPermitsPerSecond(1);
  }

  @Override
  public Channel create(ChannelContext context) {
    BindingSettings s = BindingSettings.of(context);
    String accountSid = s.require("accountSid");
    if (!accountSid.matches("[A-Za-z0-9]+")) {
      throw s.error("setting 'accountSid' must be letters and digits (AC...)");
    }
    Optional<String> from = s.optional("from");
    Optional<String> service = s.optional("messagingServiceSid");
    if (from.isPresent() == service.isPresent()) {
      throw s.error("exactly one of the settings 'from' and 'messagingServiceSid' is required");
    }
    Optional<HttpUrl> statusCallback = s.optionalUrl("statusCallbackUrl");
    String authToken = s.secret("authToken");
    HttpUrl endpoint = s.url("endpoint", DEFAULT_ENDPOINT);
    TwilioSmsChannel.Config config =
        new TwilioSmsChannel.Config(endpoint, accountSid, authToken, from, service, statusCallback);
    return new TwilioSmsChannel(
        context.channelName(),
        HttpCalls.nonRetrying(context.requireService(OkHttpClient.class)),
        context.requireService(ObjectMapper.class),
        config,
        new TwilioSmsCallbacks(authToken, context.clock()));
  }

  @Override
  public String toString() {
    return "TwilioSmsProvider{id=" + ID + "}";
  }
}
