package io.touchbase.channel.email.internal;

import io.touchbase.channel.support.BindingSettings;
import io.touchbase.spi.channel.ChannelSettings;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The connection settings of one {@code smtp} channel and the Jakarta Mail session properties they
 * make. {@link #toString()} shows neither the password nor a full address.
 *
 * <p>This class is internal and is hence not for public use.
 *
 * @param host the relay's host name, as its certificate names it
 * @param port the relay's port
 * @param security how the connection is protected
 * @param from the {@code From} header: the shop's address and display name
 * @param envelopeFrom the {@code MAIL FROM} (bounce) address, when it differs from {@code from}
 * @param connectTimeout how long to wait for the connection and the server's greeting
 * @param readTimeout how long to wait for each server reply
 * @param writeTimeout how long one write to the server may block
 * @param poolSize how many connections the channel keeps and uses at once
 * @param trustHosts hosts whose certificate is trusted without a CA chain (tests only)
 * @param username the login, when the relay needs one
 * @param password the password of {@code username}
 */
record SmtpConfig(
    String host,
    int port,
    Security security,
    InternetAddress from,
    Optional<String> envelopeFrom,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    int poolSize,
    Optional<String> trustHosts,
    Optional<String> username,
    Optional<String> password) {

  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
  static final int DEFAULT_POOL_SIZE = 4;
  // Below a second a slow TLS handshake would fail every send; above ten minutes is no timeout.
  private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  SmtpConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(from, "from");
  }

  /** Reads and checks the settings and secrets of a binding. */
  static SmtpConfig from(BindingSettings s, ChannelSettings settings) {
    String host = s.require("host");
    if (!host.matches("[A-Za-z0-9._:\\[\\]-]+")) {
      throw s.error("setting 'host' must be a host name or IP address, but was '" + host + "'");
    }
    String securityValue = s.optional("security").orElse(Security.STARTTLS.setting());
    Security security = Security.of(securityValue).orElseThrow(() -> s.error(
        "setting 'security' must be one of " + Security.choices() + ", but was '" + securityValue + "'"));
    int port = s.intInRange("port", 1, 65535).orElse(security.defaultPort());
    InternetAddress from = address(s, "from", s.require("from"), true);
    Optional<String> envelopeFrom =
        s.optional("envelopeFrom").map(v -> address(s, "envelopeFrom", v, false).getAddress());
    Optional<String> username = s.optional("username");
    Optional<String> password = s.optionalSecret("password");
    if (username.isPresent() != password.isPresent()) {
      throw s.error(username.isPresent()
          ? "setting 'username' is set, so secret 'password' is required"
          : "secret 'password' is set, so setting 'username' is required");
    }
    int poolSize = s.intInRange("poolSize", 1, 64).orElse(DEFAULT_POOL_SIZE);
    return new SmtpConfig(host, port, security, from, envelopeFrom,
        timeout(s, settings, "connectTimeout", DEFAULT_CONNECT_TIMEOUT),
        timeout(s, settings, "readTimeout", DEFAULT_READ_TIMEOUT),
        timeout(s, settings, "writeTimeout", DEFAULT_WRITE_TIMEOUT),
        poolSize, s.optional("trustHosts"), username, password);
  }

  private static InternetAddress address(BindingSettings s, String key, String value, boolean personal) {
    try {
      InternetAddress address = new InternetAddress(value, true);
      if (!personal && address.getPersonal() != null) {
        throw s.error("setting '" + key + "' must be a bare address, without a display name");
      }
      if (address.getAddress().indexOf('@') < 1) {
        throw new AddressException("no domain");
      }
      return address;
    } catch (AddressException e) {
      throw s.error("setting '" + key + "' must be an email address such as 'Shop <news@shop.example>', but was '"
          + maskEmail(value) + "'");
    }
  }

  private static Duration timeout(BindingSettings s, ChannelSettings settings, String key, Duration defaultValue) {
    Duration d = settings.duration(key, defaultValue);
    if (d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
      throw s.error("setting '" + key + "' must be between " + MIN_TIMEOUT + " and " + MAX_TIMEOUT + ", but was " + d);
    }
    return d;
  }

  /** The Jakarta Mail protocol: {@code smtp} or {@code smtps}. */
  String protocol() {
    return security.protocol();
  }

  /** The session properties, every key under {@code mail.<protocol>.}. */
  Properties sessionProperties() {
    String p = "mail." + protocol() + ".";
    Properties props = new Properties();
    props.setProperty(p + "host", host);
    props.setProperty(p + "port", Integer.toString(port));
    // The library's defaults are infinite: a stalled relay would hold a sending thread forever.
    props.setProperty(p + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
    props.setProperty(p + "timeout", Long.toString(readTimeout.toMillis()));
    props.setProperty(p + "writetimeout", Long.toString(writeTimeout.toMillis()));
    props.setProperty(p + "auth", Boolean.toString(username.isPresent()));
    // Set although Angus Mail 2.0.3 defaults it to true: older releases default to false.
    props.setProperty(p + "ssl.checkserveridentity", "true");
    props.setProperty(p + "ssl.protocols", "TLSv1.2 TLSv1.3");
    switch (security) {
      case STARTTLS -> {
        props.setProperty(p + "starttls.enable", "true");
        // Fail rather than carry on in clear text when the server offers no STARTTLS.
        props.setProperty(p + "starttls.required", "true");
      }
      case SSL -> props.setProperty(p + "ssl.enable", "true");
      case NONE_INSECURE -> props.setProperty(p + "starttls.enable", "false");
    }
    trustHosts.ifPresent(hosts -> props.setProperty(p + "ssl.trust", hosts));
    envelopeFrom.ifPresent(address -> props.setProperty(p + "from", address));
    return props;
  }

  /** The domain of the {@code From} address, for our {@code Message-ID}s. */
  String fromDomain() {
    String address = from.getAddress();
    return address.substring(address.lastIndexOf('@') + 1);
  }

  @Override
  public String toString() {
    return "host=" + host + ", port=" + port + ", security=" + security.setting() + ", from=" + maskEmail(
        from.getAddress()) + ", poolSize=" + poolSize + username.map(u -> ", username=***").orElse("");
  }

  /** {@code news@shop.example} becomes {@code n***@shop.example}; text without an {@code @} becomes {@code ***}. */
  static String maskEmail(String value) {
    int at = value.lastIndexOf('@');
    return at < 1 ? "***" : value.charAt(0) + "***" + value.substring(at);
  }
}
