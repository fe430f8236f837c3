package io.touchbase.api;

/**
 * Root of every exception Touchbase throws on purpose. Unchecked; subclasses carry fields that
 * say what went wrong. Messages never contain a secret, a full phone number or a full email
 * address.
 */
public abstract class TouchbaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected TouchbaseException(String message) {
    super(message);
  }

  protected TouchbaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
