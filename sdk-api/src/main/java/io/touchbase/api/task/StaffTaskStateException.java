package io.touchbase.api.task;

import java.util.Optional;

/**
 * A staff task is not in a state that allows the operation: claiming a task another agent holds,
 * completing one that expired or was cancelled, revealing the address without holding the claim.
 * The message names the task, its state and what to do instead.
 */
public final class StaffTaskStateException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final StaffTaskId taskId;
  private final StaffTaskState state;
  private final String claimedBy;

  /**
   * @param taskId the task
   * @param state its state when the operation was refused
   * @param claimedBy the agent holding it, if any
   * @param message the whole message; it never contains the address
   */
  public StaffTaskStateException(StaffTaskId taskId, StaffTaskState state, Optional<String> claimedBy, String message) {
    super(message);
    this.taskId = taskId;
    this.state = state;
    this.claimedBy = claimedBy.orElse(null);
  }

  public StaffTaskId taskId() {
    return taskId;
  }

  public StaffTaskState state() {
    return state;
  }

  /** The agent holding the task when the operation was refused. */
  public Optional<String> claimedBy() {
    return Optional.ofNullable(claimedBy);
  }
}
