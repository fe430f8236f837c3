package io.touchbase.channel.email.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a channel protects its SMTP connection, from setting {@code security}.
 *
 * <p>This class is internal and is hence not for public use.
 */
enum Security {
  /** Plain connection upgraded with STARTTLS, which the server must offer (port 587). */
  STARTTLS("starttls", "smtp", 587),
  /** TLS from the first byte, protocol {@code smtps} (port 465). */
  SSL("ssl", "smtps", 465),
  /** Clear text, for tests against a local server only. */
  NONE_INSECURE("none-insecure", "smtp", 25);

  private final String setting;
  private final String protocol;
  private final int defaultPort;

  Security(String setting, String protocol, int defaultPort) {
    this.setting = setting;
    this.protocol = protocol;
    this.defaultPort = defaultPort;
  }

  static Optional<Security> of(String setting) {
    String wanted = setting.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.setting.equals(wanted)).findFirst();
  }

  static String choices() {
    return Arrays.stream(values()).map(s -> s.setting).collect(Collectors.joining(", "));
  }

  /** The value of setting {@code security}. */
  String setting() {
    return setting;
  }

  /** The Jakarta Mail protocol name, which is also the prefix of its session properties. */
  String protocol() {
    return protocol;
  }

  int defaultPort() {
    return defaultPort;
  }
}
