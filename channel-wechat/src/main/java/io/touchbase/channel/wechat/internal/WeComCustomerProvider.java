package io.touchbase.channel.wechat.internal;

import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.channel.support.BindingSettings;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ProviderLimits;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The {@code wecom-customer} provider: customer-contact messages ({@code add_msg_template}) from a
 * staff member to an external contact of the corporation of setting {@code corpId}. WeCom does
 * not send them by itself: the staff member confirms each in their client, so the channel offers
 * a {@link io.touchbase.spi.channel.StaffConfirmation} that the engine polls until the deadline.
 * Settings {@code corpId}, optional {@code baseUrl}, {@code senderVariable}, {@code
 * confirmDeadline}, {@code confirmPollInterval}, text and link mappings, {@code callbackMaxAge};
 * secrets {@code contactSecret}, optional {@code callbackToken} and {@code encodingAesKey}. Needs
 * the engine's {@code SharedTokens}, {@code OkHttpClient} and {@code ObjectMapper}. See the
 * module README.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class WeComCustomerProvider implements ChannelProvider {
  public static final String ID = "wecom-customer";
  static final String DEFAULT_SENDER_VARIABLE = "wecomSender";
  static final Duration DEFAULT_CONFIRM_DEADLINE = Duration.ofHours(24);
  static final Duration DEFAULT_CONFIRM_POLL_INTERVAL = Duration.ofMinutes(10);
  static final Duration MIN_POLL_INTERVAL = Duration.ofMinutes(1);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ChannelType channelType() {
    return ChannelType.WECOM;
  }

  @Override
  public List<AddressKind> requiredAddressKinds() {
    return List.of(AddressKind.WECOM_EXTERNAL_USER_ID);
  }

  @Override
  public Set<String> requiredSettings() {
    return Set.of("corpId");
  }

  @Override
  public Set<String> requiredSecrets() {
    return Set.of("contactSecret");
  }

  @Override
  public ProviderLimits limits() {
    return WeComLimits.SENDS;
  }

  @Override
  public Channel create(ChannelContext context) {
    WeComBinding binding = WeComBinding.customer(context);
    BindingSettings s = BindingSettings.of(context);
    String senderVariable = s.optional("senderVariable").orElse(DEFAULT_SENDER_VARIABLE);
    if (!senderVariable.matches("[A-Za-z0-9_.\\-]+")) {
      throw s.error("setting 'senderVariable' must be a variable name (letters, digits, _ . -), but was '"
          + senderVariable + "'");
    }
    Duration deadline = context.settings().duration("confirmDeadline", DEFAULT_CONFIRM_DEADLINE);
    Duration poll = context.settings().duration("confirmPollInterval", DEFAULT_CONFIRM_POLL_INTERVAL);
    if (poll.compareTo(MIN_POLL_INTERVAL) < 0) {
      throw s.error("setting 'confirmPollInterval' must be at least PT1M, but was " + poll);
    }
    if (deadline.compareTo(poll) < 0) {
      throw s.error("setting 'confirmDeadline' must be at least setting 'confirmPollInterval' (" + poll
          + "), but was " + deadline);
    }
    return new WeComCustomerChannel(binding, senderVariable, new WeComConfirmation(binding, deadline, poll));
  }

  @Override
  public String toString() {
    return "WeComCustomerProvider{id=" + ID + "}";
  }
}
