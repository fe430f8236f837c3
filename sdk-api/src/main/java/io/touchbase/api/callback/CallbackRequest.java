package io.touchbase.api.callback;

import io.touchbase.api.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's webhook request as the host's web layer received it, handed to {@link
 * Callbacks#handle(CallbackRequest)} unchanged: signatures cover the exact bytes and URL.
 *
 * @param channel the configured channel name the callback URL belongs to, e.g. {@code sms}
 * @param method the HTTP method, upper case
 * @param url the full URL the provider requested, with scheme, host, path and query
 * @param headers request headers; names are matched case-insensitively by {@link #header}
 * @param body the raw body bytes
 */
public record CallbackRequest(
    String channel, String method, String url, Map<String, List<String>> headers, byte[] body) {

  public CallbackRequest {
    Checks.name(channel, "callback.channel");
    Checks.notBlank(method, "callback.method");
    method = method.toUpperCase(Locale.ROOT);
    Checks.notBlank(url, "callback.url");
    Checks.notNull(headers, "callback.headers");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    headers = Map.copyOf(copy);
    body = Checks.notNull(body, "callback.body").clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The first value of a header, matching the name case-insensitively. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallbackRequest r
        && channel.equals(r.channel)
        && method.equals(r.method)
        && url.equals(r.url)
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return (channel + method + url).hashCode() * 31 + Arrays.hashCode(body);
  }

  /** Shows no header values and no body: both may carry signatures or personal data. */
  @Override
  public String toString() {
    return "CallbackRequest{channel="
        + channel
        + ", method="
        + method
        + ", headers="
        + headers.keySet()
        + ", bodyBytes="
        + body.length
        + "}";
  }

  public static Builder builder(String channel) {
    return new Builder(channel);
  }

  /** Builds a {@link CallbackRequest}. Not thread-safe. */
  public static final class Builder {
    private final String channel;
    private String method = "POST";
    private String url;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private Builder(String channel) {
      this.channel = channel;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    public Builder header(String name, String value) {
      headers.computeIfAbsent(Checks.notBlank(name, "header name"), k -> new ArrayList<>())
          .add(Checks.notNull(value, "header value"));
      return this;
    }

    public Builder body(byte[] body) {
      this.body = Checks.notNull(body, "body");
      return this;
    }

    public Builder body(String body) {
      return body(Checks.notNull(body, "body").getBytes(StandardCharsets.UTF_8));
    }

    public CallbackRequest build() {
      return new CallbackRequest(channel, method, url, headers, body);
    }
  }
}
