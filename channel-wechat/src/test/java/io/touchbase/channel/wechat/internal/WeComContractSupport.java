package io.touchbase.channel.wechat.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.spi.channel.SharedTokens;
import io.touchbase.testkit.InMemorySharedTokens;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A fake WeCom API for the contract tests: it answers {@code gettoken} with a token and each send
 * with a new msgid, or with an error once {@link #failNext()} was called.
 */
final class WeComContractSupport {
  static final String CORP_ID = "app-1"; // the scope of the contract's default address
  final MockWebServer server = new MockWebServer();
  final InMemorySharedTokens tokens = new InMemorySharedTokens(Clock.systemUTC());
  private final AtomicLong msgIds = new AtomicLong(1);
  private final AtomicBoolean fail = new AtomicBoolean();

  WeComContractSupport() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getPath() != null && request.getPath().startsWith("/cgi-bin/gettoken")) {
          return new MockResponse().setBody(WeComTests.tokenAnswer("CONTRACT_WECOM_TOKEN"));
        }
        if (fail.getAndSet(false)) {
          return new MockResponse().setBody("{\"errcode\":81013,\"errmsg\":\"user & party & tag all invalid\"}");
        }
        return new MockResponse().setBody("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"msg"
            + msgIds.incrementAndGet() + "\"}");
      }
    });
  }

  void start() throws IOException {
    server.start();
  }

  void stop() throws IOException {
    server.shutdown();
  }

  void failNext() {
    fail.set(true);
  }

  Map<String, String> settings(Map<String, String> more) {
    Map<String, String> s = new java.util.HashMap<>(more);
    s.put("corpId", CORP_ID);
    s.put("baseUrl", server.url("/").toString());
    return s;
  }

  static Map<String, String> secrets(String secretName) {
    return Map.of(secretName, "contract-wecom-secret", "callbackToken", "contract-callback-token",
        "encodingAesKey", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C");
  }

  Map<Class<?>, Object> services() {
    return Map.of(OkHttpClient.class, WxTests.CLIENT, ObjectMapper.class, WxTests.MAPPER, SharedTokens.class, tokens);
  }
}
