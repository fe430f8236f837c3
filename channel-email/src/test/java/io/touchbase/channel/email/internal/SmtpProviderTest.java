package io.touchbase.channel.email.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ConfigurationException;
import io.touchbase.channel.support.BindingSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Settings checks and the exact session properties of each security mode. */
class SmtpProviderTest {
  private static Map<String, String> base() {
    Map<String, String> s = new HashMap<>(EmailTests.templates());
    s.put("host", "smtp.relay.example");
    s.put("from", "Shop <news@shop.example>");
    return s;
  }

  private static SmtpConfig config(Map<String, String> settings, Map<String, String> secrets) {
    var context = EmailTests.context(settings, secrets);
    return SmtpConfig.from(BindingSettings.of(context), context.settings());
  }

  private static Map<String, String> with(String... keyValues) {
    Map<String, String> s = base();
    for (int i = 0; i < keyValues.length; i += 2) {
      s.put(keyValues[i], keyValues[i + 1]);
    }
    return s;
  }

  @Test
  void starttlsIsTheDefaultAndRequiredWithIdentityCheckAndFiniteTimeouts() {
    SmtpConfig c = config(with("username", "shop"), Map.of("password", "relay-password-1"));
    Properties p = c.sessionProperties();

    assertThat(c.protocol()).isEqualTo("smtp");
    assertThat(p).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("mail.smtp.host", "smtp.relay.example"),
        Map.entry("mail.smtp.port", "587"),
        Map.entry("mail.smtp.auth", "true"),
        Map.entry("mail.smtp.starttls.enable", "true"),
        Map.entry("mail.smtp.starttls.required", "true"),
        Map.entry("mail.smtp.ssl.checkserveridentity", "true"),
        Map.entry("mail.smtp.ssl.protocols", "TLSv1.2 TLSv1.3"),
        Map.entry("mail.smtp.connectiontimeout", "10000"),
        Map.entry("mail.smtp.timeout", "30000"),
        Map.entry("mail.smtp.writetimeout", "30000")));
    assertThat(c.poolSize()).isEqualTo(4);
  }

  @Test
  void sslUsesSmtpsKeysOnPort465() {
    SmtpConfig c = config(with("security", "ssl", "envelopeFrom", "bounces@shop.example", "trustHosts", "localhost",
        "connectTimeout", "PT3S", "readTimeout", "4000", "writeTimeout", "PT5S", "poolSize", "2"), Map.of());
    Properties p = c.sessionProperties();

    assertThat(c.protocol()).isEqualTo("smtps");
    assertThat(p).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("mail.smtps.host", "smtp.relay.example"),
        Map.entry("mail.smtps.port", "465"),
        Map.entry("mail.smtps.auth", "false"),
        Map.entry("mail.smtps.ssl.enable", "true"),
        Map.entry("mail.smtps.ssl.checkserveridentity", "true"),
        Map.entry("mail.smtps.ssl.protocols", "TLSv1.2 TLSv1.3"),
        Map.entry("mail.smtps.ssl.trust", "localhost"),
        Map.entry("mail.smtps.from", "bounces@shop.example"),
        Map.entry("mail.smtps.connectiontimeout", "3000"),
        Map.entry("mail.smtps.timeout", "4000"),
        Map.entry("mail.smtps.writetimeout", "5000")));
    assertThat(c.poolSize()).isEqualTo(2);
  }

  @Test
  void clearTextOnlyWithTheExplicitInsecureValue() {
    SmtpConfig c = config(with("security", "none-insecure", "port", "2525"), Map.of());

    assertThat(c.sessionProperties()).containsEntry("mail.smtp.starttls.enable", "false")
        .doesNotContainKey("mail.smtp.starttls.required").containsEntry("mail.smtp.port", "2525");
    assertThatThrownBy(() -> config(with("security", "none"), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'security'").hasMessageContaining("starttls, ssl, none-insecure");
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> config(with("from", "not an address"), Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'from'");
    assertThatThrownBy(() -> config(with("envelopeFrom", "Bounces <bounces@shop.example>"), Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'envelopeFrom'");
    assertThatThrownBy(() -> config(with("username", "shop"), Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'password'");
    assertThatThrownBy(() -> config(base(), Map.of("password", "relay-password-1")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'username'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("relay-password-1"));
    assertThatThrownBy(() -> config(with("readTimeout", "PT0.5S"), Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'readTimeout'");
    assertThatThrownBy(() -> config(with("poolSize", "0"), Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'poolSize'");
    assertThatThrownBy(() -> config(with("port", "70000"), Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'port'");
  }

  @Test
  void unsubscribeLinksNeedAnHttpsUrlAndAKeyTogether() {
    SmtpProvider provider = new SmtpProvider();
    Map<String, String> key = Map.of("unsubscribeKey", EmailTests.UNSUBSCRIBE_KEY);
    assertThatThrownBy(() -> provider.create(EmailTests.context(
        with("unsubscribeUrl", "http://shop.example/u"), key)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'unsubscribeUrl'").hasMessageContaining("https");
    assertThatThrownBy(() -> provider.create(EmailTests.context(
        with("unsubscribeUrl", "https://shop.example/u?x=1"), key)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'unsubscribeUrl'");
    assertThatThrownBy(() -> provider.create(EmailTests.context(
        with("unsubscribeUrl", "https://shop.example/u"), Map.of())))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'unsubscribeKey'");
    assertThatThrownBy(() -> provider.create(EmailTests.context(
        with("unsubscribeUrl", "https://shop.example/u"), Map.of("unsubscribeKey", "short-key"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'unsubscribeKey'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-key"));
    assertThatThrownBy(() -> provider.create(EmailTests.context(
        with("unsubscribeMailto", "unsubscribe@shop.example"), key)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'unsubscribeUrl'");
    assertThatThrownBy(() -> provider.create(EmailTests.context(
        with("unsubscribeUrl", "https://shop.example/u", "unsubscribeMailto", "x?subject=y@shop.example"), key)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'unsubscribeMailto'");
    Map<String, String> url = with("unsubscribeUrl", "https://shop.example/u");
    assertThatThrownBy(() -> provider.create(EmailTests.context(url,
        Map.of("unsubscribeKey", EmailTests.UNSUBSCRIBE_KEY, "unsubscribeKeyPrevious", "short-old"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'unsubscribeKeyPrevious'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-old"));
    assertThatThrownBy(() -> provider.create(EmailTests.context(url,
        Map.of("unsubscribeKey", EmailTests.UNSUBSCRIBE_KEY, "unsubscribeKeyPrevious", EmailTests.UNSUBSCRIBE_KEY))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("must differ from 'unsubscribeKey'");
    assertThatThrownBy(() -> provider.create(EmailTests.context(base(),
        Map.of("unsubscribeKeyPrevious", EmailTests.UNSUBSCRIBE_KEY))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("needs secret 'unsubscribeKey'");
  }

  @Test
  void toStringShowsNeitherPasswordNorFullAddresses() {
    try (SmtpChannel channel = EmailTests.channel(
        with("username", "shop-login", "unsubscribeUrl", "https://shop.example/u"),
        Map.of("password", "relay-password-1", "unsubscribeKey", EmailTests.UNSUBSCRIBE_KEY))) {
      assertThat(channel.toString())
          .contains("host=smtp.relay.example", "security=starttls", "from=n***@shop.example", "templates=[renewal]")
          .doesNotContain("relay-password-1", "news@", "shop-login", EmailTests.UNSUBSCRIBE_KEY);
    }
  }
}
