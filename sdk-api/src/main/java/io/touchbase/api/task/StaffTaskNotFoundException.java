package io.touchbase.api.task;

import io.touchbase.api.TouchbaseException;

/** An operation named a staff task id that Touchbase does not hold. */
public final class StaffTaskNotFoundException extends TouchbaseException {
  private static final long serialVersionUID = 1L;

  private final StaffTaskId taskId;

  public StaffTaskNotFoundException(StaffTaskId taskId) {
    super("taskId: no staff task with id " + taskId);
    this.taskId = taskId;
  }

  public StaffTaskId taskId() {
    return taskId;
  }
}
