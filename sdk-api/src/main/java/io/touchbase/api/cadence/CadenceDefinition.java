package io.touchbase.api.cadence;

import io.touchbase.api.contact.Purpose;
import io.touchbase.api.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A versioned multi-round cadence: its purpose, its rounds, the goal events that end it as
 * converted, and whether a contact may walk it again. Immutable.
 *
 * <pre>{@code
 * CadenceDefinition renewal = CadenceDefinition.builder("membership-renewal")
 *     .purpose(Purpose.MARKETING)
 *     .round(r -> r.channel("sms").template("renewal-1"))
 *     .round(r -> r.waitBetween(Duration.ofDays(5), Duration.ofDays(7)).channel("sms").template("renewal-2"))
 *     .round(r -> r.waitFor(Duration.ofDays(2)).channel("voice").template("renewal-call"))
 *     .exitOn("membership.renewed")
 *     .build();
 * }</pre>
 *
 * <p>Errors name the field with its path, rounds counted from 0: {@code rounds[1].delay.duration}.
 *
 * @param id stable id, e.g. {@code membership-renewal}
 * @param version version number; enrollments keep the version they started with
 * @param purpose transactional or marketing; marketing needs consent and respects quiet hours
 * @param rounds the rounds, at least one
 * @param goals event names that end an enrollment as converted
 * @param reentry whether a contact may walk the cadence again
 */
public record CadenceDefinition(
    String id,
    int version,
    Purpose purpose,
    List<Round> rounds,
    Set<String> goals,
    ReentryPolicy reentry) {

  public CadenceDefinition {
    Checks.name(id, "cadence.id");
    Checks.positive(version, "cadence.version");
    Checks.notNull(purpose, "cadence.purpose");
    Checks.notNull(rounds, "cadence.rounds");
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException(
          "cadence.rounds must not be empty: cadence '" + id + "' needs at least one round");
    }
    for (int i = 0; i < rounds.size(); i++) {
      Checks.notNull(rounds.get(i), "rounds[" + i + "]");
    }
    rounds = List.copyOf(rounds);
    Checks.notNull(goals, "cadence.goals");
    for (String goal : goals) {
      Checks.name(goal, "cadence.goals[]");
    }
    goals = Set.copyOf(goals);
    Checks.notNull(reentry, "cadence.reentry");
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding this definition's values, e.g. to make the next version. */
  public Builder toBuilder() {
    Builder b = new Builder(id).version(version).purpose(purpose).reentry(reentry);
    b.rounds.addAll(rounds);
    b.goals.addAll(goals);
    return b;
  }

  /** The round with the given 1-based number. */
  public Round round(int number) {
    if (number < 1 || number > rounds.size()) {
      throw new IllegalArgumentException(
          "round must be between 1 and " + rounds.size() + ", but was " + number);
    }
    return rounds.get(number - 1);
  }

  /** Builds a {@link CadenceDefinition}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private int version = 1;
    private Purpose purpose = Purpose.MARKETING;
    private final List<Round> rounds = new ArrayList<>();
    private final Set<String> goals = new LinkedHashSet<>();
    private ReentryPolicy reentry = ReentryPolicy.AFTER_EXIT;

    private Builder(String id) {
      this.id = id;
    }

    /** The version, 1 unless set. */
    public Builder version(int version) {
      this.version = version;
      return this;
    }

    /** The purpose, {@link Purpose#MARKETING} unless set (the stricter rules apply by default). */
    public Builder purpose(Purpose purpose) {
      this.purpose = purpose;
      return this;
    }

    /** Appends a round. */
    public Builder round(Round round) {
      rounds.add(Checks.notNull(round, "rounds[" + rounds.size() + "]"));
      return this;
    }

    /**
     * Appends a round described by {@code spec}; an invalid round fails here with its path, e.g.
     * {@code rounds[1].delay.duration must not be negative}.
     */
    public Builder round(Consumer<Round.Builder> spec) {
      Checks.notNull(spec, "round spec");
      int index = rounds.size();
      try {
        Round.Builder b = Round.builder();
        spec.accept(b);
        rounds.add(b.build());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("rounds[" + index + "]." + e.getMessage(), e);
      } catch (NullPointerException e) {
        // Our checks say "<field> must not be null"; any other NPE is a bug in the spec itself.
        if (e.getMessage() == null || !e.getMessage().endsWith("must not be null")) {
          throw e;
        }
        throw new IllegalArgumentException("rounds[" + index + "]." + e.getMessage(), e);
      }
      return this;
    }

    /** Adds a goal: recording this host event ends an enrollment as converted. */
    public Builder exitOn(String eventName) {
      goals.add(Checks.name(eventName, "goal"));
      return this;
    }

    public Builder reentry(ReentryPolicy reentry) {
      this.reentry = reentry;
      return this;
    }

    public CadenceDefinition build() {
      return new CadenceDefinition(id, version, purpose, rounds, goals, reentry);
    }
  }
}
