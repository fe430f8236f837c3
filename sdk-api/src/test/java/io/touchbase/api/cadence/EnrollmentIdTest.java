package io.touchbase.api.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnrollmentIdTest {

  @Test
  void isPositive() {
    assertThat(EnrollmentId.of(1).value()).isEqualTo(1L);
    assertThatThrownBy(() -> EnrollmentId.of(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("enrollmentId must be greater than 0, but was 0");
    assertThatThrownBy(() -> EnrollmentId.of(-5))
        .hasMessage("enrollmentId must be greater than 0, but was -5");
  }

  @Test
  void toStringIsTheNumber() {
    assertThat(EnrollmentId.of(42)).hasToString("42").isEqualTo(new EnrollmentId(42));
  }
}
