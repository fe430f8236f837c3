package io.touchbase.api.cadence;

/** Whether a contact may walk a cadence again after an earlier enrollment ended. */
public enum ReentryPolicy {
  /** A new enrollment may start once the previous one has ended (the default). */
  AFTER_EXIT,
  /** A contact walks the cadence at most once, ever. */
  NEVER
}
