package io.touchbase.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Tencent Cloud SMS on a real socket: answers SendSms with one {@code Ok} entry per number,
 * echoing {@code SessionContext}, or what a test scripted; records each request body.
 */
final class FakeTencent implements AutoCloseable {
  static final String SECRET_ID = "AKID-test";
  static final String SECRET_KEY = "tencent-secret-value";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final MockWebServer server = new MockWebServer();
  private final Deque<MockResponse> scripted = new ArrayDeque<>();
  private final List<JsonNode> requests = new ArrayList<>();
  private final List<RecordedRequest> raw = new ArrayList<>();
  private final AtomicInteger serials = new AtomicInteger();

  FakeTencent() throws IOException {
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

  synchronized FakeTencent script(MockResponse response) {
    scripted.add(response);
    return this;
  }

  synchronized List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  synchronized List<RecordedRequest> rawRequests() {
    return List.copyOf(raw);
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody().readUtf8());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    requests.add(body);
    raw.add(request);
    if (!scripted.isEmpty()) {
      return scripted.poll();
    }
    StringBuilder entries = new StringBuilder();
    for (JsonNode number : body.path("PhoneNumberSet")) {
      if (entries.length() > 0) {
        entries.append(',');
      }
      entries.append("{\"SerialNo\":\"sn-").append(serials.incrementAndGet()).append("\",\"PhoneNumber\":\"")
          .append(number.asText()).append("\",\"Fee\":1,\"SessionContext\":\"")
          .append(body.path("SessionContext").asText()).append("\",\"Code\":\"Ok\",\"Message\":\"send success\","
              + "\"IsoCode\":\"CN\"}");
    }
    return new MockResponse().setHeader("Content-Type", "application/json")
        .setBody("{\"Response\":{\"SendStatusSet\":[" + entries + "],\"RequestId\":\"tc-req\"}}");
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
