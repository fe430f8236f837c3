package io.touchbase.api.task;

import io.touchbase.api.internal.Checks;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a cadence does after each outcome of a staff call on one round. Set it with {@code
 * Round.Builder.callPolicy(..)}; rounds without one use {@link #DEFAULT}:
 *
 * <ul>
 *   <li>{@code NO_ANSWER}, {@code BUSY}: {@link Action#RETRY}, up to {@value #DEFAULT_MAX_ATTEMPTS}
 *       attempts in total, at least {@link #DEFAULT_RETRY_AFTER} apart;
 *   <li>{@code CALL_BACK}: {@link Action#RETRY} at the time the contact asked for; it counts as an
 *       attempt, so a call-back asked for on the last attempt is not made;
 *   <li>{@code ANSWERED}: {@link Action#MOVE_ON} to the next round;
 *   <li>{@code WRONG_NUMBER}: {@link Action#FALL_BACK} to the round's next channel, or move on;
 *   <li>{@code REFUSED}: {@link Action#STOP}; a marketing cadence also records a phone opt-out;
 *   <li>attempts used up: {@link #whenExhausted()}, {@link Action#MOVE_ON}.
 * </ul>
 *
 * <p>{@code CONVERTED} takes no action: it always ends the enrollment as converted, as a goal
 * event does.
 *
 * <pre>{@code
 * .round(r -> r.waitFor(Duration.ofDays(2)).channels("agent-call", "sms").template("renewal-call")
 *     .callPolicy(CallPolicy.builder().maxAttempts(2).retryAfter(Duration.ofHours(6))
 *         .on(CallResult.NO_ANSWER, CallPolicy.Action.RETRY).whenExhausted(CallPolicy.Action.FALL_BACK).build()))
 * }</pre>
 *
 * @param maxAttempts calls per round and staff channel, call-backs included; 1 to {@value
 *     #MAX_ATTEMPTS_LIMIT}
 * @param retryAfter the least time between the end of one call and the next attempt
 * @param actions the action per result; every result but {@code CONVERTED} has one (missing ones
 *     take the default)
 * @param whenExhausted what follows a result that asks for a retry when no attempt is left
 */
public record CallPolicy(
    int maxAttempts, Duration retryAfter, Map<CallResult, Action> actions, Action whenExhausted) {

  /** Attempts per round unless set. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  /** The highest {@link #maxAttempts()} accepted. */
  public static final int MAX_ATTEMPTS_LIMIT = 20;
  /** Least time between attempts unless set. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofHours(4);

  /** The policy of rounds that set none. */
  public static final CallPolicy DEFAULT =
      new CallPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_AFTER, defaultActions(), Action.MOVE_ON);

  /** What follows a call. */
  public enum Action {
    /**
     * Call again: {@link #retryAfter()} later, or at the requested time for {@code CALL_BACK}.
     * Only for {@code NO_ANSWER}, {@code BUSY} and {@code CALL_BACK}.
     */
    RETRY,
    /** Carry the round on its next channel (an SMS, say); move on when no channel is left. */
    FALL_BACK,
    /** Go on to the next round, or finish the cadence after the last. */
    MOVE_ON,
    /** End the enrollment as cancelled. */
    STOP
  }

  public CallPolicy {
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new IllegalArgumentException(
          "callPolicy.maxAttempts must be between 1 and " + MAX_ATTEMPTS_LIMIT + ", but was " + maxAttempts);
    }
    Checks.positive(retryAfter, "callPolicy.retryAfter");
    Checks.notNull(actions, "callPolicy.actions");
    Checks.notNull(whenExhausted, "callPolicy.whenExhausted");
    Map<CallResult, Action> all = new EnumMap<>(CallResult.class);
    all.putAll(defaultActions());
    for (Map.Entry<CallResult, Action> e : actions.entrySet()) {
      CallResult result = Checks.notNull(e.getKey(), "callPolicy.actions key");
      Action action = Checks.notNull(e.getValue(), "callPolicy.actions[" + result + "]");
      if (result == CallResult.CONVERTED) {
        throw new IllegalArgumentException(
            "callPolicy.actions[CONVERTED] can not be set: a conversion always ends the enrollment as converted");
      }
      if (action == Action.RETRY && !retryable(result)) {
        throw new IllegalArgumentException(
            "callPolicy.actions[" + result + "] must not be RETRY: only NO_ANSWER, BUSY and CALL_BACK are retried");
      }
      all.put(result, action);
    }
    if (whenExhausted == Action.RETRY) {
      throw new IllegalArgumentException("callPolicy.whenExhausted must not be RETRY: no attempt is left");
    }
    actions = Map.copyOf(all);
  }

  /**
   * What follows {@code result}.
   *
   * @throws IllegalArgumentException for {@code CONVERTED}, which always converts the enrollment
   */
  public Action actionFor(CallResult result) {
    Checks.notNull(result, "result");
    if (result == CallResult.CONVERTED) {
      throw new IllegalArgumentException("result CONVERTED has no action: it always converts the enrollment");
    }
    return actions.get(result);
  }

  public static Builder builder() {
    return new Builder(DEFAULT);
  }

  /** A builder holding this policy's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  private static boolean retryable(CallResult r) {
    return r == CallResult.NO_ANSWER || r == CallResult.BUSY || r == CallResult.CALL_BACK;
  }

  private static Map<CallResult, Action> defaultActions() {
    Map<CallResult, Action> m = new EnumMap<>(CallResult.class);
    m.put(CallResult.ANSWERED, Action.MOVE_ON);
    m.put(CallResult.NO_ANSWER, Action.RETRY);
    m.put(CallResult.BUSY, Action.RETRY);
    m.put(CallResult.CALL_BACK, Action.RETRY);
    m.put(CallResult.WRONG_NUMBER, Action.FALL_BACK);
    m.put(CallResult.REFUSED, Action.STOP);
    return m;
  }

  /** Builds a {@link CallPolicy}, starting from {@link #DEFAULT}. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts;
    private Duration retryAfter;
    private final Map<CallResult, Action> actions = new EnumMap<>(CallResult.class);
    private Action whenExhausted;

    private Builder(CallPolicy base) {
      this.maxAttempts = base.maxAttempts;
      this.retryAfter = base.retryAfter;
      this.actions.putAll(base.actions);
      this.whenExhausted = base.whenExhausted;
    }

    /** Calls per round and staff channel, call-backs included; {@value CallPolicy#DEFAULT_MAX_ATTEMPTS} unless set. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Least time between the end of a call and the next attempt; {@link CallPolicy#DEFAULT_RETRY_AFTER} unless set. */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    /** What follows {@code result}. */
    public Builder on(CallResult result, Action action) {
      actions.put(Checks.notNull(result, "callPolicy.actions key"), action);
      return this;
    }

    /** What follows a retry-asking result when no attempt is left; {@link Action#MOVE_ON} unless set. */
    public Builder whenExhausted(Action action) {
      this.whenExhausted = action;
      return this;
    }

    /** @throws IllegalArgumentException naming the field, e.g. {@code callPolicy.maxAttempts} */
    public CallPolicy build() {
      return new CallPolicy(maxAttempts, retryAfter, actions, whenExhausted);
    }
  }
}
