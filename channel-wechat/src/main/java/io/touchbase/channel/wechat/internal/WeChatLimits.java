package io.touchbase.channel.wechat.internal;

import io.touchbase.spi.channel.ProviderLimits;
import java.time.Duration;

/**
 * The limits of the send APIs. providers.md states none for template or subscribe sends (only
 * {@code stable_token}'s 10,000 per minute), so these are conservative defaults, unconfirmed:
 * 50 sends per second, 16 in flight, 10 s per call. A binding may lower them.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeChatLimits {
  static final ProviderLimits SENDS = new ProviderLimits(50, 16, Duration.ofSeconds(10));

  private WeChatLimits() {}
}
