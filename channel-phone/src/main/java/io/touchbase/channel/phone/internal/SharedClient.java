package io.touchbase.channel.phone.internal;

import okhttp3.OkHttpClient;

/** How the phone channels use the engine's shared OkHttp client. */
final class SharedClient {
  private SharedClient() {}

  /**
   * The shared client (same connection pool and dispatcher) without OkHttp's transparent retry
   * after a connection failure: placing a call is not idempotent, and a request the provider may
   * have received before the connection dropped must surface as an unknown outcome, not be sent
   * a second time.
   */
  static OkHttpClient withoutSilentRetries(OkHttpClient shared) {
    return shared.retryOnConnectionFailure() ? shared.newBuilder().retryOnConnectionFailure(false).build() : shared;
  }
}
