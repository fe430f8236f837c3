package io.touchbase.spi.channel;

import io.touchbase.api.callback.CallbackRequest;

/**
 * Verifies and parses one provider's webhooks. Verification comes first: a request that fails
 * it throws {@link CallbackRejectedException} and nothing is recorded. Must be thread-safe.
 */
@FunctionalInterface
public interface CallbackHandler {

  /**
   * @return the events the request reports and the exact response the provider expects
   * @throws CallbackRejectedException if the signature, token or timestamp check fails, or the
   *     body is malformed
   */
  CallbackResult handle(CallbackRequest request);
}
