package io.touchbase.api.event;

import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.touchpoint.Touchpoint;
import java.util.List;
import java.util.Objects;

/**
 * What recording a host event did.
 *
 * @param event the {@code HOST_EVENT} touchpoint
 * @param converted enrollments that ended as converted because the event is one of their goals
 */
public record EventOutcome(Touchpoint event, List<Enrollment> converted) {
  public EventOutcome {
    Objects.requireNonNull(event, "event");
    converted = List.copyOf(converted);
  }
}
