package io.touchbase.api.task;

/** What a person is asked to do. */
public enum StaffTaskKind {
  /** Phone the contact and report the outcome as a {@link CallOutcome}. */
  CALL
}
