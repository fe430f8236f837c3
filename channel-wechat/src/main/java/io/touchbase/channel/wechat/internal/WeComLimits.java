package io.touchbase.channel.wechat.internal;

import io.touchbase.spi.channel.ProviderLimits;
import java.time.Duration;

/**
 * The limits of the WeCom send APIs. providers.md states only per-member limits of application
 * messages (30 a minute, 1,000 an hour to one member; excess dropped), none per corporation, so
 * these are conservative defaults, unconfirmed: 20 sends per second, 8 in flight, 10 s per call.
 * A binding may lower them.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeComLimits {
  static final ProviderLimits SENDS = new ProviderLimits(20, 8, Duration.ofSeconds(10));

  private WeComLimits() {}
}
