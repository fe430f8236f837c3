package io.touchbase.core.internal.store;

import io.touchbase.api.TouchbaseException;

/**
 * The database failed. Carries the SQL state; the message never includes bound values.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
public final class StoreException extends TouchbaseException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
