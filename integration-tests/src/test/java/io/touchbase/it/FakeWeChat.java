package io.touchbase.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The WeChat Official Account API of one app on a real socket, as every engine instance sees it.
 * {@code POST /cgi-bin/stable_token} hands out the app's current access token (as {@code
 * force_refresh:false} does, providers.md §4.1); {@code POST /cgi-bin/message/template/send} accepts
 * a send carrying the current token with a fresh {@code msgid} and refuses one carrying an older
 * token with 40001, as WeChat does once a token was invalidated. {@link #invalidateToken()} plays
 * what ends a token early, e.g. a {@code force_refresh:true} by another system: from then on the
 * old token is refused and {@code stable_token} hands out the next one. Every request is recorded.
 *
 * <p>That a {@code force_refresh:false} request after such an invalidation returns the new token,
 * not the refused one, is unconfirmed: providers.md says a forced refresh kills the old token and
 * that normal mode returns the current one while it is valid, which the channel relies on too.
 */
final class FakeWeChat implements AutoCloseable {
  static final String APP_ID = "wx5d6e7f8a9b0c1d2e";
  static final String APP_SECRET = "wx-app-secret-7c41e9a2b5d8";
  /** The tokens the app is issued, in order. */
  static final List<String> TOKENS = List.of(
      "80_tokenOne_Q7mZr2VwXcLp4TbN9sKd", "80_tokenTwo_Hx3Jv8RqWe6UyAo1Gf5M", "80_tokenThree_Zc2Nb7Pk4Ls9Dt6Qw");
  static final String TEMPLATE_CODE = "Kq1rT9xYpU3wEoZ7aLmN5vB2cD8fGhJ4sW6iOkRtQyE";
  /** How long a held send waits for the others before it is answered anyway: less than a send's call timeout. */
  private static final Duration HOLD_LIMIT = Duration.ofSeconds(8);

  /**
   * One request and the answer it got.
   *
   * @param method the HTTP method
   * @param path the path without the query
   * @param accessToken the {@code access_token} query parameter, if any
   * @param query the whole query, if any
   * @param contentType the Content-Type header
   * @param body the body as UTF-8 text
   * @param errcode the errcode answered (0 for a token)
   * @param msgid the msgid answered to an accepted send
   */
  record Exchange(String method, String path, Optional<String> accessToken, Optional<String> query,
      String contentType, String body, int errcode, Optional<String> msgid) {
    boolean isTokenRequest() {
      return path.equals("/cgi-bin/stable_token");
    }

    boolean isSend() {
      return path.equals("/cgi-bin/message/template/send");
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final List<Exchange> exchanges = new ArrayList<>();
  private final AtomicInteger msgids = new AtomicInteger(200228330);
  private int current;
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private final AtomicInteger holdSlots = new AtomicInteger();
  private final Semaphore heldArrivals = new Semaphore(0);
  private final AtomicInteger answeredTogether = new AtomicInteger();

  FakeWeChat() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        return answer(request);
      }
    });
    server.start();
  }

  /** The {@code baseUrl} setting for the channel. */
  String baseUrl() {
    return server.url("/").toString();
  }

  /** Ends the current token early: sends carrying it are refused with 40001, and the next one is issued. */
  synchronized void invalidateToken() {
    current++;
  }

  /**
   * Holds the next {@code count} sends that carry an invalidated token until all of them arrived,
   * then answers them together, so that the engines meet the 40001 at the same time.
   */
  void holdRefusedSends(int count) {
    hold = new CountDownLatch(count);
    holdSlots.set(count);
  }

  /** Waits until one more held send arrived; false when none did within {@code timeout}. */
  boolean awaitHeldSend(Duration timeout) throws InterruptedException {
    return heldArrivals.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** How many held sends were answered because all had arrived, not because the hold gave up. */
  int answeredTogether() {
    return answeredTogether.get();
  }

  synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  List<Exchange> tokenRequests() {
    return exchanges().stream().filter(Exchange::isTokenRequest).toList();
  }

  List<Exchange> sends() {
    return exchanges().stream().filter(Exchange::isSend).toList();
  }

  private MockResponse answer(RecordedRequest request) throws InterruptedException {
    HttpUrl url = request.getRequestUrl();
    String body = request.getBody().readUtf8();
    Optional<String> token = Optional.ofNullable(url.queryParameter("access_token"));
    if (url.encodedPath().equals("/cgi-bin/message/template/send") && token.isPresent() && refused(token.get())
        && holdSlots.getAndDecrement() > 0) {
      CountDownLatch together = hold;
      heldArrivals.release();
      together.countDown();
      if (together.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        answeredTogether.incrementAndGet();
      }
    }
    synchronized (this) {
      String answer;
      int errcode = 0;
      Optional<String> msgid = Optional.empty();
      switch (url.encodedPath()) {
        case "/cgi-bin/stable_token" ->
            answer = "{\"access_token\":\"" + TOKENS.get(current) + "\",\"expires_in\":7200}";
        case "/cgi-bin/message/template/send" -> {
          if (token.isEmpty() || refused(token.get())) {
            errcode = 40001;
            answer = "{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid or not latest\"}";
          } else {
            msgid = Optional.of(Integer.toString(msgids.incrementAndGet()));
            answer = "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":" + msgid.get() + "}";
          }
        }
        default -> {
          errcode = 404;
          answer = "{\"errcode\":404,\"errmsg\":\"unexpected path\"}";
        }
      }
      exchanges.add(new Exchange(request.getMethod(), url.encodedPath(), token, Optional.ofNullable(url.query()),
          request.getHeader("Content-Type"), body, errcode, msgid));
      return json(answer);
    }
  }

  /** A JSON answer as WeChat and WeCom send it. */
  static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json; charset=utf-8").setBody(body);
  }

  /** Only the current token is valid: an older one was invalidated, any other was never issued. */
  private synchronized boolean refused(String token) {
    return !token.equals(TOKENS.get(current));
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
