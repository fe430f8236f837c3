package io.touchbase.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.Database;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.contact.ContactId;
import io.touchbase.spi.channel.OutboundMessage;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The engine suite on real PostgreSQL (polling with lock-and-fetch), plus several instances. */
class PostgresEngineTest extends EngineContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.postgres();
  }

  @Test
  @DisplayName("two instances on one PostgreSQL share the work and never send a round twice")
  void twoInstancesShareTheWork() throws Exception {
    Touchbase a = start("node-a", b -> {});
    Touchbase b = start("node-b", x -> {});
    int contacts = 150;
    for (int i = 1; i <= contacts; i++) {
      Touchbase via = i % 2 == 0 ? a : b;
      via.contacts().upsert(member("u" + i, phone(i)));
      via.cadences().enroll(ContactId.of("u" + i), CADENCE);
    }
    for (int hours = 0; hours < 14 * 24; hours += 12) {
      idle(a);
      idle(b);
      clock.advance(Duration.ofHours(12));
    }
    idle(a);
    idle(b);

    Map<String, Long> perKey = sms.sent().stream()
        .collect(Collectors.groupingBy(m -> m.contactId() + "/" + m.templateId(), Collectors.counting()));
    assertThat(perKey).hasSize(2 * contacts);
    assertThat(perKey.values()).allMatch(n -> n == 1);
    assertThat(voice.sent()).extracting(OutboundMessage::contactId).doesNotHaveDuplicates().hasSize(contacts);
    for (int i = 1; i <= contacts; i++) {
      assertThat(a.cadences().enrollments(ContactId.of("u" + i)).get(0).state()).isEqualTo(EnrollmentState.COMPLETED);
    }
    try (Connection c = connect()) {
      assertThat(instancesThatDispatched(c)).containsExactlyInAnyOrder("node-a", "node-b");
    }
  }

  @Test
  @DisplayName("staff call: two instances on one PostgreSQL, 8 agents claiming at once: each task claimed once")
  void concurrentClaimsOnTwoInstances() throws Exception {
    Touchbase a = startWithCalls("node-a", b -> b.cadence(callFirst("agent-call")));
    Touchbase b = startWithCalls("node-b", x -> x.cadence(callFirst("agent-call")));
    assertEveryTaskClaimedOnce(List.of(a, b), 200, 8);
  }
}
