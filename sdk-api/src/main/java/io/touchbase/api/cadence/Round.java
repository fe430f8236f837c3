package io.touchbase.api.cadence;

import io.touchbase.api.internal.Checks;
import io.touchbase.api.task.CallPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a cadence: wait, then send a template on a channel. When several channels are
 * listed they are tried in order: the first that can reach the contact (address present, consent
 * given) carries the round, and a send that fails permanently falls back to the next.
 *
 * <p>A channel bound to the {@code staff-call} provider makes the round a task for a person: the
 * engine creates a staff task, the host completes it with a call outcome, and {@code callPolicy}
 * says what follows. Channels of other kinds ignore the policy.
 *
 * @param delay how long to wait after the previous round (or after enrolment, for round 1)
 * @param channels configured channel names, in order of preference; at least one
 * @param template the template id to render
 * @param variables round-specific template variables; they override contact attributes
 * @param callPolicy what follows each outcome of a staff call on this round; {@link
 *     CallPolicy#DEFAULT} unless set
 */
public record Round(
    Wait delay, List<String> channels, String template, Map<String, String> variables, CallPolicy callPolicy) {

  /** A round with the default {@link CallPolicy}. */
  public Round(Wait delay, List<String> channels, String template, Map<String, String> variables) {
    this(delay, channels, template, variables, CallPolicy.DEFAULT);
  }

  public Round {
    Checks.notNull(delay, "delay");
    Checks.notNull(channels, "channels");
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("channels must not be empty: name at least one channel");
    }
    for (int i = 0; i < channels.size(); i++) {
      Checks.name(channels.get(i), "channels[" + i + "]");
    }
    if (channels.stream().distinct().count() != channels.size()) {
      throw new IllegalArgumentException("channels must not repeat a channel, but was " + channels);
    }
    channels = List.copyOf(channels);
    Checks.name(template, "template");
    Checks.notNull(variables, "variables");
    variables.forEach(
        (k, v) -> {
          Checks.name(k, "variables key");
          Checks.notNull(v, "variables[" + k + "]");
        });
    variables = Map.copyOf(variables);
    Checks.notNull(callPolicy, "callPolicy");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Round}. Not thread-safe. */
  public static final class Builder {
    private Wait delay = Wait.NONE;
    private final List<String> channels = new ArrayList<>();
    private String template;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private CallPolicy callPolicy = CallPolicy.DEFAULT;

    private Builder() {}

    public Builder delay(Wait delay) {
      this.delay = delay;
      return this;
    }

    /** A fixed wait. */
    public Builder waitFor(Duration duration) {
      return delay(Wait.fixed(duration));
    }

    /** A random wait between {@code min} and {@code max}. */
    public Builder waitBetween(Duration min, Duration max) {
      return delay(Wait.between(min, max));
    }

    /** Adds a channel; the first added is preferred. */
    public Builder channel(String channel) {
      channels.add(channel);
      return this;
    }

    /** Adds channels in order of preference. */
    public Builder channels(String... channels) {
      for (String c : channels) {
        channel(c);
      }
      return this;
    }

    public Builder template(String template) {
      this.template = template;
      return this;
    }

    public Builder variable(String name, String value) {
      variables.put(name, value);
      return this;
    }

    /** What follows each outcome of a staff call on this round; {@link CallPolicy#DEFAULT} unless set. */
    public Builder callPolicy(CallPolicy callPolicy) {
      this.callPolicy = callPolicy;
      return this;
    }

    public Round build() {
      return new Round(delay, channels, template, variables, callPolicy);
    }
  }
}
