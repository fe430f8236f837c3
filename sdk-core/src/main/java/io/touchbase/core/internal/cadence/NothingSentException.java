package io.touchbase.core.internal.cadence;

/**
 * A run of a round failed before it could send anything (the database was away while deciding,
 * say): the wake-up is retried without counting a failure, since a counted failure tells the next
 * run that an attempt may have gone out and must be looked up first.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class NothingSentException extends RuntimeException {
  private final transient RoundRunner.Wake wake;

  NothingSentException(RoundRunner.Wake wake, RuntimeException cause) {
    super("Round of enrollment " + wake.enrollmentId() + " failed before sending: " + cause.getMessage(), cause);
    this.wake = wake;
  }

  /** The wake-up whose run failed. */
  public RoundRunner.Wake wake() {
    return wake;
  }
}
