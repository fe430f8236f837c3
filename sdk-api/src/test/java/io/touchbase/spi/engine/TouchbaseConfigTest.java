package io.touchbase.spi.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TouchbaseConfigTest {
  private static final Database DB = Database.h2InMemory("test");
  private static final Clock CLOCK = Clock.systemUTC();
  private static final ChannelProviderLoader LOADER = ChannelProviderLoader.of();
  private static final SecretResolver SECRETS = SecretResolver.none();
  private static final Duration S = Duration.ofSeconds(1);

  private static TouchbaseConfig config(
      List<ChannelConfig> channels, List<Template> templates, List<TouchbaseListener> listeners) {
    return new TouchbaseConfig(
        DB, CLOCK, channels, templates, List.<CadenceDefinition>of(), LOADER,
        List.<ChannelProvider>of(), SECRETS, listeners, 1, S, S, "node-1",
        InDoubtPolicy.TREAT_AS_SENT, QuietHours.DEFAULT, MarketingConsent.OPT_IN_REQUIRED,
        ZoneOffset.UTC, 1, S, S, Set.of());
  }

  @Test
  void listsAreUnmodifiableCopies() {
    List<ChannelConfig> channels = new ArrayList<>(List.of(ChannelConfig.of("sms", "dry-run")));
    List<Template> templates = new ArrayList<>(List.of(Template.of("t1", "Hi")));
    List<TouchbaseListener> listeners = new ArrayList<>();
    TouchbaseConfig c = config(channels, templates, listeners);
    channels.clear();
    templates.clear();
    listeners.add(new TouchbaseListener() {});

    assertThat(c.channels()).hasSize(1);
    assertThat(c.templates()).hasSize(1);
    assertThat(c.listeners()).isEmpty();
    assertThatThrownBy(() -> c.channels().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.cadences().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.channelProviders().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void requiredComponentsAreNamed() {
    List<ChannelConfig> ch = List.of();
    List<Template> t = List.of();
    List<CadenceDefinition> cd = List.of();
    List<ChannelProvider> p = List.of();
    List<TouchbaseListener> l = List.of();
    InDoubtPolicy idp = InDoubtPolicy.TREAT_AS_SENT;
    QuietHours q = QuietHours.DEFAULT;
    MarketingConsent mc = MarketingConsent.OPT_IN_REQUIRED;
    ZoneOffset z = ZoneOffset.UTC;
    assertThatThrownBy(() -> new TouchbaseConfig(null, CLOCK, ch, t, cd, LOADER, p, SECRETS, l, 1, S, S, "n", idp, q, mc, z, 1, S, S, Set.of()))
        .isInstanceOf(NullPointerException.class).hasMessage("database");
    assertThatThrownBy(() -> new TouchbaseConfig(DB, null, ch, t, cd, LOADER, p, SECRETS, l, 1, S, S, "n", idp, q, mc, z, 1, S, S, Set.of()))
        .hasMessage("clock");
    assertThatThrownBy(() -> new TouchbaseConfig(DB, CLOCK, ch, t, cd, null, p, SECRETS, l, 1, S, S, "n", idp, q, mc, z, 1, S, S, Set.of()))
        .hasMessage("channelProviderLoader");
    assertThatThrownBy(() -> new TouchbaseConfig(DB, CLOCK, ch, t, cd, LOADER, p, null, l, 1, S, S, "n", idp, q, mc, z, 1, S, S, Set.of()))
        .hasMessage("secretResolver");
    assertThatThrownBy(() -> new TouchbaseConfig(DB, CLOCK, ch, t, cd, LOADER, p, SECRETS, l, 1, null, S, "n", idp, q, mc, z, 1, S, S, Set.of()))
        .hasMessage("pollingInterval");
    assertThatThrownBy(() -> new TouchbaseConfig(DB, CLOCK, ch, t, cd, LOADER, p, SECRETS, l, 1, S, null, "n", idp, q, mc, z, 1, S, S, Set.of()))
        .hasMessage("heartbeatInterval");
    assertThatThrownBy(() -> new TouchbaseConfig(DB, CLOCK, ch, t, cd, LOADER, p, SECRETS, l, 1, S, S, null, idp, q, mc, z, 1, S, S, Set.of()))
        .hasMessage("instanceName");
    assertThatThrownBy(() -> new TouchbaseConfig(DB, CLOCK, ch, t, cd, LOADER, p, SECRETS, l, 1, S, S, "n", null, q, mc, z, 1, S, S, Set.of()))
        .hasMessage("inDoubtPolicy");
    assertThatThrownBy(() -> new TouchbaseConfig(DB, CLOCK, ch, t, cd, LOADER, p, SECRETS, l, 1, S, S, "n", idp, null, mc, z, 1, S, S, Set.of()))
        .hasMessage("quietHours");
    assertThatThrownBy(() -> new TouchbaseConfig(DB, CLOCK, ch, t, cd, LOADER, p, SECRETS, l, 1, S, S, "n", idp, q, null, z, 1, S, S, Set.of()))
        .hasMessage("marketingConsent");
    assertThatThrownBy(() -> new TouchbaseConfig(DB, CLOCK, ch, t, cd, LOADER, p, SECRETS, l, 1, S, S, "n", idp, q, mc, null, 1, S, S, Set.of()))
        .hasMessage("defaultZone");
    assertThatThrownBy(() -> new TouchbaseConfig(DB, CLOCK, ch, t, cd, LOADER, p, SECRETS, l, 1, S, S, "n", idp, q, mc, z, 1, null, S, Set.of()))
        .hasMessage("retryBackoff");
    assertThatThrownBy(() -> new TouchbaseConfig(DB, CLOCK, ch, t, cd, LOADER, p, SECRETS, l, 1, S, S, "n", idp, q, mc, z, 1, S, null, Set.of()))
        .hasMessage("attributionWindow");
  }
}
