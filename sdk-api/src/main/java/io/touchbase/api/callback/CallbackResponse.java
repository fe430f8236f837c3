package io.touchbase.api.callback;

import io.touchbase.api.internal.Checks;

/**
 * What the host's web layer must answer the provider, byte for byte: providers retry or give up
 * depending on it.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header value
 * @param body the response body
 */
public record CallbackResponse(int status, String contentType, String body) {
  public CallbackResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status, but was " + status);
    }
    Checks.notBlank(contentType, "contentType");
    Checks.notNull(body, "body");
  }

  public static CallbackResponse ok(String contentType, String body) {
    return new CallbackResponse(200, contentType, body);
  }

  public static CallbackResponse text(int status, String body) {
    return new CallbackResponse(status, "text/plain; charset=utf-8", body);
  }
}
