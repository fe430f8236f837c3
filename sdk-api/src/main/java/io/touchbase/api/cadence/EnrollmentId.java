package io.touchbase.api.cadence;

/** Identifies one enrollment. */
public record EnrollmentId(long value) {
  public EnrollmentId {
    if (value <= 0) {
      throw new IllegalArgumentException("enrollmentId must be greater than 0, but was " + value);
    }
  }

  public static EnrollmentId of(long value) {
    return new EnrollmentId(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
