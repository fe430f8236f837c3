package io.touchbase.channel.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class SharedClientTest {

  @Test
  void turnsOffSilentRetriesAndKeepsThePool() {
    OkHttpClient shared = new OkHttpClient();

    OkHttpClient client = SharedClient.withoutSilentRetries(shared);

    assertThat(shared.retryOnConnectionFailure()).isTrue();
    assertThat(client.retryOnConnectionFailure()).isFalse();
    assertThat(client.connectionPool()).isSameAs(shared.connectionPool());
    assertThat(client.dispatcher()).isSameAs(shared.dispatcher());
  }

  @Test
  void keepsAClientThatAlreadyDoesNotRetry() {
    OkHttpClient shared = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    assertThat(SharedClient.withoutSilentRetries(shared)).isSameAs(shared);
  }
}
