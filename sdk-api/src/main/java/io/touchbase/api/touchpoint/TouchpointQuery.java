package io.touchbase.api.touchpoint;

import io.touchbase.api.contact.ContactId;
import io.touchbase.api.internal.Checks;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Filters for {@link Touchpoints#query(TouchpointQuery)}; every filter is optional and they
 * combine with AND. Results come in the order recorded, oldest first.
 *
 * @param contactId only this contact's touchpoints
 * @param cadenceId only touchpoints of enrollments in this cadence
 * @param round only this 1-based round (needs {@code cadenceId})
 * @param kinds only these kinds; empty means all
 * @param from only touchpoints that occurred at or after this instant
 * @param until only touchpoints that occurred before this instant
 * @param limit at most this many, {@link #DEFAULT_LIMIT} unless set
 */
public record TouchpointQuery(
    Optional<ContactId> contactId,
    Optional<String> cadenceId,
    OptionalInt round,
    Set<TouchpointKind> kinds,
    Optional<Instant> from,
    Optional<Instant> until,
    int limit) {

  public static final int DEFAULT_LIMIT = 1_000;
  public static final int MAX_LIMIT = 100_000;

  public TouchpointQuery {
    Checks.notNull(contactId, "query.contactId");
    Checks.notNull(cadenceId, "query.cadenceId");
    Checks.notNull(round, "query.round");
    Checks.notNull(from, "query.from");
    Checks.notNull(until, "query.until");
    Checks.notNull(kinds, "query.kinds");
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    if (round.isPresent() && cadenceId.isEmpty()) {
      throw new IllegalArgumentException("query.round needs query.cadenceId");
    }
    if (round.isPresent()) {
      Checks.positive(round.getAsInt(), "query.round");
    }
    if (limit <= 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "query.limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TouchpointQuery}. Not thread-safe. */
  public static final class Builder {
    private ContactId contactId;
    private String cadenceId;
    private Integer round;
    private final Set<TouchpointKind> kinds = EnumSet.noneOf(TouchpointKind.class);
    private Instant from;
    private Instant until;
    private int limit = DEFAULT_LIMIT;

    private Builder() {}

    public Builder contact(ContactId id) {
      this.contactId = Checks.notNull(id, "contactId");
      return this;
    }

    public Builder cadence(String cadenceId) {
      this.cadenceId = Checks.name(cadenceId, "cadenceId");
      return this;
    }

    public Builder round(int round) {
      this.round = Checks.positive(round, "round");
      return this;
    }

    public Builder kind(TouchpointKind kind) {
      kinds.add(Checks.notNull(kind, "kind"));
      return this;
    }

    public Builder kinds(Set<TouchpointKind> kinds) {
      kinds.forEach(this::kind);
      return this;
    }

    public Builder from(Instant from) {
      this.from = Checks.notNull(from, "from");
      return this;
    }

    public Builder until(Instant until) {
      this.until = Checks.notNull(until, "until");
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public TouchpointQuery build() {
      return new TouchpointQuery(
          Optional.ofNullable(contactId),
          Optional.ofNullable(cadenceId),
          round == null ? OptionalInt.empty() : OptionalInt.of(round),
          kinds,
          Optional.ofNullable(from),
          Optional.ofNullable(until),
          limit);
    }
  }
}
