package io.touchbase.api.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.contact.Purpose;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CadenceDefinitionTest {

  private static Round round(String template) {
    return new Round(Wait.NONE, List.of("sms"), template, Map.of());
  }

  private static CadenceDefinition renewal() {
    return CadenceDefinition.builder("membership-renewal")
        .version(2)
        .purpose(Purpose.TRANSACTIONAL)
        .round(r -> r.channel("sms").template("renewal-1"))
        .round(
            r ->
                r.waitBetween(Duration.ofDays(5), Duration.ofDays(7))
                    .channels("wechat", "sms")
                    .template("renewal-2")
                    .variable("offer", "10-off"))
        .round(r -> r.waitFor(Duration.ofDays(2)).channel("voice").template("renewal-call"))
        .exitOn("membership.renewed")
        .exitOn("membership.cancelled")
        .reentry(ReentryPolicy.NEVER)
        .build();
  }

  @Test
  void builderKeepsEveryValue() {
    CadenceDefinition c = renewal();
    assertThat(c.id()).isEqualTo("membership-renewal");
    assertThat(c.version()).isEqualTo(2);
    assertThat(c.purpose()).isEqualTo(Purpose.TRANSACTIONAL);
    assertThat(c.rounds()).extracting(Round::template)
        .containsExactly("renewal-1", "renewal-2", "renewal-call");
    assertThat(c.rounds().get(1).delay()).isEqualTo(Wait.between(Duration.ofDays(5), Duration.ofDays(7)));
    assertThat(c.rounds().get(1).channels()).containsExactly("wechat", "sms");
    assertThat(c.rounds().get(1).variables()).containsOnly(Map.entry("offer", "10-off"));
    assertThat(c.goals()).containsExactlyInAnyOrder("membership.renewed", "membership.cancelled");
    assertThat(c.reentry()).isEqualTo(ReentryPolicy.NEVER);
  }

  @Test
  void builderDefaults() {
    CadenceDefinition c = CadenceDefinition.builder("c1").round(round("t1")).build();
    assertThat(c.version()).isEqualTo(1);
    assertThat(c.purpose()).isEqualTo(Purpose.MARKETING);
    assertThat(c.reentry()).isEqualTo(ReentryPolicy.AFTER_EXIT);
    assertThat(c.goals()).isEmpty();
    assertThat(c.rounds().get(0).delay()).isEqualTo(Wait.NONE);
  }

  @Test
  void roundsMustNotBeEmpty() {
    assertThatThrownBy(() -> CadenceDefinition.builder("c1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cadence.rounds must not be empty: cadence 'c1' needs at least one round");
  }

  @Test
  void invalidRoundSpecFailsWithItsPath() {
    CadenceDefinition.Builder b =
        CadenceDefinition.builder("c1").round(r -> r.channel("sms").template("t1"));
    assertThatThrownBy(
            () -> b.round(r -> r.waitFor(Duration.ofDays(-1)).channel("sms").template("t2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rounds[1].delay.duration must not be negative, but was PT-24H")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void roundSpecErrorsNameFieldsInsideTheRound() {
    assertThatThrownBy(() -> CadenceDefinition.builder("c1").round(r -> r.template("t1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rounds[0].channels must not be empty: name at least one channel");
    assertThatThrownBy(() -> CadenceDefinition.builder("c1").round(r -> r.channel("sms")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rounds[0].template must not be null")
        .hasCauseInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> CadenceDefinition.builder("c1").round(r -> r.channels("sms", null).template("t")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rounds[0].channels[1] must not be null");
    assertThatThrownBy(
            () ->
                CadenceDefinition.builder("c1")
                    .round(r -> r.waitBetween(Duration.ofDays(7), Duration.ofDays(5))
                        .channel("sms").template("t")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rounds[0].delay.max must not be less than");
  }

  @Test
  void invalidRoundSpecAddsNoRound() {
    CadenceDefinition.Builder b = CadenceDefinition.builder("c1");
    assertThatThrownBy(() -> b.round(r -> r.template("t1"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(b::build).hasMessageStartingWith("cadence.rounds must not be empty");
  }

  @Test
  void nullRoundIsNamedByItsIndex() {
    assertThatThrownBy(() -> CadenceDefinition.builder("c1").round(round("t1")).round((Round) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rounds[1] must not be null");
    List<Round> rounds = Arrays.asList(round("t1"), null);
    assertThatThrownBy(
            () -> new CadenceDefinition("c1", 1, Purpose.MARKETING, rounds, Set.of(), ReentryPolicy.NEVER))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rounds[1] must not be null");
  }

  @Test
  void constructorNamesEveryInvalidComponent() {
    List<Round> rounds = List.of(round("t1"));
    assertThatThrownBy(
            () -> new CadenceDefinition(null, 1, Purpose.MARKETING, rounds, Set.of(), ReentryPolicy.NEVER))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cadence.id must not be null");
    assertThatThrownBy(
            () -> new CadenceDefinition(" ", 1, Purpose.MARKETING, rounds, Set.of(), ReentryPolicy.NEVER))
        .hasMessage("cadence.id must not be blank");
    assertThatThrownBy(
            () -> new CadenceDefinition("bad id", 1, Purpose.MARKETING, rounds, Set.of(), ReentryPolicy.NEVER))
        .hasMessageStartingWith("cadence.id must start with a letter or digit");
    assertThatThrownBy(
            () -> new CadenceDefinition("c1", 0, Purpose.MARKETING, rounds, Set.of(), ReentryPolicy.NEVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cadence.version must be greater than 0, but was 0");
    assertThatThrownBy(() -> new CadenceDefinition("c1", 1, null, rounds, Set.of(), ReentryPolicy.NEVER))
        .hasMessage("cadence.purpose must not be null");
    assertThatThrownBy(
            () -> new CadenceDefinition("c1", 1, Purpose.MARKETING, null, Set.of(), ReentryPolicy.NEVER))
        .hasMessage("cadence.rounds must not be null");
    assertThatThrownBy(
            () -> new CadenceDefinition("c1", 1, Purpose.MARKETING, rounds, null, ReentryPolicy.NEVER))
        .hasMessage("cadence.goals must not be null");
    assertThatThrownBy(
            () -> new CadenceDefinition("c1", 1, Purpose.MARKETING, rounds, Set.of("bad goal"),
                ReentryPolicy.NEVER))
        .hasMessageStartingWith("cadence.goals[] must start with a letter or digit");
    assertThatThrownBy(() -> new CadenceDefinition("c1", 1, Purpose.MARKETING, rounds, Set.of(), null))
        .hasMessage("cadence.reentry must not be null");
  }

  @Test
  void builderRejectsAnInvalidGoalAtOnce() {
    assertThatThrownBy(() -> CadenceDefinition.builder("c1").exitOn("renewed!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("goal must start with a letter or digit");
  }

  @Test
  void builderVersionIsCheckedByBuild() {
    CadenceDefinition.Builder b = CadenceDefinition.builder("c1").round(round("t1")).version(-1);
    assertThatThrownBy(b::build).hasMessage("cadence.version must be greater than 0, but was -1");
  }

  @Test
  void roundIsOneBased() {
    CadenceDefinition c = renewal();
    assertThat(c.round(1).template()).isEqualTo("renewal-1");
    assertThat(c.round(3).template()).isEqualTo("renewal-call");
    assertThatThrownBy(() -> c.round(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("round must be between 1 and 3, but was 0");
    assertThatThrownBy(() -> c.round(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("round must be between 1 and 3, but was 4");
  }

  @Test
  void toBuilderRoundTripsAndMakesTheNextVersion() {
    CadenceDefinition c = renewal();
    assertThat(c.toBuilder().build()).isEqualTo(c);

    CadenceDefinition next = c.toBuilder().version(3).round(round("renewal-4")).build();
    assertThat(next.version()).isEqualTo(3);
    assertThat(next.rounds()).hasSize(4);
    assertThat(next.goals()).isEqualTo(c.goals());
    assertThat(next.purpose()).isEqualTo(c.purpose());
    assertThat(next.reentry()).isEqualTo(c.reentry());
    assertThat(c.version()).isEqualTo(2);
    assertThat(c.rounds()).hasSize(3);
  }

  @Test
  void roundsAndGoalsAreUnmodifiableCopies() {
    List<Round> rounds = new ArrayList<>(List.of(round("t1")));
    Set<String> goals = new LinkedHashSet<>(Set.of("order.paid"));
    CadenceDefinition c =
        new CadenceDefinition("c1", 1, Purpose.MARKETING, rounds, goals, ReentryPolicy.AFTER_EXIT);
    rounds.add(round("t2"));
    goals.add("order.refunded");

    assertThat(c.rounds()).hasSize(1);
    assertThat(c.goals()).containsExactly("order.paid");
    assertThatThrownBy(() -> c.rounds().add(round("t3")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.goals().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builtDefinitionDoesNotChangeWithItsBuilder() {
    CadenceDefinition.Builder b = CadenceDefinition.builder("c1").round(round("t1"));
    CadenceDefinition c = b.build();
    b.round(round("t2")).exitOn("order.paid");
    assertThat(c.rounds()).hasSize(1);
    assertThat(c.goals()).isEmpty();
  }
}
