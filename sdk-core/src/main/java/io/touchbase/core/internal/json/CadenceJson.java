package io.touchbase.core.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.ReentryPolicy;
import io.touchbase.api.cadence.Round;
import io.touchbase.api.cadence.Wait;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.task.CallPolicy;
import io.touchbase.api.task.CallResult;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stores cadence definitions as JSON so enrollments keep their version across restarts. The
 * shape is explicit (not reflective) so the public records can evolve without breaking stored
 * rows.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class CadenceJson {
  private final JsonCodec codec;

  public CadenceJson(JsonCodec codec) {
    this.codec = codec;
  }

  record WaitDoc(String type, Duration duration, Duration min, Duration max, LocalTime time) {}

  /** A round's call policy; absent (null) for the default, so older documents read as they were written. */
  record CallPolicyDoc(int maxAttempts, Duration retryAfter, Map<String, String> actions, String whenExhausted) {}

  record RoundDoc(
      WaitDoc delay,
      List<String> channels,
      String template,
      Map<String, String> variables,
      @JsonInclude(JsonInclude.Include.NON_NULL) CallPolicyDoc callPolicy) {}

  record CadenceDoc(
      String id, int version, String purpose, List<RoundDoc> rounds, List<String> goals, String reentry) {}

  public String write(CadenceDefinition d) {
    List<RoundDoc> rounds =
        d.rounds().stream()
            .map(r -> new RoundDoc(wait(r.delay()), r.channels(), r.template(), new TreeMap<>(r.variables()),
                policy(r.callPolicy())))
            .toList();
    return codec.write(
        new CadenceDoc(
            d.id(),
            d.version(),
            d.purpose().name(),
            rounds,
            d.goals().stream().sorted().toList(),
            d.reentry().name()));
  }

  public CadenceDefinition read(String json) {
    try {
      CadenceDoc doc = codec.mapper().readValue(json, CadenceDoc.class);
      List<Round> rounds =
          doc.rounds().stream()
              .map(r -> new Round(wait(r.delay()), r.channels(), r.template(), r.variables(), policy(r.callPolicy())))
              .toList();
      return new CadenceDefinition(
          doc.id(),
          doc.version(),
          Purpose.valueOf(doc.purpose()),
          rounds,
          Set.copyOf(doc.goals()),
          ReentryPolicy.valueOf(doc.reentry()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored cadence definition is not valid JSON", e);
    }
  }

  private static CallPolicyDoc policy(CallPolicy p) {
    if (p.equals(CallPolicy.DEFAULT)) {
      return null;
    }
    Map<String, String> actions = new TreeMap<>();
    p.actions().forEach((result, action) -> actions.put(result.name(), action.name()));
    return new CallPolicyDoc(p.maxAttempts(), p.retryAfter(), actions, p.whenExhausted().name());
  }

  private static CallPolicy policy(CallPolicyDoc d) {
    if (d == null) {
      return CallPolicy.DEFAULT;
    }
    Map<CallResult, CallPolicy.Action> actions = new EnumMap<>(CallResult.class);
    d.actions().forEach((result, action) -> actions.put(CallResult.valueOf(result), CallPolicy.Action.valueOf(action)));
    return new CallPolicy(d.maxAttempts(), d.retryAfter(), actions, CallPolicy.Action.valueOf(d.whenExhausted()));
  }

  private static WaitDoc wait(Wait w) {
    if (w instanceof Wait.Fixed f) {
      return new WaitDoc("fixed", f.duration(), null, null, null);
    }
    if (w instanceof Wait.Window win) {
      return new WaitDoc("window", null, win.min(), win.max(), null);
    }
    Wait.AtLocalTime a = (Wait.AtLocalTime) w;
    return new WaitDoc("at-local-time", a.atLeast(), null, null, a.time());
  }

  private static Wait wait(WaitDoc d) {
    return switch (d.type()) {
      case "fixed" -> Wait.fixed(d.duration());
      case "window" -> Wait.between(d.min(), d.max());
      case "at-local-time" -> Wait.atLocalTime(d.duration(), d.time());
      default -> throw new IllegalStateException("unknown stored wait type '" + d.type() + "'");
    };
  }
}
