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
 * A fake WeChat API for the contract tests: it answers {@code stable_token} with a token and each
 * send with a new msgid, or with an error once {@link #failNext()} was called. A dispatcher rather
 * than a queue, since the first send also fetches a token.
 */
final class WeChatContractSupport {
  static final String APP_ID = "app-1"; // the scope of the contract's default address
  final MockWebServer server = new MockWebServer();
  final InMemorySharedTokens tokens = new InMemorySharedTokens(Clock.systemUTC());
  private final AtomicLong msgIds = new AtomicLong(200228332);
  private final AtomicBoolean fail = new AtomicBoolean();

  WeChatContractSupport() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getPath() != null && request.getPath().startsWith("/cgi-bin/stable_token")) {
          return new MockResponse().setBody("{\"access_token\":\"CONTRACT_ACCESS_TOKEN\",\"expires_in\":7200}");
        }
        if (fail.getAndSet(false)) {
          return new MockResponse().setBody("{\"errcode\":43004,\"errmsg\":\"require subscribe\"}");
        }
        return new MockResponse()
            .setBody("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":" + msgIds.incrementAndGet() + "}");
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

  Map<String, String> settings(String params) {
    return Map.of(
        "appId", APP_ID,
        "baseUrl", server.url("/").toString(),
        "template.contract-test.code", "contract-wechat-template",
        "template.contract-test.params", params);
  }

  static Map<String, String> secrets() {
    return Map.of("appSecret", "contract-app-secret", "callbackToken", "contract-callback-token",
        "encodingAesKey", "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR");
  }

  Map<Class<?>, Object> services() {
    return Map.of(OkHttpClient.class, WxTests.CLIENT, ObjectMapper.class, WxTests.MAPPER, SharedTokens.class, tokens);
  }
}
