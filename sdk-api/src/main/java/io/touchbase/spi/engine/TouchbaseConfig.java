package io.touchbase.spi.engine;

import io.touchbase.api.ChannelConfig;
import io.touchbase.api.Database;
import io.touchbase.api.InDoubtPolicy;
import io.touchbase.api.MarketingConsent;
import io.touchbase.api.QuietHours;
import io.touchbase.api.SecretResolver;
import io.touchbase.api.Template;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.event.TouchbaseListener;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ChannelProviderLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link io.touchbase.api.Touchbase.Builder} collected, handed to the engine. Values
 * are validated by the builder; see its setters for meanings and defaults.
 */
public record TouchbaseConfig(
    Database database,
    Clock clock,
    List<ChannelConfig> channels,
    List<Template> templates,
    List<CadenceDefinition> cadences,
    ChannelProviderLoader channelProviderLoader,
    List<ChannelProvider> channelProviders,
    SecretResolver secretResolver,
    List<TouchbaseListener> listeners,
    int schedulerThreads,
    Duration pollingInterval,
    Duration heartbeatInterval,
    String instanceName,
    InDoubtPolicy inDoubtPolicy,
    QuietHours quietHours,
    MarketingConsent marketingConsent,
    ZoneId defaultZone,
    int maxSendAttempts,
    Duration retryBackoff,
    Duration attributionWindow,
    Set<String> unsubscribeKeywords) {

  public TouchbaseConfig {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(clock, "clock");
    channels = List.copyOf(channels);
    templates = List.copyOf(templates);
    cadences = List.copyOf(cadences);
    Objects.requireNonNull(channelProviderLoader, "channelProviderLoader");
    channelProviders = List.copyOf(channelProviders);
    Objects.requireNonNull(secretResolver, "secretResolver");
    listeners = List.copyOf(listeners);
    Objects.requireNonNull(pollingInterval, "pollingInterval");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(instanceName, "instanceName");
    Objects.requireNonNull(inDoubtPolicy, "inDoubtPolicy");
    Objects.requireNonNull(quietHours, "quietHours");
    Objects.requireNonNull(marketingConsent, "marketingConsent");
    Objects.requireNonNull(defaultZone, "defaultZone");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(attributionWindow, "attributionWindow");
    unsubscribeKeywords = Set.copyOf(unsubscribeKeywords);
  }
}
