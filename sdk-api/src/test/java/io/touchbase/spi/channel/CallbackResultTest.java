package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.callback.CallbackResponse;
import io.touchbase.api.touchpoint.TouchpointKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackResultTest {

  @Test
  void responseIsRequired() {
    assertThatThrownBy(() -> new CallbackResult(List.of(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("response");
  }

  @Test
  void eventsAreAnUnmodifiableCopy() {
    ChannelEvent delivered =
        new ChannelEvent.StatusReport(
            Optional.of(DispatchId.of("d-1")), Optional.empty(), TouchpointKind.DELIVERED,
            Instant.parse("2025-01-01T00:00:00Z"), Optional.empty(), Map.of());
    List<ChannelEvent> events = new ArrayList<>(List.of(delivered));
    CallbackResult r = new CallbackResult(events, CallbackResponse.ok("text/plain", "OK"));
    events.clear();
    assertThat(r.events()).containsExactly(delivered);
    assertThat(r.response().body()).isEqualTo("OK");
    assertThatThrownBy(() -> r.events().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
