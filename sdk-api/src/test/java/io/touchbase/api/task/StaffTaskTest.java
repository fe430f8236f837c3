package io.touchbase.api.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.cadence.EnrollmentId;
import io.touchbase.api.contact.ContactId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaffTaskTest {
  private static final Instant AT = Instant.parse("2026-03-02T08:00:00Z");

  static StaffTask task() {
    return new StaffTask(StaffTaskId.of(7), StaffTaskKind.CALL, "renewals", "agent-call", ContactId.of("u1"),
        "renewal", EnrollmentId.of(3), 2, 1, "+861******8000", Optional.of("Call Li Lei about 10% off"), AT,
        AT.plusSeconds(3600), StaffTaskState.CLAIMED, Optional.of("agent-7"), Optional.of(AT), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  @Test
  void toStringShowsTheMaskedNumberAndNotTheScript() {
    assertThat(task().toString())
        .isEqualTo("StaffTask{#7 CALL CLAIMED queue=renewals channel=agent-call contact=u1 cadence=renewal round=2"
            + " attempt=1 to=+861******8000 due=2026-03-02T08:00:00Z deadline=2026-03-02T09:00:00Z claimedBy=agent-7}")
        .doesNotContain("Li Lei");
  }

  @Test
  void componentsAreCheckedByName() {
    assertThatThrownBy(() -> new StaffTask(StaffTaskId.of(7), StaffTaskKind.CALL, "renewals", "agent-call",
        ContactId.of("u1"), "renewal", EnrollmentId.of(3), 0, 1, "", Optional.empty(), AT, AT,
        StaffTaskState.OPEN, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
        .hasMessage("task.round must be greater than 0, but was 0");
    assertThatThrownBy(() -> StaffTaskId.of(0)).hasMessage("taskId must be greater than 0, but was 0");
  }

  @Test
  void closedStatesAreTheEnds() {
    assertThat(EnumSet.allOf(StaffTaskState.class)).filteredOn(StaffTaskState::isClosed)
        .containsExactlyInAnyOrder(StaffTaskState.COMPLETED, StaffTaskState.EXPIRED, StaffTaskState.CANCELLED);
  }

  @Test
  void queryBuilderValidatesAndDefaults() {
    StaffTaskQuery q = StaffTaskQuery.builder().queue("renewals").state(StaffTaskState.OPEN)
        .state(StaffTaskState.CLAIMED).claimedBy("agent-7").contact(ContactId.of("u1")).dueBefore(AT).build();
    assertThat(q.queue()).contains("renewals");
    assertThat(q.states()).containsExactlyInAnyOrder(StaffTaskState.OPEN, StaffTaskState.CLAIMED);
    assertThat(q.limit()).isEqualTo(StaffTaskQuery.DEFAULT_LIMIT);
    assertThat(StaffTaskQuery.builder().build().states()).isEmpty();
    assertThatThrownBy(() -> StaffTaskQuery.builder().queue(" ")).hasMessage("queue must not be blank");
    assertThatThrownBy(() -> StaffTaskQuery.builder().claimedBy("a@b.c"))
        .hasMessageStartingWith("claimedBy must start with a letter or digit");
    assertThatThrownBy(() -> StaffTaskQuery.builder().limit(0).build())
        .hasMessage("query.limit must be between 1 and 10000, but was 0");
  }

  @Test
  void stateExceptionCarriesTaskStateAndHolder() {
    StaffTaskStateException e = new StaffTaskStateException(StaffTaskId.of(7), StaffTaskState.CLAIMED,
        Optional.of("agent-7"), "staff task 7 is CLAIMED by agent 'agent-7'");
    assertThat(e).isInstanceOf(IllegalStateException.class);
    assertThat(e.taskId()).isEqualTo(StaffTaskId.of(7));
    assertThat(e.state()).isEqualTo(StaffTaskState.CLAIMED);
    assertThat(e.claimedBy()).contains("agent-7");
    assertThat(new StaffTaskNotFoundException(StaffTaskId.of(9))).hasMessage("taskId: no staff task with id 9");
  }
}
