package io.touchbase.api.touchpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.contact.ContactId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TouchpointTest {
  private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

  private static Touchpoint sent(Map<String, String> attributes) {
    return new Touchpoint(
        12, ContactId.of("u1"), TouchpointKind.SENT, AT,
        Optional.of("sms"), Optional.of("aliyun-sms"), Optional.of("renewal"),
        OptionalInt.of(3), OptionalInt.of(2), OptionalLong.of(9),
        Optional.of("d-123"), Optional.of("biz-777"), Optional.empty(), Optional.empty(),
        attributes);
  }

  private static Touchpoint hostEvent() {
    return new Touchpoint(
        13, ContactId.of("u1"), TouchpointKind.HOST_EVENT, AT,
        Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty(),
        Optional.empty(), Optional.empty(), Optional.of("goal reached"), Optional.of("order.paid"),
        Map.of());
  }

  @Test
  void toStringShowsPresentFieldsOnly() {
    assertThat(sent(Map.of()).toString())
        .isEqualTo(
            "Touchpoint{#12 SENT contact=u1 at=2025-03-01T10:00:00Z channel=sms provider=aliyun-sms"
                + " cadence=renewal v3 round=2 dispatch=d-123}");
    assertThat(hostEvent().toString())
        .isEqualTo(
            "Touchpoint{#13 HOST_EVENT contact=u1 at=2025-03-01T10:00:00Z reason=goal reached"
                + " event=order.paid}");
  }

  @Test
  void toStringOmitsAttributeValues() {
    assertThat(sent(Map.of("replyText", "call me at +8613800138000")).toString())
        .doesNotContain("+8613800138000");
  }

  @Test
  void attributesAreAnUnmodifiableCopy() {
    Map<String, String> attributes = new HashMap<>(Map.of("segments", "2"));
    Touchpoint t = sent(attributes);
    attributes.put("x", "y");
    assertThat(t.attributes()).containsOnly(Map.entry("segments", "2"));
    assertThatThrownBy(() -> t.attributes().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void componentsAreNamedWhenNull() {
    ContactId c = ContactId.of("u1");
    TouchpointKind k = TouchpointKind.SENT;
    Optional<String> e = Optional.empty();
    OptionalInt i = OptionalInt.empty();
    OptionalLong l = OptionalLong.empty();
    Map<String, String> m = Map.of();
    assertThatThrownBy(() -> new Touchpoint(1, null, k, AT, e, e, e, i, i, l, e, e, e, e, m))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("touchpoint.contactId must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, null, AT, e, e, e, i, i, l, e, e, e, e, m))
        .hasMessage("touchpoint.kind must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, k, null, e, e, e, i, i, l, e, e, e, e, m))
        .hasMessage("touchpoint.occurredAt must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, k, AT, null, e, e, i, i, l, e, e, e, e, m))
        .hasMessage("touchpoint.channel must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, k, AT, e, null, e, i, i, l, e, e, e, e, m))
        .hasMessage("touchpoint.provider must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, k, AT, e, e, null, i, i, l, e, e, e, e, m))
        .hasMessage("touchpoint.cadenceId must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, k, AT, e, e, e, null, i, l, e, e, e, e, m))
        .hasMessage("touchpoint.cadenceVersion must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, k, AT, e, e, e, i, null, l, e, e, e, e, m))
        .hasMessage("touchpoint.round must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, k, AT, e, e, e, i, i, null, e, e, e, e, m))
        .hasMessage("touchpoint.enrollmentId must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, k, AT, e, e, e, i, i, l, null, e, e, e, m))
        .hasMessage("touchpoint.dispatchId must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, k, AT, e, e, e, i, i, l, e, null, e, e, m))
        .hasMessage("touchpoint.providerMessageId must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, k, AT, e, e, e, i, i, l, e, e, null, e, m))
        .hasMessage("touchpoint.reason must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, k, AT, e, e, e, i, i, l, e, e, e, null, m))
        .hasMessage("touchpoint.eventName must not be null");
    assertThatThrownBy(() -> new Touchpoint(1, c, k, AT, e, e, e, i, i, l, e, e, e, e, null))
        .hasMessage("touchpoint.attributes must not be null");
  }
}
