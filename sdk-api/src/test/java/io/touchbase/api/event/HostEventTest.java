package io.touchbase.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.contact.ContactId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostEventTest {
  private static final ContactId U1 = ContactId.of("u1");

  @Test
  void ofHappensNowWithoutAttributes() {
    HostEvent e = HostEvent.of(U1, "membership.renewed");
    assertThat(e.contactId()).isEqualTo(U1);
    assertThat(e.name()).isEqualTo("membership.renewed");
    assertThat(e.occurredAt()).isEmpty();
    assertThat(e.attributes()).isEmpty();
  }

  @Test
  void nameMustBeAValidName() {
    assertThatThrownBy(() -> HostEvent.of(U1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event.name must not be null");
    assertThatThrownBy(() -> HostEvent.of(U1, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event.name must not be blank");
    assertThatThrownBy(() -> HostEvent.of(U1, "order paid"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event.name must start with a letter or digit")
        .hasMessageEndingWith("but was 'order paid'");
  }

  @Test
  void otherComponentsAreNamed() {
    Instant at = Instant.parse("2025-01-01T00:00:00Z");
    assertThatThrownBy(() -> HostEvent.of(null, "order.paid"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event.contactId must not be null");
    assertThatThrownBy(() -> new HostEvent(U1, "order.paid", null, Map.of()))
        .hasMessage("event.occurredAt must not be null");
    assertThatThrownBy(() -> new HostEvent(U1, "order.paid", Optional.of(at), null))
        .hasMessage("event.attributes must not be null");
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("orderId", null);
    assertThatThrownBy(() -> new HostEvent(U1, "order.paid", Optional.of(at), nullValue))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event.attributes[orderId] must not be null");
    assertThatThrownBy(() -> new HostEvent(U1, "order.paid", Optional.of(at), Map.of("order id", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event.attributes key must start with a letter or digit");
  }

  @Test
  void attributesAreAnUnmodifiableCopy() {
    Map<String, String> attributes = new HashMap<>(Map.of("orderId", "o-1"));
    HostEvent e = new HostEvent(U1, "order.paid", Optional.empty(), attributes);
    attributes.put("amount", "10");
    assertThat(e.attributes()).containsOnly(Map.entry("orderId", "o-1"));
    assertThatThrownBy(() -> e.attributes().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
