package io.touchbase.api.task;

import io.touchbase.api.contact.ContactId;
import io.touchbase.api.internal.Checks;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Filters for {@link StaffTasks#list(StaffTaskQuery)}; every filter is optional and they combine
 * with AND. Results come earliest due first, then in the order created.
 *
 * <pre>{@code
 * StaffTaskQuery.builder().queue("renewals").state(StaffTaskState.OPEN).dueBefore(Instant.now()).build()
 * }</pre>
 *
 * @param queue only tasks of this queue
 * @param states only tasks in these states; empty means all
 * @param claimedBy only tasks claimed (or completed) by this agent
 * @param contactId only this contact's tasks
 * @param dueBefore only tasks due at or before this instant
 * @param limit at most this many, {@link #DEFAULT_LIMIT} unless set
 */
public record StaffTaskQuery(
    Optional<String> queue,
    Set<StaffTaskState> states,
    Optional<String> claimedBy,
    Optional<ContactId> contactId,
    Optional<Instant> dueBefore,
    int limit) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 10_000;

  public StaffTaskQuery {
    Checks.notNull(queue, "query.queue");
    queue.ifPresent(q -> Checks.name(q, "query.queue"));
    Checks.notNull(states, "query.states");
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    Checks.notNull(claimedBy, "query.claimedBy");
    claimedBy.ifPresent(a -> Checks.name(a, "query.claimedBy"));
    Checks.notNull(contactId, "query.contactId");
    Checks.notNull(dueBefore, "query.dueBefore");
    if (limit <= 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "query.limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link StaffTaskQuery}. Not thread-safe. */
  public static final class Builder {
    private String queue;
    private final Set<StaffTaskState> states = EnumSet.noneOf(StaffTaskState.class);
    private String claimedBy;
    private ContactId contactId;
    private Instant dueBefore;
    private int limit = DEFAULT_LIMIT;

    private Builder() {}

    public Builder queue(String queue) {
      this.queue = Checks.name(queue, "queue");
      return this;
    }

    /** Adds a state to match; several states match any of them. */
    public Builder state(StaffTaskState state) {
      states.add(Checks.notNull(state, "state"));
      return this;
    }

    public Builder states(Set<StaffTaskState> states) {
      Checks.notNull(states, "states").forEach(this::state);
      return this;
    }

    public Builder claimedBy(String agent) {
      this.claimedBy = Checks.name(agent, "claimedBy");
      return this;
    }

    public Builder contact(ContactId contactId) {
      this.contactId = Checks.notNull(contactId, "contactId");
      return this;
    }

    /** Only tasks due at or before {@code instant}. */
    public Builder dueBefore(Instant instant) {
      this.dueBefore = Checks.notNull(instant, "dueBefore");
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public StaffTaskQuery build() {
      return new StaffTaskQuery(
          Optional.ofNullable(queue),
          states,
          Optional.ofNullable(claimedBy),
          Optional.ofNullable(contactId),
          Optional.ofNullable(dueBefore),
          limit);
    }
  }
}
