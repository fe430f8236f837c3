package io.touchbase.api.touchpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.contact.ContactId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TouchpointQueryTest {
  private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant UNTIL = Instant.parse("2025-02-01T00:00:00Z");

  private static TouchpointQuery query(OptionalInt round, Optional<String> cadence, int limit) {
    return new TouchpointQuery(
        Optional.empty(), cadence, round, Set.of(), Optional.empty(), Optional.empty(), limit);
  }

  @Test
  void emptyBuilderMatchesEverythingUpToTheDefaultLimit() {
    TouchpointQuery q = TouchpointQuery.builder().build();
    assertThat(q.contactId()).isEmpty();
    assertThat(q.cadenceId()).isEmpty();
    assertThat(q.round()).isEmpty();
    assertThat(q.kinds()).isEmpty();
    assertThat(q.from()).isEmpty();
    assertThat(q.until()).isEmpty();
    assertThat(q.limit()).isEqualTo(TouchpointQuery.DEFAULT_LIMIT).isEqualTo(1_000);
  }

  @Test
  void builderSetsEveryFilter() {
    TouchpointQuery q =
        TouchpointQuery.builder()
            .contact(ContactId.of("u1"))
            .cadence("renewal")
            .round(2)
            .kind(TouchpointKind.SENT)
            .kinds(Set.of(TouchpointKind.DELIVERED, TouchpointKind.FAILED))
            .from(FROM)
            .until(UNTIL)
            .limit(50)
            .build();
    assertThat(q.contactId()).contains(ContactId.of("u1"));
    assertThat(q.cadenceId()).contains("renewal");
    assertThat(q.round()).hasValue(2);
    assertThat(q.kinds())
        .containsExactlyInAnyOrder(TouchpointKind.SENT, TouchpointKind.DELIVERED, TouchpointKind.FAILED);
    assertThat(q.from()).contains(FROM);
    assertThat(q.until()).contains(UNTIL);
    assertThat(q.limit()).isEqualTo(50);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 100_001, Integer.MAX_VALUE})
  void limitOutsideOneToMaxIsRejected(int limit) {
    assertThatThrownBy(() -> TouchpointQuery.builder().limit(limit).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query.limit must be between 1 and 100000, but was " + limit);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, TouchpointQuery.MAX_LIMIT})
  void limitBoundsAreAccepted(int limit) {
    assertThat(TouchpointQuery.builder().limit(limit).build().limit()).isEqualTo(limit);
  }

  @Test
  void roundNeedsACadence() {
    assertThatThrownBy(() -> TouchpointQuery.builder().round(1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query.round needs query.cadenceId");
    assertThatThrownBy(() -> query(OptionalInt.of(1), Optional.empty(), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query.round needs query.cadenceId");
  }

  @Test
  void roundMustBePositive() {
    assertThatThrownBy(() -> TouchpointQuery.builder().cadence("renewal").round(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("round must be greater than 0, but was 0");
    assertThatThrownBy(() -> query(OptionalInt.of(0), Optional.of("renewal"), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query.round must be greater than 0, but was 0");
  }

  @Test
  void builderValidatesItsArguments() {
    TouchpointQuery.Builder b = TouchpointQuery.builder();
    assertThatThrownBy(() -> b.contact(null)).hasMessage("contactId must not be null");
    assertThatThrownBy(() -> b.cadence("bad id"))
        .hasMessageStartingWith("cadenceId must start with a letter or digit");
    assertThatThrownBy(() -> b.kind(null)).hasMessage("kind must not be null");
    assertThatThrownBy(() -> b.from(null)).hasMessage("from must not be null");
    assertThatThrownBy(() -> b.until(null)).hasMessage("until must not be null");
  }

  @Test
  void constructorNamesNullComponents() {
    Optional<ContactId> c = Optional.empty();
    Optional<String> s = Optional.empty();
    OptionalInt r = OptionalInt.empty();
    Optional<Instant> t = Optional.empty();
    Set<TouchpointKind> k = Set.of();
    assertThatThrownBy(() -> new TouchpointQuery(null, s, r, k, t, t, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("query.contactId must not be null");
    assertThatThrownBy(() -> new TouchpointQuery(c, null, r, k, t, t, 1))
        .hasMessage("query.cadenceId must not be null");
    assertThatThrownBy(() -> new TouchpointQuery(c, s, null, k, t, t, 1))
        .hasMessage("query.round must not be null");
    assertThatThrownBy(() -> new TouchpointQuery(c, s, r, k, null, t, 1))
        .hasMessage("query.from must not be null");
    assertThatThrownBy(() -> new TouchpointQuery(c, s, r, k, t, null, 1))
        .hasMessage("query.until must not be null");
  }

  @Test
  void kindsAreAnUnmodifiableCopy() {
    Set<TouchpointKind> kinds = EnumSet.of(TouchpointKind.SENT);
    TouchpointQuery q =
        new TouchpointQuery(Optional.empty(), Optional.empty(), OptionalInt.empty(), kinds,
            Optional.empty(), Optional.empty(), 10);
    kinds.add(TouchpointKind.FAILED);
    assertThat(q.kinds()).containsExactly(TouchpointKind.SENT);
    assertThatThrownBy(() -> q.kinds().add(TouchpointKind.FAILED))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> TouchpointQuery.builder().build().kinds().add(TouchpointKind.SENT))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builtQueryDoesNotChangeWithItsBuilder() {
    TouchpointQuery.Builder b = TouchpointQuery.builder().kind(TouchpointKind.SENT);
    TouchpointQuery q = b.build();
    b.kind(TouchpointKind.FAILED);
    assertThat(q.kinds()).containsExactly(TouchpointKind.SENT);
  }
}
