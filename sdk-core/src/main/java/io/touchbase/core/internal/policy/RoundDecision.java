package io.touchbase.core.internal.policy;

import io.touchbase.api.contact.Address;
import io.touchbase.core.internal.channel.ConfiguredChannel;
import java.time.Instant;

/**
 * What the policies decided for a due round.
 *
 * <p>This class is internal and is hence not for public use.
 */
public sealed interface RoundDecision {

  /** Send on this channel to this address. */
  record Send(ConfiguredChannel channel, Address to) implements RoundDecision {}

  /** Do not send; the reason goes on a SUPPRESSED touchpoint. */
  record Suppress(String reason) implements RoundDecision {}

  /** Not now; the reason goes on a DEFERRED touchpoint and the round runs again at {@code until}. */
  record Defer(Instant until, String reason) implements RoundDecision {}
}
