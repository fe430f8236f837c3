package io.touchbase.spi.channel;

import io.touchbase.api.internal.Checks;
import java.util.Optional;

/**
 * The outcome of one message of a batch: accepted with a result, or failed with an exception.
 *
 * @param dispatchId the message's dispatch id
 * @param result the provider's answer when accepted
 * @param failure why it was not accepted
 */
public record SendAttempt(DispatchId dispatchId, Optional<SendResult> result, Optional<ChannelException> failure) {
  public SendAttempt {
    Checks.notNull(dispatchId, "dispatchId");
    Checks.notNull(result, "result");
    Checks.notNull(failure, "failure");
    if (result.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException("a send attempt has exactly one of result and failure");
    }
  }

  public static SendAttempt accepted(DispatchId dispatchId, SendResult result) {
    return new SendAttempt(dispatchId, Optional.of(result), Optional.empty());
  }

  public static SendAttempt failed(DispatchId dispatchId, ChannelException failure) {
    return new SendAttempt(dispatchId, Optional.empty(), Optional.of(failure));
  }
}
