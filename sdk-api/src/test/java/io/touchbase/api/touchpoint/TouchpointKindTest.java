package io.touchbase.api.touchpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.touchpoint.TouchpointKind.Direction;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TouchpointKindTest {

  @Test
  void sendsAndCallsAreOutbound() {
    assertThat(EnumSet.of(
            TouchpointKind.SENT, TouchpointKind.DELIVERED, TouchpointKind.FAILED,
            TouchpointKind.CALL_ANSWERED, TouchpointKind.CALL_NOT_ANSWERED, TouchpointKind.IN_DOUBT))
        .allSatisfy(k -> assertThat(k.direction()).isEqualTo(Direction.OUTBOUND));
  }

  @Test
  void contactReactionsAreInbound() {
    assertThat(EnumSet.of(
            TouchpointKind.OPENED, TouchpointKind.CLICKED, TouchpointKind.REPLIED,
            TouchpointKind.UNSUBSCRIBED, TouchpointKind.CONVERTED, TouchpointKind.HOST_EVENT))
        .allSatisfy(k -> assertThat(k.direction()).isEqualTo(Direction.INBOUND));
  }

  @Test
  void decisionsAreInternal() {
    assertThat(Arrays.stream(TouchpointKind.values()).filter(k -> k.direction() == Direction.INTERNAL))
        .containsExactlyInAnyOrder(TouchpointKind.SUPPRESSED, TouchpointKind.DEFERRED, TouchpointKind.TASK_CREATED,
            TouchpointKind.TASK_EXPIRED, TouchpointKind.TASK_CANCELLED, TouchpointKind.MERGED);
  }
}
