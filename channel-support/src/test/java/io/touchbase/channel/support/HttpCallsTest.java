package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.spi.channel.ChannelException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpCallsTest {
  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient client = new OkHttpClient.Builder()
      .readTimeout(Duration.ofMillis(300))
      .retryOnConnectionFailure(false)
      .build();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private Request post(String query) {
    return new Request.Builder().url(server.url("/send?" + query)).post(RequestBody.create(new byte[0], null)).build();
  }

  @Test
  void returnsStatusAndBody() {
    server.enqueue(new MockResponse().setResponseCode(503).setBody("{\"x\":1}"));
    HttpCalls.HttpResult r = HttpCalls.execute(client, post("a=1"), "test-sms");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("{\"x\":1}");
    assertThat(r.isSuccessful()).isFalse();
    assertThat(r.toString()).doesNotContain("x");
  }

  @Test
  void readTimeoutIsOutcomeUnknownAndHidesTheQuery() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> HttpCalls.execute(client, post("PhoneNumbers=13800138000"), "test-sms"));
    assertThat(e.retryable()).isTrue();
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(e.providerCode()).isEqualTo(HttpCalls.NO_RESPONSE);
    assertThat(e.getMessage()).contains("test-sms").doesNotContain("13800138000").doesNotContain("PhoneNumbers");
  }

  @Test
  void disconnectAfterRequestIsOutcomeUnknown() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> HttpCalls.execute(client, post("a=1"), "test-sms"));
    assertThat(e.mayHaveBeenSent()).isTrue();
  }

  @Test
  void nonRetryingClientNeverRepeatsARequestThatMayHaveArrived() throws Exception {
    OkHttpClient retrying = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
    try {
      // A pooled connection that the server drops after reading the request: plain OkHttp sends it again.
      server.enqueue(new MockResponse().setBody("first"));
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
      server.enqueue(new MockResponse().setBody("repeated"));
      assertThat(HttpCalls.execute(retrying, post("n=1"), "test-sms").body()).isEqualTo("first");
      assertThat(HttpCalls.execute(retrying, post("n=2"), "test-sms").body()).isEqualTo("repeated");
      assertThat(server.getRequestCount()).isEqualTo(3);

      OkHttpClient once = HttpCalls.nonRetrying(retrying);
      server.enqueue(new MockResponse().setBody("first"));
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
      server.enqueue(new MockResponse().setBody("repeated"));
      assertThat(HttpCalls.execute(once, post("n=3"), "test-sms").body()).isEqualTo("first");
      ChannelException e = catchThrowableOfType(ChannelException.class,
          () -> HttpCalls.execute(once, post("n=4"), "test-sms"));
      assertThat(e.mayHaveBeenSent()).isTrue();
      assertThat(server.getRequestCount()).isEqualTo(5);
      assertThat(once.connectionPool()).isSameAs(retrying.connectionPool());
    } finally {
      retrying.connectionPool().evictAll();
    }
  }

  @Test
  void refusedConnectionIsRetryableAndNotSent() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/send?PhoneNumbers=13800138000")
        .post(RequestBody.create(new byte[0], null)).build();
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> HttpCalls.execute(client, request, "test-sms"));
    assertThat(e.outcome()).isEqualTo(ChannelException.Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isFalse();
    assertThat(e.providerCode()).isEqualTo(HttpCalls.CONNECT_FAILED);
    assertThat(e.getMessage()).doesNotContain("13800138000");
  }

  @Test
  void unknownHostIsRetryableAndNotSent() {
    OkHttpClient noDns = client.newBuilder().dns(host -> {
      throw new UnknownHostException(host);
    }).build();
    Request request = new Request.Builder().url("https://sms.example.invalid/?PhoneNumbers=13800138000").build();
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> HttpCalls.execute(noDns, request, "test-sms"));
    assertThat(e.retryable()).isTrue();
    assertThat(e.mayHaveBeenSent()).isFalse();
    assertThat(e.getMessage()).contains("sms.example.invalid").doesNotContain("13800138000");
  }
}
