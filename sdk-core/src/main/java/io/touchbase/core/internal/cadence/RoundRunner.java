package io.touchbase.core.internal.cadence;

import io.touchbase.api.InDoubtPolicy;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.cadence.Round;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.internal.channel.ChannelRegistry;
import io.touchbase.core.internal.channel.ConfiguredChannel;
import io.touchbase.core.internal.channel.StaffCallChannel;
import io.touchbase.core.internal.dispatch.Dispatcher;
import io.touchbase.core.internal.dispatch.SendOutcome;
import io.touchbase.core.internal.engine.Effects;
import io.touchbase.core.internal.engine.Notifier;
import io.touchbase.core.internal.engine.TouchpointDraft;
import io.touchbase.core.internal.policy.RoundDecision;
import io.touchbase.core.internal.policy.RoundPolicies;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.DispatchRow;
import io.touchbase.core.internal.store.DispatchState;
import io.touchbase.core.internal.store.DispatchStore;
import io.touchbase.core.internal.store.EnrollmentRow;
import io.touchbase.core.internal.store.EnrollmentStore;
import io.touchbase.core.internal.store.TouchpointStore;
import io.touchbase.core.internal.task.StaffTaskFlow;
import io.touchbase.core.internal.template.TemplateRenderer;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupRequest;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the due round of one enrollment. Called by the scheduler with the enrollment id;
 * the enrollment row is the state, the scheduled execution only the wake-up.
 *
 * <p>In three steps: (1) under the enrollment's row lock, decide (policies, template) and commit a
 * pending dispatch; (2) call the channel with no transaction open; (3) under the row lock again,
 * record the outcome and schedule the next round only if the enrollment is still active and on
 * this round. A goal or cancel that lands during step 2 therefore stops every later round, and a
 * dispatch still pending at step 1 means an earlier run was interrupted: it is recovered through
 * the channel's look-up, never resent blindly.
 *
 * <p>A round that picks a staff channel ends at step 1: it becomes a staff task, and the
 * enrollment waits for the task's outcome or deadline ({@link StaffTaskFlow}).
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class RoundRunner {
  private static final Logger log = LoggerFactory.getLogger(RoundRunner.class);
  /**
   * How long after a send that may have gone through, or was interrupted, the provider is asked
   * about it: providers' query APIs list a send only after a while (Aliyun's QuerySendDetails within minutes,
   * unconfirmed), and a look-up that comes too early can only answer "cannot tell".
   */
  static final Duration IN_DOUBT_CHECK_DELAY = Duration.ofMinutes(5);

  private final Db db;
  private final Clock clock;
  private final EnrollmentStore enrollments;
  private final DispatchStore dispatches;
  private final ContactStore contacts;
  private final TouchpointStore touchpoints;
  private final CadenceRegistry cadences;
  private final RoundPolicies policies;
  private final TemplateRenderer templates;
  private final ChannelRegistry channels;
  private final Dispatcher dispatcher;
  private final Notifier notifier;
  private final Settings settings;
  private final CadenceSteps steps;
  private final StaffTaskFlow staffTasks;

  /** Engine settings the runner needs. */
  public record Settings(
      String instanceName, int maxSendAttempts, Duration retryBackoff, InDoubtPolicy inDoubtPolicy) {}

  public RoundRunner(
      Db db, Clock clock, EnrollmentStore enrollments, DispatchStore dispatches, ContactStore contacts,
      TouchpointStore touchpoints, CadenceRegistry cadences, RoundPolicies policies, TemplateRenderer templates,
      ChannelRegistry channels, Dispatcher dispatcher, Notifier notifier, Settings settings, CadenceSteps steps,
      StaffTaskFlow staffTasks) {
    this.db = db;
    this.clock = clock;
    this.enrollments = enrollments;
    this.dispatches = dispatches;
    this.contacts = contacts;
    this.touchpoints = touchpoints;
    this.cadences = cadences;
    this.policies = policies;
    this.templates = templates;
    this.channels = channels;
    this.dispatcher = dispatcher;
    this.notifier = notifier;
    this.settings = settings;
    this.steps = steps;
    this.staffTasks = staffTasks;
  }

  /** What step 1 decided. */
  private sealed interface Step {}

  private record Finished(Optional<Instant> wakeAt) implements Step {}

  private record Send(EnrollmentRow enrollment, DispatchRow dispatch, ConfiguredChannel channel, OutboundMessage message)
      implements Step {}

  private record Recover(EnrollmentRow enrollment, DispatchRow dispatch) implements Step {}

  /**
   * Runs the enrollment's due round, if any.
   *
   * @return when to wake the enrollment next; empty when it has ended
   */
  public Optional<Instant> run(long enrollmentId) {
    Effects effects = new Effects(touchpoints);
    Step step = db.inTransaction("prepare round", c -> prepare(c, enrollmentId, effects));
    notifier.publish(effects);
    if (step instanceof Finished f) {
      return f.wakeAt();
    }
    Effects after = new Effects(touchpoints);
    Optional<Instant> next;
    if (step instanceof Send s) {
      SendOutcome outcome = dispatcher.send(s.channel(), s.message());
      next = db.inTransaction("record send", c -> recordSend(c, s, outcome, after));
    } else {
      Recover r = (Recover) step;
      LookupResult answer = lookup(r.dispatch());
      next = db.inTransaction("recover dispatch", c -> recordRecovery(c, r, answer, after));
    }
    notifier.publish(after);
    return next;
  }

  private Step prepare(Connection c, long id, Effects fx) throws SQLException {
    Optional<EnrollmentRow> locked = enrollments.lock(c, id);
    if (locked.isEmpty() || !locked.get().isActive()) {
      return new Finished(Optional.empty());
    }
    EnrollmentRow e = locked.get();
    Instant now = clock.instant();
    if (e.nextRoundAt() != null && e.nextRoundAt().isAfter(now)) {
      return new Finished(Optional.of(e.nextRoundAt()));
    }
    CadenceDefinition def = cadences.get(e.cadenceId(), e.cadenceVersion());
    int roundNo = e.nextRound();
    if (roundNo > def.rounds().size()) {
      // The attribution window after the last round has passed without a goal.
      steps.end(c, e, EnrollmentState.COMPLETED, "completed", null, now, fx);
      return new Finished(Optional.empty());
    }
    Round round = def.round(roundNo);
    List<DispatchRow> attempts = dispatches.ofRound(c, id, roundNo);
    for (DispatchRow d : attempts) {
      if (d.state() == DispatchState.PENDING) {
        // Asked too early, a provider can only answer "cannot tell", and the round would be
        // counted in doubt although the answer was a few minutes away; an interrupted run may
        // also still be in flight. So the provider is asked once the attempt is old enough.
        Instant askAt = d.updatedAt().plus(IN_DOUBT_CHECK_DELAY);
        if (askAt.isAfter(now)) {
          enrollments.update(c, e.scheduled(roundNo, askAt, now));
          return new Finished(Optional.of(askAt));
        }
        return new Recover(e, d);
      }
    }
    StaffTaskFlow.Wake waiting = staffTasks.onWake(c, e, def, now, fx);
    if (!waiting.roundGoesOn()) {
      return new Finished(waiting.next());
    }
    Optional<Contact> contact = contacts.find(c, ContactId.of(e.contactId()));
    if (contact.isEmpty()) {
      fx.append(c, TouchpointDraft.ofRound(e, roundNo, TouchpointKind.SUPPRESSED, now).reason("contact no longer exists"));
      return new Finished(advance(c, e, def, now, fx));
    }
    Set<String> excluded = failedChannels(attempts);
    excluded.addAll(staffTasks.fallenBack(c, id, roundNo));
    RoundDecision decision = policies.decide(contact.get(), def.purpose(), round, excluded, now);
    if (decision instanceof RoundDecision.Suppress s) {
      log.debug("Round {} of enrollment {} suppressed: {}", roundNo, id, s.reason());
      fx.append(c, TouchpointDraft.ofRound(e, roundNo, TouchpointKind.SUPPRESSED, now).reason(s.reason()));
      return new Finished(advance(c, e, def, now, fx));
    }
    if (decision instanceof RoundDecision.Defer d) {
      fx.append(c, TouchpointDraft.ofRound(e, roundNo, TouchpointKind.DEFERRED, now)
          .reason(d.reason() + "; deferred to " + d.until()));
      enrollments.update(c, e.scheduled(roundNo, d.until(), now));
      return new Finished(Optional.of(d.until()));
    }
    RoundDecision.Send send = (RoundDecision.Send) decision;
    Contact who = contact.get();
    Map<String, String> variables = new HashMap<>(who.attributes());
    variables.putAll(round.variables());
    variables.put("contactId", who.id().value());
    Optional<String> text;
    try {
      text = templates.render(round.template(), who.locale().orElse(java.util.Locale.ROOT), variables);
    } catch (IllegalArgumentException ex) {
      fx.append(c, TouchpointDraft.ofRound(e, roundNo, TouchpointKind.FAILED, now)
          .channel(send.channel().name()).reason(ex.getMessage()));
      return new Finished(advance(c, e, def, now, fx));
    }
    Optional<StaffCallChannel> staff = staffTasks.staffChannel(send.channel());
    if (staff.isPresent()) {
      return new Finished(staffTasks.create(c, e, roundNo, staff.get(), send.to(), text, now, fx));
    }
    int attempt = attempts.size() + 1;
    String dispatchId = DispatchRow.idFor(id, roundNo, attempt);
    DispatchRow row = new DispatchRow(dispatchId, id, roundNo, attempt, send.channel().name(),
        send.channel().providers().get(0).providerId(), DispatchState.PENDING, null, null,
        settings.instanceName(), now, now, send.to());
    dispatches.insertPending(c, row);
    OutboundMessage message = new OutboundMessage(DispatchId.of(dispatchId), send.channel().name(), who.id(),
        send.to(), def.purpose(), round.template(), variables, text, who.locale());
    return new Send(e, row, send.channel(), message);
  }

  private Optional<Instant> recordSend(Connection c, Send s, SendOutcome outcome, Effects fx) throws SQLException {
    Optional<EnrollmentRow> locked = enrollments.lock(c, s.enrollment().id());
    Instant now = clock.instant();
    DispatchRow d = s.dispatch();
    EnrollmentRow e = locked.orElse(s.enrollment());
    boolean current = locked.isPresent() && e.isActive() && e.nextRound() == d.round();
    CadenceDefinition def = cadences.get(e.cadenceId(), e.cadenceVersion());
    if (outcome instanceof SendOutcome.Accepted a) {
      String notes = a.notes().isEmpty() ? null : "failover: " + String.join("; ", a.notes());
      dispatches.resolve(c, d.dispatchId(), DispatchState.ACCEPTED, a.provider(), a.result().providerMessageId(), notes, now);
      fx.append(c, TouchpointDraft.ofRound(e, d.round(), TouchpointKind.SENT, now).channel(d.channel())
          .provider(a.provider()).dispatch(d.dispatchId()).providerMessageId(a.result().providerMessageId())
          .reason(notes).attributes(a.result().attributes()));
      log.debug("Round {} of enrollment {} sent on '{}' via '{}' as dispatch {}",
          d.round(), e.id(), d.channel(), a.provider(), d.dispatchId());
      if (!current) {
        return stillScheduled(e);
      }
      return advance(c, e.touched(d.round()), def, now, fx);
    }
    SendOutcome.Failed f = (SendOutcome.Failed) outcome;
    switch (f.outcome()) {
      case RETRY -> {
        // Sends that were retried or found not sent count, so a provider that keeps timing out
        // cannot keep a round going for ever.
        long earlier = dispatches.ofRound(c, e.id(), d.round()).stream()
            .filter(x -> x.channel().equals(d.channel())
                && (x.state() == DispatchState.RETRY || x.state() == DispatchState.NOT_SENT))
            .count();
        int attemptsOnChannel = (int) earlier + 1;
        if (f.mayHaveBeenSent()) {
          // Never send again blindly: the dispatch stays pending, and the next run asks the
          // provider whether it has the message (the recovery path) before anything is resent.
          dispatches.markOutcomeUnknown(c, d.dispatchId(), f.provider(), "outcome unknown: " + f.reason(), now);
          log.info("Dispatch {} on channel '{}' may have been sent by '{}'; asking the provider before resending",
              d.dispatchId(), d.channel(), f.provider());
          if (!current) {
            return stillScheduled(e);
          }
          Duration wait = backoff(attemptsOnChannel);
          Instant checkAt = now.plus(wait.compareTo(IN_DOUBT_CHECK_DELAY) < 0 ? IN_DOUBT_CHECK_DELAY : wait);
          enrollments.update(c, e.scheduled(d.round(), checkAt, now));
          return Optional.of(checkAt);
        }
        if (attemptsOnChannel < settings.maxSendAttempts()) {
          dispatches.resolve(c, d.dispatchId(), DispatchState.RETRY, f.provider(), null, f.reason(), now);
          if (!current) {
            return stillScheduled(e);
          }
          Instant retryAt = now.plus(backoff(attemptsOnChannel));
          enrollments.update(c, e.scheduled(d.round(), retryAt, now));
          return Optional.of(retryAt);
        }
        String reason = "gave up after " + attemptsOnChannel + " attempts: " + f.reason();
        dispatches.resolve(c, d.dispatchId(), DispatchState.FAILED, f.provider(), null, reason, now);
        fx.append(c, failed(e, d, f, reason, now));
      }
      case PERMANENT -> {
        dispatches.resolve(c, d.dispatchId(), DispatchState.FAILED, f.provider(), null, f.reason(), now);
        fx.append(c, failed(e, d, f, f.reason(), now));
      }
      case DEFER -> {
        Instant until = f.retryAt();
        dispatches.resolve(c, d.dispatchId(), DispatchState.DEFERRED, f.provider(), null, f.reason(), now);
        fx.append(c, TouchpointDraft.ofRound(e, d.round(), TouchpointKind.DEFERRED, now).channel(d.channel())
            .provider(f.provider()).dispatch(d.dispatchId()).reason(f.reason() + "; deferred to " + until));
        if (!current) {
          return stillScheduled(e);
        }
        enrollments.update(c, e.scheduled(d.round(), until, now));
        return Optional.of(until);
      }
      case RECIPIENT_OPTED_OUT -> {
        dispatches.resolve(c, d.dispatchId(), DispatchState.FAILED, f.provider(), null, f.reason(), now);
        ConfiguredChannel channel = s.channel();
        contacts.insertConsent(c, ContactId.of(e.contactId()),
            Consent.optOut(channel.type(), def.purpose(), now, "provider " + f.provider() + ": " + f.code()), now);
        fx.append(c, TouchpointDraft.ofRound(e, d.round(), TouchpointKind.UNSUBSCRIBED, now).channel(d.channel())
            .provider(f.provider()).dispatch(d.dispatchId()).reason("recipient opted out at provider: " + f.code()));
        fx.append(c, failed(e, d, f, f.reason(), now));
      }
    }
    if (!current) {
      return stillScheduled(e);
    }
    // The channel failed for good: try the round's next channel, or end the round.
    Round round = def.round(d.round());
    Set<String> failedChannels = failedChannels(dispatches.ofRound(c, e.id(), d.round()));
    if (round.channels().stream().anyMatch(ch -> !failedChannels.contains(ch))) {
      enrollments.update(c, e.scheduled(d.round(), now, now));
      return Optional.of(now);
    }
    return advance(c, e, def, now, fx);
  }

  /** Channels that failed this round for good; the round's other channels may still carry it. */
  private static Set<String> failedChannels(List<DispatchRow> attempts) {
    Set<String> failed = new HashSet<>();
    for (DispatchRow d : attempts) {
      if (d.state() == DispatchState.FAILED) {
        failed.add(d.channel());
      }
    }
    return failed;
  }

  private static TouchpointDraft failed(EnrollmentRow e, DispatchRow d, SendOutcome.Failed f, String reason, Instant now) {
    return TouchpointDraft.ofRound(e, d.round(), TouchpointKind.FAILED, now).channel(d.channel())
        .provider(f.provider()).dispatch(d.dispatchId()).reason(reason).attribute("providerCode", f.code());
  }

  private LookupResult lookup(DispatchRow d) {
    Optional<ConfiguredChannel> channel = channels.get(d.channel());
    if (channel.isEmpty()) {
      return LookupResult.unknown("channel '" + d.channel() + "' is no longer configured");
    }
    try {
      Channel ch = channel.get().provider(d.provider()).channel();
      LookupResult r = d.to() == null
          ? ch.lookup(DispatchId.of(d.dispatchId()))
          : ch.lookup(new LookupRequest(DispatchId.of(d.dispatchId()), d.to(), d.createdAt()));
      return r != null ? r : LookupResult.unknown("look-up returned nothing");
    } catch (RuntimeException ex) {
      log.warn("Look-up of in-doubt dispatch {} on channel '{}' failed", d.dispatchId(), d.channel(), ex);
      return LookupResult.unknown("look-up failed: " + ex.getClass().getSimpleName());
    }
  }

  private Optional<Instant> recordRecovery(Connection c, Recover r, LookupResult answer, Effects fx) throws SQLException {
    Optional<EnrollmentRow> locked = enrollments.lock(c, r.enrollment().id());
    Instant now = clock.instant();
    DispatchRow d = r.dispatch();
    EnrollmentRow e = locked.orElse(r.enrollment());
    boolean current = locked.isPresent() && e.isActive() && e.nextRound() == d.round();
    CadenceDefinition def = cadences.get(e.cadenceId(), e.cadenceVersion());
    log.info("Dispatch {} was interrupted before its outcome was recorded; provider look-up: {} ({})",
        d.dispatchId(), answer.status(), answer.detail());
    switch (answer.status()) {
      case FOUND -> {
        String msgId = answer.providerMessageId().orElseThrow();
        dispatches.resolve(c, d.dispatchId(), DispatchState.ACCEPTED, null, msgId, "recovered: found at provider", now);
        fx.append(c, TouchpointDraft.ofRound(e, d.round(), TouchpointKind.SENT, now).channel(d.channel())
            .provider(d.provider()).dispatch(d.dispatchId()).providerMessageId(msgId)
            .attribute("recovered", "true"));
        return current ? advance(c, e.touched(d.round()), def, now, fx) : stillScheduled(e);
      }
      case NOT_FOUND -> {
        dispatches.resolve(c, d.dispatchId(), DispatchState.NOT_SENT, null, null,
            "not found at provider: " + answer.detail(), now);
        if (!current) {
          return stillScheduled(e);
        }
        enrollments.update(c, e.scheduled(d.round(), now, now));
        return Optional.of(now);
      }
      default -> {
        boolean resend = settings.inDoubtPolicy() == InDoubtPolicy.RESEND;
        String reason = "outcome unknown after an interruption (" + answer.detail() + "); "
            + (resend ? "sending again (policy RESEND)" : "counted as sent (policy TREAT_AS_SENT)");
        dispatches.resolve(c, d.dispatchId(), DispatchState.IN_DOUBT, null, null, reason, now);
        fx.append(c, TouchpointDraft.ofRound(e, d.round(), TouchpointKind.IN_DOUBT, now).channel(d.channel())
            .provider(d.provider()).dispatch(d.dispatchId()).reason(reason));
        if (!current) {
          return stillScheduled(e);
        }
        if (resend) {
          enrollments.update(c, e.scheduled(d.round(), now, now));
          return Optional.of(now);
        }
        return advance(c, e.touched(d.round()), def, now, fx);
      }
    }
  }

  /** Moves to the next round, or completes the enrollment after the last. */
  private Optional<Instant> advance(Connection c, EnrollmentRow e, CadenceDefinition def, Instant now, Effects fx)
      throws SQLException {
    return steps.advance(c, e, def, now, fx);
  }

  /** The enrollment moved on without us (goal, cancel): keep whatever it has scheduled. */
  private static Optional<Instant> stillScheduled(EnrollmentRow e) {
    return e.isActive() ? Optional.ofNullable(e.nextRoundAt()) : Optional.empty();
  }

  private Duration backoff(int attempt) {
    long base = settings.retryBackoff().toMillis() << Math.min(attempt - 1, 10);
    long jitter = ThreadLocalRandom.current().nextLong(base / 4 + 1);
    return Duration.ofMillis(base + jitter);
  }
}
