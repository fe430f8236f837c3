package io.touchbase.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The Official Account API ({@code api.weixin.qq.com}) on a real socket: {@code POST
 * /cgi-bin/stable_token} issues {@link #ACCESS_TOKEN}, {@code POST /cgi-bin/message/template/send}
 * with that token accepts with a fresh numeric {@code msgid}. Anything else is answered 404, so
 * that a wrong path or token fails the send visibly. Records every request; the tests assert them.
 */
final class FakeWeChat implements AutoCloseable {
  static final String APP_ID = "wx3f9a0c5e7b1d2468";
  static final String APP_SECRET = "wechat-app-secret-e2e-5c1e";
  static final String ACCESS_TOKEN = "WECHAT_ACCESS_TOKEN_E2E_41f7";
  static final String TOKEN_PATH = "/cgi-bin/stable_token";
  static final String SEND_PATH = "/cgi-bin/message/template/send?access_token=" + ACCESS_TOKEN;

  /** One request as it arrived. */
  record Call(String method, String path, String contentType, String body) {}

  private final MockWebServer server = new MockWebServer();
  private final List<Call> calls = new ArrayList<>();
  private final AtomicLong msgIds = new AtomicLong(2_000_000_000L);

  FakeWeChat() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    server.start();
  }

  String baseUrl() {
    return server.url("/").toString();
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The bodies of the template sends, in arrival order. */
  synchronized List<String> sends() {
    return calls.stream().filter(c -> c.path().startsWith("/cgi-bin/message/template/send")).map(Call::body).toList();
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    Call call = new Call(request.getMethod(), request.getPath(), request.getHeader("Content-Type"),
        request.getBody().readUtf8());
    calls.add(call);
    if (call.method().equals("POST") && call.path().equals(TOKEN_PATH)) {
      return json("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":7200}");
    }
    if (call.method().equals("POST") && call.path().equals(SEND_PATH)) {
      return json("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":" + msgIds.incrementAndGet() + "}");
    }
    return new MockResponse().setResponseCode(404);
  }

  static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json; charset=utf-8").setBody(body);
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
