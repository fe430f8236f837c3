package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.touchpoint.TouchpointKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelEventTest {
  private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
  private static final Address FROM = Address.phone("+8613800138000");

  @Test
  void statusReportNeedsOneOfTheIds() {
    assertThatThrownBy(
            () -> new ChannelEvent.StatusReport(Optional.empty(), Optional.empty(),
                TouchpointKind.DELIVERED, AT, Optional.empty(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a status report needs dispatchId or providerMessageId");
    assertThat(
            new ChannelEvent.StatusReport(Optional.empty(), Optional.of("biz-1"),
                TouchpointKind.DELIVERED, AT, Optional.empty(), Map.of()).providerMessageId())
        .contains("biz-1");
    assertThat(
            new ChannelEvent.StatusReport(Optional.of(DispatchId.of("d-1")), Optional.empty(),
                TouchpointKind.FAILED, AT, Optional.of("UNDELIV"), Map.of()).dispatchId())
        .contains(DispatchId.of("d-1"));
  }

  @Test
  void statusReportComponentsAreNamed() {
    Optional<DispatchId> d = Optional.of(DispatchId.of("d-1"));
    Optional<String> e = Optional.empty();
    TouchpointKind k = TouchpointKind.DELIVERED;
    assertThatThrownBy(() -> new ChannelEvent.StatusReport(null, e, k, AT, e, Map.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dispatchId must not be null");
    assertThatThrownBy(() -> new ChannelEvent.StatusReport(d, null, k, AT, e, Map.of()))
        .hasMessage("providerMessageId must not be null");
    assertThatThrownBy(() -> new ChannelEvent.StatusReport(d, e, null, AT, e, Map.of()))
        .hasMessage("kind must not be null");
    assertThatThrownBy(() -> new ChannelEvent.StatusReport(d, e, k, null, e, Map.of()))
        .hasMessage("occurredAt must not be null");
    assertThatThrownBy(() -> new ChannelEvent.StatusReport(d, e, k, AT, null, Map.of()))
        .hasMessage("reason must not be null");
    assertThatThrownBy(() -> new ChannelEvent.StatusReport(d, e, k, AT, e, null))
        .hasMessage("attributes must not be null");
  }

  @Test
  void statusReportAttributesAreAnUnmodifiableCopy() {
    Map<String, String> attributes = new HashMap<>(Map.of("durationSeconds", "42"));
    ChannelEvent.StatusReport r =
        new ChannelEvent.StatusReport(Optional.empty(), Optional.of("call-1"),
            TouchpointKind.CALL_ANSWERED, AT, Optional.empty(), attributes);
    attributes.put("x", "y");
    assertThat(r.attributes()).containsOnlyKeys("durationSeconds");
    assertThatThrownBy(() -> r.attributes().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void inboundReplyToStringMasksTheSenderAndOmitsTheText() {
    ChannelEvent.InboundReply reply =
        new ChannelEvent.InboundReply(FROM, "my email is jane.doe@example.com", AT, Optional.of("mo-1"));
    assertThat(reply.toString())
        .isEqualTo("InboundReply{from=phone:+861******8000, chars=32, at=2025-03-01T10:00:00Z}")
        .doesNotContain("+8613800138000")
        .doesNotContain("jane.doe@example.com");
  }

  @Test
  void inboundReplyComponentsAreNamed() {
    Optional<String> id = Optional.empty();
    assertThatThrownBy(() -> new ChannelEvent.InboundReply(null, "t", AT, id))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("from must not be null");
    assertThatThrownBy(() -> new ChannelEvent.InboundReply(FROM, null, AT, id))
        .hasMessage("text must not be null");
    assertThatThrownBy(() -> new ChannelEvent.InboundReply(FROM, "t", null, id))
        .hasMessage("occurredAt must not be null");
    assertThatThrownBy(() -> new ChannelEvent.InboundReply(FROM, "t", AT, null))
        .hasMessage("providerMessageId must not be null");
    assertThat(new ChannelEvent.InboundReply(FROM, "", AT, id).text()).isEmpty();
  }

  @Test
  void optOutComponentsAreNamed() {
    assertThat(new ChannelEvent.OptOut(FROM, Purpose.MARKETING, AT, "sms-reply:TD").source())
        .isEqualTo("sms-reply:TD");
    assertThatThrownBy(() -> new ChannelEvent.OptOut(null, Purpose.MARKETING, AT, "s"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("from must not be null");
    assertThatThrownBy(() -> new ChannelEvent.OptOut(FROM, null, AT, "s"))
        .hasMessage("purpose must not be null");
    assertThatThrownBy(() -> new ChannelEvent.OptOut(FROM, Purpose.MARKETING, null, "s"))
        .hasMessage("occurredAt must not be null");
    assertThatThrownBy(() -> new ChannelEvent.OptOut(FROM, Purpose.MARKETING, AT, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("source must not be blank");
  }

  @Test
  void dispatchOptOutAndQuotaChangeNameTheirComponents() {
    DispatchId d = DispatchId.of("d-1");
    assertThatThrownBy(() -> new ChannelEvent.DispatchOptOut(null, Purpose.MARKETING, AT, "email:one-click"))
        .hasMessage("dispatchId must not be null");
    assertThatThrownBy(() -> new ChannelEvent.DispatchOptOut(d, Purpose.MARKETING, AT, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source");
    Address openId = Address.wechatOpenId("wx1", "o-1");
    var granted = ChannelEvent.QuotaChange.GRANTED;
    assertThatThrownBy(() -> new ChannelEvent.SendQuotaChange(openId, "", granted, AT, "e-1"))
        .hasMessageContaining("quotaKey");
    assertThatThrownBy(() -> new ChannelEvent.SendQuotaChange(openId, "tpl", granted, AT, ""))
        .hasMessageContaining("eventId");
    assertThat(new ChannelEvent.SendQuotaChange(openId, "tpl", granted, AT, "e-1").to()).isEqualTo(openId);
  }
}
