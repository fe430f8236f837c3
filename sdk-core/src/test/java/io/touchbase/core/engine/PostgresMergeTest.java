package io.touchbase.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.Database;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.api.touchpoint.TouchpointQuery;
import io.touchbase.spi.channel.OutboundMessage;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contact merge on real PostgreSQL, plus merges racing with rounds on two instances. */
class PostgresMergeTest extends MergeContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.postgres();
  }

  @Test
  @DisplayName("race: a merge while both contacts' round 1 is being sent: each sent once, recorded on the survivor")
  void mergeDuringSends() throws Exception {
    Touchbase t = start();
    t.contacts().upsert(member("guest-7", phone(7)));
    t.contacts().upsert(member("user-42", phone(42)));
    Enrollment absorbed = t.cadences().enroll(id("guest-7"), CADENCE);
    Enrollment kept = t.cadences().enroll(id("user-42"), CADENCE);
    sms.blockSends();
    clock.advance(Duration.ofDays(1));
    wake(t);
    assertThat(sms.awaitInFlight(2, Duration.ofSeconds(10))).isTrue();

    // The sends hold no lock: the merge does not wait for them.
    Contact merged = CompletableFuture.supplyAsync(() -> t.contacts().merge(id("user-42"), id("guest-7")))
        .get(10, TimeUnit.SECONDS);
    assertThat(merged.id()).isEqualTo(id("user-42"));
    sms.releaseSends();
    advance(t, Duration.ofDays(8), Duration.ofDays(1));

    assertThat(sms.sent()).extracting(m -> m.dispatchId().value()).containsExactlyInAnyOrder(
        "e" + absorbed.id().value() + "r1a1", "e" + kept.id().value() + "r1a1", "e" + kept.id().value() + "r2a1");
    assertThat(voice.sent()).extracting(m -> m.dispatchId().value()).containsExactly("e" + kept.id().value() + "r3a1");
    List<Touchpoint> sent = t.touchpoints().query(TouchpointQuery.builder().contact(id("guest-7"))
        .kind(TouchpointKind.SENT).build());
    assertThat(sent).hasSize(4).allSatisfy(tp -> assertThat(tp.contactId()).isEqualTo(id("user-42")));
    assertThat(t.cadences().enrollment(absorbed.id()).orElseThrow()).satisfies(e -> {
      assertThat(e.state()).isEqualTo(EnrollmentState.CANCELLED);
      assertThat(e.exitReason()).hasValue("merged into user-42");
    });
    assertThat(t.cadences().enrollment(kept.id()).orElseThrow().state()).isEqualTo(EnrollmentState.COMPLETED);
    assertNothingLeftUnder(List.of("guest-7"));
  }

  @Test
  @DisplayName("race: 60 merges while two instances run the rounds of both contacts: no round twice, none lost")
  void mergesRacingRoundsOnTwoInstances() throws Exception {
    Touchbase a = start("node-a", b -> {});
    Touchbase b = start("node-b", b2 -> {});
    int pairs = 60;
    for (int i = 1; i <= pairs; i++) {
      a.contacts().upsert(member("guest-" + i, phone(1000 + i)));
      a.contacts().upsert(member("user-" + i, phone(2000 + i)));
      a.cadences().enroll(id("guest-" + i), CADENCE);
      // Half the survivors walk the cadence too: their pair's absorbed enrollment must end.
      if (i % 2 == 0) {
        a.cadences().enroll(id("user-" + i), CADENCE);
      }
    }
    // Round 1 of every enrollment falls due at once; both instances start on it while merges run.
    clock.advance(Duration.ofDays(1));
    wake(a);
    wake(b);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Contact>> merges = new ArrayList<>();
      for (int i = 1; i <= pairs; i++) {
        int n = i;
        Touchbase via = i % 2 == 0 ? a : b;
        merges.add(CompletableFuture.supplyAsync(() -> via.contacts().merge(id("user-" + n), id("guest-" + n)), pool));
      }
      for (CompletableFuture<Contact> f : merges) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int day = 0; day < 10; day++) {
      idle(a);
      idle(b);
      clock.advance(Duration.ofDays(1));
    }
    idle(a);
    idle(b);

    List<OutboundMessage> all = Stream.concat(sms.sent().stream(), voice.sent().stream()).toList();
    assertThat(all).extracting(m -> m.dispatchId().value()).as("no dispatch sent twice").doesNotHaveDuplicates();
    for (int i = 1; i <= pairs; i++) {
      int pair = i;
      List<Enrollment> enrollments = a.cadences().enrollments(id("guest-" + i)).stream()
          .filter(e -> e.cadenceId().equals(CADENCE)).toList();
      Map<Long, List<Integer>> roundsSent = a.touchpoints().query(TouchpointQuery.builder().contact(id("user-" + i))
              .cadence(CADENCE).kind(TouchpointKind.SENT).build()).stream()
          .collect(Collectors.groupingBy(tp -> tp.enrollmentId().getAsLong(),
              Collectors.mapping(tp -> tp.round().getAsInt(), Collectors.toList())));
      if (i % 2 == 0) {
        assertThat(enrollments).hasSize(2);
        Enrollment ended = enrollments.get(0);
        Enrollment kept = enrollments.get(1);
        assertThat(ended.state()).isEqualTo(EnrollmentState.CANCELLED);
        assertThat(ended.exitReason()).hasValue("merged into user-" + i);
        assertThat(kept.state()).isEqualTo(EnrollmentState.COMPLETED);
        assertThat(roundsSent.get(kept.id().value())).as("pair %d: the survivor's rounds", i)
            .containsExactlyInAnyOrder(1, 2, 3);
        // The absorbed enrollment's round 1 went out only if it was sent before the merge.
        assertThat(roundsSent.getOrDefault(ended.id().value(), List.of())).isSubsetOf(1);
      } else {
        assertThat(enrollments).singleElement().satisfies(e -> {
          assertThat(e.state()).isEqualTo(EnrollmentState.COMPLETED);
          assertThat(e.contactId()).isEqualTo(id("user-" + pair));
        });
        assertThat(roundsSent.get(enrollments.get(0).id().value())).as("pair %d: the moved enrollment's rounds", i)
            .containsExactlyInAnyOrder(1, 2, 3);
      }
      assertThat(a.contacts().find(id("guest-" + i))).get().satisfies(k -> {
        assertThat(k.id()).isEqualTo(id("user-" + pair));
        assertThat(k.addresses()).containsExactly(Address.phone(phone(2000 + pair)));
      });
    }
    // Rounds after the merge go to the survivor's phone only.
    assertThat(sms.sent().stream().filter(m -> m.templateId().equals("renewal-2")))
        .allSatisfy(m -> assertThat(m.to().value()).startsWith("+86138000020"));
    List<String> absorbedIds = new ArrayList<>();
    for (int i = 1; i <= pairs; i++) {
      absorbedIds.add("guest-" + i);
    }
    assertNothingLeftUnder(absorbedIds);
  }

  /** Lets the scheduler look for due rounds now, without waiting for them. */
  private static void wake(Touchbase t) {
    t.unwrap(io.touchbase.core.EngineControl.class).orElseThrow().awaitIdle(Duration.ofMillis(1));
  }

  /** No row of any table is still stored under an absorbed id, and no wake-up is left. */
  private void assertNothingLeftUnder(List<String> absorbed) throws Exception {
    try (Connection c = connect()) {
      for (String table : List.of("tb_contact", "tb_contact_address", "tb_consent", "tb_enrollment", "tb_touchpoint",
          "tb_staff_task")) {
        try (var ps = c.prepareStatement("select count(*) from " + table + " where contact_id = any(?)")) {
          ps.setArray(1, c.createArrayOf("varchar", absorbed.toArray()));
          try (var rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).as("rows of %s under an absorbed id", table).isZero();
          }
        }
      }
      try (var rs = c.createStatement().executeQuery("select count(*) from scheduled_tasks")) {
        rs.next();
        assertThat(rs.getInt(1)).as("wake-ups left").isZero();
      }
    }
  }
}
