package io.touchbase.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.cadence.EnrollmentId;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EventOutcomeTest {
  private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

  static Touchpoint hostEventTouchpoint() {
    return new Touchpoint(
        1, ContactId.of("u1"), TouchpointKind.HOST_EVENT, AT,
        Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("order.paid"), Map.of());
  }

  private static Enrollment converted() {
    return new Enrollment(
        EnrollmentId.of(3), ContactId.of("u1"), "renewal", 1, EnrollmentState.CONVERTED, 2,
        Optional.empty(), AT, AT, Optional.of("order.paid"), OptionalInt.of(1));
  }

  @Test
  void eventIsRequired() {
    assertThatThrownBy(() -> new EventOutcome(null, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event");
  }

  @Test
  void convertedIsAnUnmodifiableCopy() {
    List<Enrollment> converted = new ArrayList<>(List.of(converted()));
    EventOutcome o = new EventOutcome(hostEventTouchpoint(), converted);
    converted.clear();
    assertThat(o.converted()).containsExactly(converted());
    assertThatThrownBy(() -> o.converted().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
