package io.touchbase.api.event;

import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.touchpoint.Touchpoint;

/**
 * Observes the engine, e.g. to feed metrics or the host's own event bus. Every method has a no-op
 * default. Methods are called on engine threads after the change committed: keep them fast and
 * never throw (an exception is logged and ignored).
 */
public interface TouchbaseListener {

  /** A touchpoint was recorded. */
  default void onTouchpoint(Touchpoint touchpoint) {}

  /** An enrollment ended: completed, converted or cancelled. */
  default void onEnrollmentEnded(Enrollment enrollment) {}
}
