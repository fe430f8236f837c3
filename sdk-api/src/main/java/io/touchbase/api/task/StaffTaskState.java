package io.touchbase.api.task;

/**
 * Where a staff task stands. A task is created {@link #OPEN}, is {@link #CLAIMED} by one agent at
 * a time, and ends exactly once: {@link #COMPLETED}, {@link #EXPIRED} or {@link #CANCELLED}.
 */
public enum StaffTaskState {
  /** Waiting for an agent; {@code claimNext} hands it out once it is due. */
  OPEN,
  /** Held by one agent, who alone may reveal its address, complete it or release it. */
  CLAIMED,
  /** An agent reported the outcome; the round's call policy decided what followed. */
  COMPLETED,
  /** Not completed by its deadline; the round fell back to its next channel or moved on. */
  EXPIRED,
  /** Its enrollment ended (goal, cancel, completion) or the call was no longer allowed. */
  CANCELLED;

  /** Whether the task has ended and can no longer be claimed or completed. */
  public boolean isClosed() {
    return this == COMPLETED || this == EXPIRED || this == CANCELLED;
  }
}
