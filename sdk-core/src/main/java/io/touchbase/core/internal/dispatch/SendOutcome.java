package io.touchbase.core.internal.dispatch;

import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.SendResult;
import java.time.Instant;
import java.util.List;

/**
 * What happened when a round was handed to a channel's providers.
 *
 * <p>This class is internal and is hence not for public use.
 */
public sealed interface SendOutcome {

  /**
   * @param notes why earlier providers did not carry it (failover), empty if the first did
   */
  record Accepted(String provider, SendResult result, List<String> notes) implements SendOutcome {}

  /**
   * @param outcome what the last provider's error asks for
   * @param reason the providers' errors, for the touchpoint and the log
   * @param mayHaveBeenSent whether {@code provider} may have accepted the message despite the error
   *     (a timeout): the engine then asks the provider before it sends again
   * @param noQuotaLeft whether the provider refused for want of the recipient's send quota
   */
  record Failed(String provider, ChannelException.Outcome outcome, String code, String reason, Instant retryAt,
      boolean mayHaveBeenSent, boolean noQuotaLeft) implements SendOutcome {
    Failed(String provider, ChannelException.Outcome outcome, String code, String reason, Instant retryAt,
        boolean mayHaveBeenSent) {
      this(provider, outcome, code, reason, retryAt, mayHaveBeenSent, false);
    }
  }
}
