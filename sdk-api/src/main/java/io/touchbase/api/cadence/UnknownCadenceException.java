package io.touchbase.api.cadence;

import io.touchbase.api.TouchbaseException;

/** An operation named a cadence id that was never registered. */
public final class UnknownCadenceException extends TouchbaseException {
  private static final long serialVersionUID = 1L;

  private final String cadenceId;

  public UnknownCadenceException(String cadenceId) {
    super("cadenceId: no cadence '" + cadenceId + "' is registered");
    this.cadenceId = cadenceId;
  }

  public String cadenceId() {
    return cadenceId;
  }
}
