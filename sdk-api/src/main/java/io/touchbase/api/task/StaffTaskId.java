package io.touchbase.api.task;

/** Identifies one staff task. */
public record StaffTaskId(long value) {
  public StaffTaskId {
    if (value <= 0) {
      throw new IllegalArgumentException("taskId must be greater than 0, but was " + value);
    }
  }

  public static StaffTaskId of(long value) {
    return new StaffTaskId(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
