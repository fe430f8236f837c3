package io.touchbase.spi.channel;

import io.touchbase.api.TouchbaseException;

/**
 * A callback failed verification or could not be parsed. The message says why without secrets
 * or personal data; {@link #status()} is the HTTP status to answer.
 */
public final class CallbackRejectedException extends TouchbaseException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public CallbackRejectedException(int status, String message) {
    super(message);
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("status must be a 4xx status, but was " + status);
    }
    this.status = status;
  }

  /** Verification failed: 401. */
  public static CallbackRejectedException unverified(String why) {
    return new CallbackRejectedException(401, why);
  }

  /** Malformed body: 400. */
  public static CallbackRejectedException malformed(String why) {
    return new CallbackRejectedException(400, why);
  }

  public int status() {
    return status;
  }
}
