package io.touchbase.core.internal.task;

import io.touchbase.api.ConfigurationException;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.cadence.Round;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.task.CallOutcome;
import io.touchbase.api.task.CallPolicy;
import io.touchbase.api.task.CallResult;
import io.touchbase.api.task.StaffTaskKind;
import io.touchbase.api.task.StaffTaskState;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.internal.cadence.CadenceSteps;
import io.touchbase.core.internal.channel.ChannelRegistry;
import io.touchbase.core.internal.channel.ConfiguredChannel;
import io.touchbase.core.internal.channel.StaffCallChannel;
import io.touchbase.core.internal.channel.StaffCallChannelProvider;
import io.touchbase.core.internal.engine.Effects;
import io.touchbase.core.internal.engine.TouchpointDraft;
import io.touchbase.core.internal.policy.RoundDecision;
import io.touchbase.core.internal.policy.RoundPolicies;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.DispatchState;
import io.touchbase.core.internal.store.DispatchStore;
import io.touchbase.core.internal.store.EnrollmentRow;
import io.touchbase.core.internal.store.EnrollmentStore;
import io.touchbase.core.internal.store.StaffTaskRow;
import io.touchbase.core.internal.store.StaffTaskStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How rounds on staff channels run: a due round becomes an open task; a wake-up at its deadline
 * expires it; a reported outcome is recorded and the round's {@link CallPolicy} decides what
 * follows. Every method runs inside the caller's transaction with the enrollment row locked, so a
 * task's outcome, a goal, a cancel and the round's own wake-up are applied one at a time.
 *
 * <p>An enrollment waiting for a task sleeps until the task's deadline; for a later attempt it
 * first wakes when the attempt falls due, to check that the call is still allowed (consent,
 * address) the way a round is checked before it is sent.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class StaffTaskFlow {
  private static final Logger log = LoggerFactory.getLogger(StaffTaskFlow.class);

  /** The step recorded after a converting call. */
  static final String CONVERT = "CONVERT";

  private final ChannelRegistry channels;
  private final StaffTaskStore tasks;
  private final EnrollmentStore enrollments;
  private final ContactStore contacts;
  private final DispatchStore dispatches;
  private final RoundPolicies policies;
  private final CadenceSteps steps;
  private final Map<String, Boolean> involved = new ConcurrentHashMap<>();

  public StaffTaskFlow(ChannelRegistry channels, StaffTaskStore tasks, EnrollmentStore enrollments,
      ContactStore contacts, DispatchStore dispatches, RoundPolicies policies, CadenceSteps steps) {
    this.channels = channels;
    this.tasks = tasks;
    this.enrollments = enrollments;
    this.contacts = contacts;
    this.dispatches = dispatches;
    this.policies = policies;
    this.steps = steps;
    for (String name : channels.names()) {
      ConfiguredChannel ch = channels.get(name).orElseThrow();
      boolean staff = ch.providers().stream().anyMatch(b -> b.providerId().equals(StaffCallChannelProvider.ID));
      if (staff && ch.providers().size() > 1) {
        throw new ConfigurationException("Channel '" + name + "': provider '" + StaffCallChannelProvider.ID
            + "' can not be combined with other providers; list the other channel in the round instead, e.g."
            + " channels(\"" + name + "\", \"sms\")");
      }
      Optional<StaffCallChannel.Alert> alert = StaffCallChannel.of(ch).flatMap(StaffCallChannel::alert);
      if (alert.isPresent()) {
        Optional<ConfiguredChannel> carrier = channels.get(alert.get().channel());
        if (carrier.isEmpty() || StaffCallChannel.of(carrier.get()).isPresent()) {
          throw new ConfigurationException("Channel '" + name + "': setting 'alertChannel' names '"
              + alert.get().channel() + "', which is " + (carrier.isEmpty() ? "not a configured channel"
                  : "a staff call channel, which sends nothing") + "; name a channel that sends to staff, e.g."
              + " one bound to wecom-app");
        }
      }
    }
  }

  /**
   * Whether a round of the cadence can reach a staff channel, or a channel whose sends a staff
   * member confirms. Only such cadences have tasks, so rounds of every other cadence skip the task
   * checks.
   */
  public boolean involves(CadenceDefinition def) {
    // Asked on every round: a definition version and the channels never change, so once per version.
    return involved.computeIfAbsent(def.id() + "@" + def.version(), k -> def.rounds().stream()
        .flatMap(r -> r.channels().stream())
        .anyMatch(name -> channels.get(name).filter(ch -> staffChannel(ch).isPresent()
            || ch.providers().stream().anyMatch(b -> b.channel().staffConfirmation().isPresent())).isPresent()));
  }

  /** The staff channel behind a configured channel, when it is one. */
  public Optional<StaffCallChannel> staffChannel(ConfiguredChannel channel) {
    return StaffCallChannel.of(channel);
  }

  /**
   * Creates the round's task: due now, expiring after the channel's deadline; the enrollment
   * sleeps until the deadline.
   *
   * @return when to wake the enrollment
   */
  public Optional<Instant> create(Connection c, EnrollmentRow e, int round, StaffCallChannel channel, Address to,
      Optional<String> script, Instant now, Effects fx) throws SQLException {
    int attempt = 1 + (int) tasks.ofRound(c, e.id(), round).stream()
        .filter(t -> t.channel().equals(channel.channelName())).count();
    StaffTaskRow t = insert(c, e, round, attempt, channel.channelName(), channel.queue(), to, script.orElse(null),
        now, channel.deadline(), now, fx);
    enrollments.update(c, e.scheduled(round, t.deadline(), now));
    return Optional.of(t.deadline());
  }

  private StaffTaskRow insert(Connection c, EnrollmentRow e, int round, int attempt, String channel, String queue,
      Address to, String script, Instant dueAt, Duration deadline, Instant now, Effects fx) throws SQLException {
    StaffTaskRow t = tasks.insert(c,
        StaffTaskRow.open(StaffTaskKind.CALL, queue, channel, e, round, attempt, to, script, dueAt,
            dueAt.plus(deadline), now));
    fx.append(c, CadenceSteps.taskTouchpoint(e, t, TouchpointKind.TASK_CREATED, now)
        .attribute("dueAt", t.dueAt().toString()).attribute("deadline", t.deadline().toString()));
    Optional<StaffCallChannel.Alert> alert =
        channels.get(channel).flatMap(StaffCallChannel::of).flatMap(StaffCallChannel::alert);
    if (alert.isPresent()) {
      fx.alert(new Effects.StaffAlert(t.id(), alert.get().channel(), alert.get().contactId(), alert.get().template(),
          Map.of("queue", t.queue(), "taskId", Long.toString(t.id()), "channel", t.channel(), "cadence",
              t.cadenceId(), "round", Integer.toString(t.round()), "attempt", Integer.toString(t.attempt()),
              "dueAt", t.dueAt().toString(), "deadline", t.deadline().toString(), "contactId", t.contactId())));
    }
    log.debug("Round {} of enrollment {} became staff task {} (attempt {}) in queue '{}'",
        round, e.id(), t.id(), attempt, queue);
    return t;
  }

  /**
   * What a wake-up found about the enrollment's open task.
   *
   * @param roundGoesOn there is no open task (any more): decide the round as usual
   * @param next otherwise, when to wake the enrollment next; empty when it ended
   */
  public record Wake(boolean roundGoesOn, Optional<Instant> next) {
    static final Wake GO_ON = new Wake(true, Optional.empty());

    static Wake sleep(Optional<Instant> next) {
      return new Wake(false, next);
    }
  }

  /** The enrollment's open task, of either kind: only a call task's has {@link #onWake} to do. */
  public Optional<StaffTaskRow> openTask(Connection c, long enrollmentId) throws SQLException {
    return tasks.openOf(c, enrollmentId);
  }

  /** What a wake-up does about the enrollment's open task, before the round is decided. */
  public Wake onWake(Connection c, EnrollmentRow e, CadenceDefinition def, Instant now, Effects fx)
      throws SQLException {
    Optional<StaffTaskRow> open = tasks.openOf(c, e.id());
    if (open.isEmpty()) {
      return Wake.GO_ON;
    }
    StaffTaskRow t = open.get();
    if (t.round() != e.nextRound()) {
      // No path leaves a task open past its round; kept as a guard so that none can.
      steps.cancel(c, e, t, "round " + t.round() + " is over", now, fx);
      return Wake.GO_ON;
    }
    if (!now.isBefore(t.deadline())) {
      boolean more = hasChannelLeft(c, e.id(), def.round(t.round()), t.round(), t.channel());
      String next = more ? StaffTaskRow.FALL_BACK : CallPolicy.Action.MOVE_ON.name();
      tasks.close(c, t.id(), StaffTaskState.EXPIRED, next, "deadline passed", now);
      fx.append(c, CadenceSteps.taskTouchpoint(e, t, TouchpointKind.TASK_EXPIRED, now)
          .reason("not completed by its deadline " + t.deadline()
              + (t.claimedBy() == null ? "" : " (claimed by agent '" + t.claimedBy() + "')")
              + (more ? "; falling back to the round's next channel" : "; moving on")));
      log.debug("Staff task {} of enrollment {} expired", t.id(), e.id());
      return more ? Wake.GO_ON : Wake.sleep(steps.advance(c, e, def, now, fx));
    }
    if (t.dueAt().isAfter(now)) {
      return Wake.sleep(sleep(c, e, t.dueAt(), now));
    }
    if (t.state() == StaffTaskState.OPEN) {
      // The attempt is due: check again that the call is allowed, as a round is checked before it is sent.
      Optional<Contact> contact = contacts.find(c, ContactId.of(e.contactId()));
      if (contact.isEmpty()) {
        steps.cancel(c, e, t, "contact no longer exists", now, fx);
        return Wake.GO_ON;
      }
      RoundDecision decision =
          policies.decide(c, contact.get(), def.purpose(), onlyOn(def.round(t.round()), t.channel()), Map.of(), now);
      if (decision instanceof RoundDecision.Suppress s) {
        steps.cancel(c, e, t, "call no longer allowed: " + s.reason(), now, fx);
        return Wake.GO_ON;
      }
    }
    return Wake.sleep(sleep(c, e, t.deadline(), now));
  }

  private Optional<Instant> sleep(Connection c, EnrollmentRow e, Instant until, Instant now) throws SQLException {
    if (!until.equals(e.nextRoundAt())) {
      enrollments.update(c, e.scheduled(e.nextRound(), until, now));
    }
    return Optional.of(until);
  }

  /**
   * Staff channels whose task told the round to fall back, each with why: the round must not use
   * them again.
   */
  public Map<String, String> fallenBack(Connection c, long enrollmentId, int round) throws SQLException {
    Map<String, String> out = new HashMap<>();
    for (StaffTaskRow t : tasks.ofRound(c, enrollmentId, round)) {
      if (StaffTaskRow.FALL_BACK.equals(t.nextStep())) {
        out.put(t.channel(), t.endReason() != null ? t.endReason()
            : t.result() != null ? "the call ended " + t.result().kebab() : "its staff task fell back");
      }
    }
    return out;
  }

  /** Whether the round has a channel besides {@code leaving} that has not failed or fallen back. */
  boolean hasChannelLeft(Connection c, long enrollmentId, Round round, int roundNo, String leaving)
      throws SQLException {
    Set<String> excluded = new HashSet<>(fallenBack(c, enrollmentId, roundNo).keySet());
    excluded.add(leaving);
    dispatches.ofRound(c, enrollmentId, roundNo).stream()
        .filter(d -> d.state() == DispatchState.FAILED).forEach(d -> excluded.add(d.channel()));
    return round.channels().stream().anyMatch(ch -> !excluded.contains(ch));
  }

  /** A completed task and when to wake its enrollment next (empty when it ended). */
  public record Completed(StaffTaskRow task, Optional<Instant> wakeAt) {}

  /**
   * Records a claimed task's outcome as touchpoints and applies the round's call policy.
   *
   * @param e the task's enrollment, locked, active and on the task's round
   */
  public Completed complete(Connection c, EnrollmentRow e, CadenceDefinition def, StaffTaskRow t,
      CallOutcome outcome, Instant now, Effects fx) throws SQLException {
    Round round = def.round(t.round());
    CallPolicy policy = round.callPolicy();
    CallResult result = outcome.result();
    boolean reached = result != CallResult.NO_ANSWER && result != CallResult.BUSY
        && result != CallResult.WRONG_NUMBER;
    EnrollmentRow current = reached ? e.touched(t.round()) : e;
    TouchpointDraft call = CadenceSteps.taskTouchpoint(e, t,
        result == CallResult.ANSWERED || result == CallResult.CONVERTED
            ? TouchpointKind.CALL_ANSWERED : TouchpointKind.CALL_NOT_ANSWERED, now)
        .attribute("result", result.kebab());
    if (result != CallResult.ANSWERED && result != CallResult.CONVERTED) {
      call.reason(result.kebab());
    }
    outcome.callBackAt().ifPresent(at -> call.attribute("callBackAt", at.toString()));

    if (result == CallResult.CONVERTED) {
      fx.append(c, call.attribute("next", "convert"));
      tasks.complete(c, t.id(), outcome, CONVERT, now);
      steps.convert(c, current, "converted on call", now, now,
          d -> d.channel(t.channel()).provider(StaffCallChannelProvider.ID).attribute("taskId", Long.toString(t.id())),
          fx);
      return new Completed(completedRow(c, t), Optional.empty());
    }

    CallPolicy.Action action = policy.actionFor(result);
    boolean exhausted = action == CallPolicy.Action.RETRY && t.attempt() >= policy.maxAttempts();
    if (exhausted) {
      action = policy.whenExhausted();
      call.attribute("attemptsUsedUp", t.attempt() + " of " + policy.maxAttempts());
    }
    fx.append(c, call.attribute("next", action.name().toLowerCase(Locale.ROOT).replace('_', '-')));
    if (result == CallResult.REFUSED && def.purpose() == Purpose.MARKETING) {
      ConfiguredChannel channel = channels.get(t.channel()).orElse(null);
      ChannelType type = channel == null ? ChannelType.PHONE : channel.type();
      contacts.insertConsent(c, ContactId.of(e.contactId()),
          Consent.optOut(type, Purpose.MARKETING, now, "refused on call (staff task " + t.id() + ")"), now);
      fx.append(c, CadenceSteps.taskTouchpoint(e, t, TouchpointKind.UNSUBSCRIBED, now)
          .reason("refused on call: marketing opt-out on " + type));
    }
    tasks.complete(c, t.id(), outcome, action.name(), now);
    Optional<Instant> wakeAt;
    switch (action) {
      case RETRY -> {
        Instant dueAt = result == CallResult.CALL_BACK
            ? outcome.callBackAt().orElseThrow()
            : outsideQuietHours(c, e, def, t.channel(), now.plus(policy.retryAfter()));
        Duration deadline = channels.get(t.channel()).flatMap(StaffCallChannel::of)
            .map(StaffCallChannel::deadline).orElse(StaffCallChannelProvider.DEFAULT_DEADLINE);
        insert(c, current, t.round(), t.attempt() + 1, t.channel(), t.queue(), t.address(), t.script(), dueAt,
            deadline, now, fx);
        enrollments.update(c, current.scheduled(t.round(), dueAt, now));
        wakeAt = Optional.of(dueAt);
      }
      case FALL_BACK -> {
        if (hasChannelLeft(c, e.id(), round, t.round(), t.channel())) {
          enrollments.update(c, current.scheduled(t.round(), now, now));
          wakeAt = Optional.of(now);
        } else {
          wakeAt = steps.advance(c, current, def, now, fx);
        }
      }
      case MOVE_ON -> wakeAt = steps.advance(c, current, def, now, fx);
      default -> {
        String reason = result == CallResult.REFUSED ? "refused on call" : "stopped after call: " + result.kebab();
        steps.end(c, current, EnrollmentState.CANCELLED, reason, null, now, fx);
        wakeAt = Optional.empty();
      }
    }
    return new Completed(completedRow(c, t), wakeAt);
  }

  private StaffTaskRow completedRow(Connection c, StaffTaskRow t) throws SQLException {
    return tasks.find(c, t.id()).orElseThrow();
  }

  /** A retry of a marketing call due in quiet hours is moved to their end, as a round would be. */
  private Instant outsideQuietHours(Connection c, EnrollmentRow e, CadenceDefinition def, String channel, Instant at)
      throws SQLException {
    Optional<Contact> contact = contacts.find(c, ContactId.of(e.contactId()));
    if (contact.isEmpty()) {
      return at;
    }
    RoundDecision d = policies.decide(c, contact.get(), def.purpose(), onlyOn(def.round(e.nextRound()), channel),
        Map.of(), at);
    return d instanceof RoundDecision.Defer defer ? defer.until() : at;
  }

  /** The round narrowed to one channel, to ask the policies about that channel alone. */
  private static Round onlyOn(Round round, String channel) {
    return new Round(round.delay(), List.of(channel), round.template(), round.variables(), round.callPolicy());
  }
}
