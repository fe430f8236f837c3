package io.touchbase.core.internal.policy;

import io.touchbase.api.contact.Address;
import io.touchbase.core.internal.channel.ConfiguredChannel;
import java.time.Instant;
import java.util.List;

/**
 * What the policies decided for a due round.
 *
 * <p>This class is internal and is hence not for public use.
 */
public sealed interface RoundDecision {

  /**
   * Send on this channel to this address.
   *
   * @param passedOver why the round's earlier channels were not used, for the touchpoint
   */
  record Send(ConfiguredChannel channel, Address to, List<String> passedOver) implements RoundDecision {
    public Send {
      passedOver = List.copyOf(passedOver);
    }

    public Send(ConfiguredChannel channel, Address to) {
      this(channel, to, List.of());
    }
  }

  /** Do not send; the reason goes on a SUPPRESSED touchpoint. */
  record Suppress(String reason) implements RoundDecision {}

  /** Not now; the reason goes on a DEFERRED touchpoint and the round runs again at {@code until}. */
  record Defer(Instant until, String reason) implements RoundDecision {}
}
