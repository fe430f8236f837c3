package io.touchbase.channel.support;

import io.touchbase.spi.channel.ChannelException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes provider API calls on the shared OkHttp client and turns I/O failures into {@link
 * ChannelException}s that say whether the provider may have received the request:
 *
 * <ul>
 *   <li>unknown host, refused or unroutable connection, connect timeout, TLS handshake failure:
 *       nothing reached the provider, so {@link ChannelException#retryable} ({@code
 *       connect-failed});
 *   <li>any other I/O failure (read timeout, reset, truncated response, call timeout): the request
 *       may have been written and acted on, so {@link ChannelException#outcomeUnknown} ({@code
 *       no-response}).
 * </ul>
 *
 * <p>Messages name the provider and the host only: a URL's query may hold phone numbers.
 * Stateless and thread-safe.
 */
public final class HttpCalls {
  /** Provider code of failures before the request could be sent. */
  public static final String CONNECT_FAILED = "connect-failed";

  /** Provider code of failures after the request may have been sent. */
  public static final String NO_RESPONSE = "no-response";

  private static final Logger LOG = LoggerFactory.getLogger(HttpCalls.class);

  private HttpCalls() {}

  /**
   * A client for provider calls that shares the shared client's connection pool, dispatcher and
   * settings, but never repeats a request on its own. OkHttp otherwise retries a request whose
   * connection failed even after the request was written (a stale pooled connection, say), and
   * provider send APIs are not idempotent: that retry could send a message twice. A failure is
   * reported instead, as a send that may have gone through. Create one per channel.
   */
  public static OkHttpClient nonRetrying(OkHttpClient shared) {
    return Objects.requireNonNull(shared, "shared").newBuilder().retryOnConnectionFailure(false).build();
  }

  /**
   * Executes the request and reads the whole response body as UTF-8.
   *
   * @param client the shared client
   * @param request the request
   * @param providerId the provider, for messages, e.g. {@code aliyun-sms}
   * @throws ChannelException on I/O failure; an HTTP error status is returned, not thrown
   */
  public static HttpResult execute(OkHttpClient client, Request request, String providerId) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(request, "request");
    String host = request.url().host();
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      return new HttpResult(response.code(), text, response.headers());
    } catch (IOException e) {
      throw mapFailure(e, providerId, host);
    }
  }

  /** The exception an I/O failure of a call to {@code host} becomes. */
  public static ChannelException mapFailure(IOException e, String providerId, String host) {
    String what = e.getClass().getSimpleName();
    boolean notSent = beforeRequestWasSent(e);
    LOG.debug("Provider '{}': call to {} failed with {} ({})", providerId, host, what,
        notSent ? "not sent" : "may have been sent");
    if (notSent) {
      return ChannelException.retryable(
          CONNECT_FAILED, "Provider '" + providerId + "' could not connect to " + host + " (" + what + ")", e);
    }
    return ChannelException.outcomeUnknown(
        NO_RESPONSE,
        "Provider '" + providerId + "' sent no answer from " + host + " (" + what
            + "): the request may have been processed",
        e);
  }

  private static boolean beforeRequestWasSent(IOException e) {
    if (e instanceof UnknownHostException
        || e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof SSLHandshakeException) {
      return true;
    }
    // The JDK's connect timeout says "connect timed out"; a read timeout says "timeout" or
    // "Read timed out". Anything else counts as possibly sent.
    return e instanceof SocketTimeoutException
        && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect timed out");
  }

  /**
   * A provider's answer.
   *
   * @param status the HTTP status
   * @param body the body as UTF-8, empty when there was none
   * @param headers the response headers
   */
  public record HttpResult(int status, String body, Headers headers) {
    public HttpResult {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(headers, "headers");
    }

    public boolean isSuccessful() {
      return status >= 200 && status < 300;
    }

    /** Shows the status and body size only: bodies may echo phone numbers. */
    @Override
    public String toString() {
      return "HttpResult{status=" + status + ", bodyChars=" + body.length() + "}";
    }
  }
}
