package io.touchbase.api.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnrollmentStateTest {

  @Test
  void everyStateButActiveIsFinal() {
    assertThat(EnrollmentState.ACTIVE.isFinal()).isFalse();
    assertThat(EnrollmentState.COMPLETED.isFinal()).isTrue();
    assertThat(EnrollmentState.CONVERTED.isFinal()).isTrue();
    assertThat(EnrollmentState.CANCELLED.isFinal()).isTrue();
  }
}
