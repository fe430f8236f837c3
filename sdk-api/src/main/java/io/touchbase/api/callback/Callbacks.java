package io.touchbase.api.callback;

/**
 * The entry point for provider webhooks (delivery receipts, replies, call results). The host's
 * web layer routes each provider's callback URL here with the channel name and hands back the
 * response. Every request is verified by its channel before anything is recorded. Thread-safe.
 */
public interface Callbacks {

  /**
   * Verifies, parses and records a provider callback.
   *
   * @return the response to send to the provider: 2xx when accepted, 4xx when the request was
   *     rejected (unknown channel, failed verification, malformed body); rejections record nothing
   */
  CallbackResponse handle(CallbackRequest request);
}
