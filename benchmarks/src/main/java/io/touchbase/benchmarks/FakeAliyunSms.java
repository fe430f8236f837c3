package io.touchbase.benchmarks;

import io.touchbase.channel.support.AliyunSigner;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Alibaba Cloud's SMS endpoint on a loopback socket: checks each request's ACS3 signature and
 * answers {@code SendSms} with OK after a fixed delay, as a slow provider would. MockWebServer
 * serves each connection on its own thread, so concurrent sends are not serialised here.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class FakeAliyunSms implements AutoCloseable {
  static final String KEY_ID = "LTAI-bench-key";
  static final String SECRET = "aliyun-bench-secret";

  private final MockWebServer server = new MockWebServer();
  private final AtomicLong sends = new AtomicLong();
  private final AtomicLong badSignatures = new AtomicLong();

  FakeAliyunSms(Duration delay) throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request, delay);
      }
    });
    server.start();
  }

  String endpoint() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  long sends() {
    return sends.get();
  }

  long badSignatures() {
    return badSignatures.get();
  }

  private MockResponse answer(RecordedRequest request, Duration delay) {
    HttpUrl url = request.getRequestUrl();
    Map<String, String> query = new TreeMap<>();
    for (String name : url.queryParameterNames()) {
      query.put(name, url.queryParameter(name));
    }
    String expected = AliyunSigner.authorizationV3(request.getMethod(), "/", query, signedHeaders(request),
        AliyunSigner.EMPTY_PAYLOAD_SHA256, KEY_ID, SECRET);
    if (!expected.equals(request.getHeader("Authorization"))) {
      badSignatures.incrementAndGet();
      return json("{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"bad signature\",\"RequestId\":\"req-bad\"}")
          .setResponseCode(400);
    }
    long n = sends.incrementAndGet();
    return json("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"biz-" + n + "\",\"RequestId\":\"req-" + n + "\"}")
        .setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json;charset=utf-8").setBody(body);
  }

  private static Map<String, String> signedHeaders(RecordedRequest request) {
    Map<String, String> h = new TreeMap<>();
    for (String name : request.getHeaders().names()) {
      String n = name.toLowerCase(Locale.ROOT);
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
