package io.touchbase.api.cadence;

/** Where an enrollment stands. Every state but {@link #ACTIVE} is final. */
public enum EnrollmentState {
  /** Waiting for or carrying out a round. */
  ACTIVE,
  /** Every round ran and no goal was reached. */
  COMPLETED,
  /** A goal event arrived; later rounds were cancelled. */
  CONVERTED,
  /** Cancelled through the API. */
  CANCELLED;

  public boolean isFinal() {
    return this != ACTIVE;
  }
}
