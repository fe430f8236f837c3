package io.touchbase.channel.email.internal;

import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.channel.support.BindingSettings;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ProviderLimits;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code smtp} provider: email through any SMTP relay, rendered from the channel's own
 * templates ({@code template.<id>.subject|html|text}), with one-click unsubscribe on marketing
 * email. Settings {@code host}, {@code from}, optional {@code port}, {@code security}, {@code
 * envelopeFrom}, {@code username}, timeouts, {@code poolSize}, {@code trustHosts}, {@code
 * unsubscribeUrl}, {@code unsubscribeMailto}; secrets {@code password}, {@code unsubscribeKey} and
 * {@code unsubscribeKeyPrevious}.
 * See the module README.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class SmtpProvider implements ChannelProvider {
  public static final String ID = "smtp";
  private static final Logger LOG = LoggerFactory.getLogger(SmtpProvider.class);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ChannelType channelType() {
    return ChannelType.EMAIL;
  }

  @Override
  public List<AddressKind> requiredAddressKinds() {
    return List.of(AddressKind.EMAIL);
  }

  @Override
  public Set<String> requiredSettings() {
    return Set.of("host", "from");
  }

  /**
   * No rate of its own (relays differ; set the binding's rate to the relay's), and a call timeout
   * that covers the default connect, read and write timeouts of one send.
   */
  @Override
  public ProviderLimits limits() {
    return ProviderLimits.DEFAULT.withCallTimeout(SmtpConfig.DEFAULT_CONNECT_TIMEOUT
        .plus(SmtpConfig.DEFAULT_READ_TIMEOUT).plus(SmtpConfig.DEFAULT_WRITE_TIMEOUT));
  }

  @Override
  public Channel create(ChannelContext context) {
    BindingSettings s = BindingSettings.of(context);
    SmtpConfig config = SmtpConfig.from(s, context.settings());
    ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
        .orElse(SmtpProvider.class.getClassLoader());
    EmailTemplates templates = s.named(() -> EmailTemplates.from(context.settings().asMap(), loader));
    Optional<UnsubscribeLinks> unsubscribe = UnsubscribeLinks.from(s);
    if (config.security() == Security.NONE_INSECURE) {
      LOG.warn("Channel '{}' (smtp): setting 'security' is none-insecure: email and password go in clear text."
          + " Use it for tests against a local server only", context.channelName());
    }
    if (config.trustHosts().isPresent()) {
      LOG.warn("Channel '{}' (smtp): setting 'trustHosts' trusts any certificate of {}; use it for tests only",
          context.channelName(), config.trustHosts().get());
    }
    if (unsubscribe.isEmpty()) {
      LOG.info("Channel '{}' (smtp): no 'unsubscribeUrl' set, so it refuses marketing email",
          context.channelName());
    }
    return new SmtpChannel(context.channelName(), config, templates, unsubscribe, context.clock());
  }

  @Override
  public String toString() {
    return "SmtpProvider{id=" + ID + "}";
  }
}
