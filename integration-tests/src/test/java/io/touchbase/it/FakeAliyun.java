package io.touchbase.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.channel.support.AliyunSigner;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Alibaba Cloud's RPC endpoint (dysmsapi, dyvmsapi) on a real socket: checks every request's
 * ACS3 signature with the test secret, answers OK with a fresh {@code BizId} / {@code CallId}, or
 * what a test scripted for an action, and records each request.
 */
final class FakeAliyun implements AutoCloseable {
  static final String KEY_ID = "LTAI-test-key";
  static final String SECRET = "aliyun-secret-value";

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Deque<MockResponse>> scripted = new HashMap<>();
  private final List<Map<String, String>> requests = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  FakeAliyun() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    server.start();
  }

  String endpoint() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** The next request for {@code action} gets this answer instead of OK. */
  synchronized FakeAliyun script(String action, MockResponse response) {
    scripted.computeIfAbsent(action, a -> new ArrayDeque<>()).add(response);
    return this;
  }

  static MockResponse error(String code, String message) {
    return json("{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\",\"RequestId\":\"req-err\"}");
  }

  static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json;charset=utf-8").setBody(body);
  }

  /** The query parameters of every request for {@code action}, in arrival order. */
  synchronized List<Map<String, String>> requests(String action) {
    return requests.stream().filter(r -> action.equals(r.get("Action"))).toList();
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    HttpUrl url = request.getRequestUrl();
    Map<String, String> query = new TreeMap<>();
    for (String name : url.queryParameterNames()) {
      query.put(name, url.queryParameter(name));
    }
    // An action may come in the query (V2) or in x-acs-action (V3).
    String action = query.getOrDefault("Action", request.getHeader("x-acs-action"));
    Map<String, String> recorded = new TreeMap<>(query);
    recorded.put("Action", action);
    recorded.put("method", request.getMethod());
    requests.add(recorded);
    assertThat(request.getHeader("Authorization")).as("ACS3 signature of %s", action)
        .isEqualTo(AliyunSigner.authorizationV3(request.getMethod(), "/", query, signedHeaders(request),
            AliyunSigner.EMPTY_PAYLOAD_SHA256, KEY_ID, SECRET));
    Deque<MockResponse> queue = scripted.get(action);
    if (queue != null && !queue.isEmpty()) {
      return queue.poll();
    }
    int n = ids.incrementAndGet();
    return switch (action) {
      case "SendSms", "SendBatchSms" ->
          json("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"biz-" + n + "\",\"RequestId\":\"req-" + n + "\"}");
      case "SingleCallByTts" ->
          json("{\"Code\":\"OK\",\"Message\":\"OK\",\"CallId\":\"call-" + n + "\",\"RequestId\":\"req-" + n + "\"}");
      default -> error("isv.INVALID_PARAMETERS", "unexpected action " + action);
    };
  }

  private static Map<String, String> signedHeaders(RecordedRequest request) {
    Map<String, String> h = new TreeMap<>();
    for (String name : request.getHeaders().names()) {
      String n = name.toLowerCase(java.util.Locale.ROOT);
      if (n.equals("host") || n.equals("content-type") || n.startsWith("x-acs-")) {
        h.put(n, request.getHeader(name));
      }
    }
    return h;
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
