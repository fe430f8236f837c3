package io.touchbase.spi.channel;

import io.touchbase.api.callback.CallbackResponse;
import java.util.List;
import java.util.Objects;

/**
 * A verified callback: what it reports and what to answer.
 *
 * @param events receipts, replies and opt-outs, in the order the provider listed them
 * @param response the exact response the provider expects
 */
public record CallbackResult(List<ChannelEvent> events, CallbackResponse response) {
  public CallbackResult {
    events = List.copyOf(events);
    Objects.requireNonNull(response, "response");
  }
}
