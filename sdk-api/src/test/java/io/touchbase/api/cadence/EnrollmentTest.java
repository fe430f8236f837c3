package io.touchbase.api.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.contact.ContactId;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EnrollmentTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private static Enrollment enrollment(EnrollmentState state) {
    return new Enrollment(
        EnrollmentId.of(7), ContactId.of("u1"), "renewal", 1, state, 2,
        Optional.of(T0.plusSeconds(60)), T0, T0, Optional.empty(), OptionalInt.empty());
  }

  @Test
  void isActiveOnlyWhileActive() {
    assertThat(enrollment(EnrollmentState.ACTIVE).isActive()).isTrue();
    assertThat(enrollment(EnrollmentState.COMPLETED).isActive()).isFalse();
    assertThat(enrollment(EnrollmentState.CONVERTED).isActive()).isFalse();
    assertThat(enrollment(EnrollmentState.CANCELLED).isActive()).isFalse();
  }

  @Test
  void componentsAreNamedWhenInvalid() {
    EnrollmentId id = EnrollmentId.of(1);
    ContactId c = ContactId.of("u1");
    EnrollmentState a = EnrollmentState.ACTIVE;
    Optional<Instant> next = Optional.empty();
    Optional<String> exit = Optional.empty();
    OptionalInt conv = OptionalInt.empty();
    assertThatThrownBy(() -> new Enrollment(null, c, "r", 1, a, 1, next, T0, T0, exit, conv))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("enrollment.id must not be null");
    assertThatThrownBy(() -> new Enrollment(id, null, "r", 1, a, 1, next, T0, T0, exit, conv))
        .hasMessage("enrollment.contactId must not be null");
    assertThatThrownBy(() -> new Enrollment(id, c, " ", 1, a, 1, next, T0, T0, exit, conv))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("enrollment.cadenceId must not be blank");
    assertThatThrownBy(() -> new Enrollment(id, c, "r", 1, null, 1, next, T0, T0, exit, conv))
        .hasMessage("enrollment.state must not be null");
    assertThatThrownBy(() -> new Enrollment(id, c, "r", 1, a, 1, null, T0, T0, exit, conv))
        .hasMessage("enrollment.nextRoundAt must not be null");
    assertThatThrownBy(() -> new Enrollment(id, c, "r", 1, a, 1, next, null, T0, exit, conv))
        .hasMessage("enrollment.enrolledAt must not be null");
    assertThatThrownBy(() -> new Enrollment(id, c, "r", 1, a, 1, next, T0, null, exit, conv))
        .hasMessage("enrollment.updatedAt must not be null");
    assertThatThrownBy(() -> new Enrollment(id, c, "r", 1, a, 1, next, T0, T0, null, conv))
        .hasMessage("enrollment.exitReason must not be null");
    assertThatThrownBy(() -> new Enrollment(id, c, "r", 1, a, 1, next, T0, T0, exit, null))
        .hasMessage("enrollment.convertedRound must not be null");
  }
}
