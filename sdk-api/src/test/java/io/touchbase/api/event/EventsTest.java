package io.touchbase.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.contact.ContactId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsTest {

  @Test
  void recordByNameRecordsAHostEventHappeningNow() {
    List<HostEvent> recorded = new ArrayList<>();
    EventOutcome outcome = new EventOutcome(EventOutcomeTest.hostEventTouchpoint(), List.of());
    Events events =
        event -> {
          recorded.add(event);
          return outcome;
        };

    assertThat(events.record(ContactId.of("u1"), "order.paid")).isSameAs(outcome);
    assertThat(recorded).containsExactly(HostEvent.of(ContactId.of("u1"), "order.paid"));
  }
}
