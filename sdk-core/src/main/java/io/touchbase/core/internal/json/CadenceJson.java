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
import java.util.ArrayList;
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

  /**
   * Reads a stored definition.
   *
   * @throws IllegalArgumentException naming the field when the text is not JSON, a field is
   *     missing or null, or a value is not allowed
   */
  public CadenceDefinition read(String json) {
    CadenceDoc doc;
    try {
      doc = codec.mapper().readValue(json, CadenceDoc.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored cadence definition is not valid JSON", e);
    }
    present(doc, "cadence");
    List<RoundDoc> roundDocs = present(doc.rounds(), "cadence.rounds");
    List<Round> rounds = new ArrayList<>();
    for (int i = 0; i < roundDocs.size(); i++) {
      String field = "cadence.rounds[" + i + "]";
      RoundDoc r = present(roundDocs.get(i), field);
      rounds.add(new Round(wait(present(r.delay(), field + ".delay"), field + ".delay"),
          elements(present(r.channels(), field + ".channels"), field + ".channels"),
          present(r.template(), field + ".template"),
          values(present(r.variables(), field + ".variables"), field + ".variables"),
          policy(r.callPolicy(), field + ".callPolicy")));
    }
    return new CadenceDefinition(
        present(doc.id(), "cadence.id"),
        doc.version(),
        constant(Purpose.class, doc.purpose(), "cadence.purpose"),
        rounds,
        Set.copyOf(elements(present(doc.goals(), "cadence.goals"), "cadence.goals")),
        constant(ReentryPolicy.class, doc.reentry(), "cadence.reentry"));
  }

  // Stored rows are written by this class, but a row edited by hand or cut short must fail with
  // the field that is wrong, not with a NullPointerException deep in the value types.
  private static <T> T present(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("stored cadence definition has no " + field);
    }
    return value;
  }

  private static <T> List<T> elements(List<T> list, String field) {
    for (int i = 0; i < list.size(); i++) {
      present(list.get(i), field + "[" + i + "]");
    }
    return list;
  }

  private static Map<String, String> values(Map<String, String> map, String field) {
    map.forEach((k, v) -> present(v, field + "[" + k + "]"));
    return map;
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String name, String field) {
    try {
      return Enum.valueOf(type, present(name, field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("stored cadence definition has an unknown " + field + " '" + name + "'");
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

  private static CallPolicy policy(CallPolicyDoc d, String field) {
    if (d == null) {
      return CallPolicy.DEFAULT;
    }
    Map<CallResult, CallPolicy.Action> actions = new EnumMap<>(CallResult.class);
    present(d.actions(), field + ".actions").forEach((result, action) -> actions.put(
        constant(CallResult.class, result, field + ".actions key"),
        constant(CallPolicy.Action.class, action, field + ".actions[" + result + "]")));
    return new CallPolicy(d.maxAttempts(), present(d.retryAfter(), field + ".retryAfter"), actions,
        constant(CallPolicy.Action.class, d.whenExhausted(), field + ".whenExhausted"));
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

  private static Wait wait(WaitDoc d, String field) {
    return switch (present(d.type(), field + ".type")) {
      case "fixed" -> Wait.fixed(present(d.duration(), field + ".duration"));
      case "window" -> Wait.between(present(d.min(), field + ".min"), present(d.max(), field + ".max"));
      case "at-local-time" ->
          Wait.atLocalTime(present(d.duration(), field + ".duration"), present(d.time(), field + ".time"));
      default -> throw new IllegalArgumentException(
          "stored cadence definition has an unknown " + field + ".type '" + d.type() + "'");
    };
  }
}
