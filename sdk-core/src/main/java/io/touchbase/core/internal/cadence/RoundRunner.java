package io.touchbase.core.internal.cadence;

import io.touchbase.api.InDoubtPolicy;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.cadence.Round;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.task.StaffTaskKind;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.internal.channel.ChannelRegistry;
import io.touchbase.core.internal.channel.ConfiguredChannel;
import io.touchbase.core.internal.channel.StaffCallChannel;
import io.touchbase.core.internal.dispatch.Dispatcher;
import io.touchbase.core.internal.dispatch.ProviderGuard;
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
import io.touchbase.core.internal.store.GroupCommit;
import io.touchbase.core.internal.store.SchedulerRows;
import io.touchbase.core.internal.store.SendQuotaStore;
import io.touchbase.core.internal.store.StaffTaskRow;
import io.touchbase.core.internal.store.TouchpointStore;
import io.touchbase.core.internal.task.MessageConfirmations;
import io.touchbase.core.internal.task.StaffTaskFlow;
import io.touchbase.core.internal.template.TemplateRenderer;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelEvent.QuotaChange;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupRequest;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.StaffConfirmation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the due round of one enrollment. Called by the scheduler with the enrollment's
 * wake-up; the enrollment row is the state, the scheduled execution only the wake-up.
 *
 * <p>A round that sends costs at most one commit of its own: (1) decide (policies, template) by
 * reading only; (2) call the channel with no transaction open; (3) in one transaction, under the
 * enrollment's row lock, record the outcome, schedule what follows if the enrollment is still
 * active and on this round, and complete the wake-up ({@link SchedulerRows#complete}, conditional
 * on the version db-scheduler picked). A goal or cancel that lands during step 2 therefore stops every later round, and a run
 * whose wake-up was taken over meanwhile (another instance found it dead) records nothing. On
 * PostgreSQL, rounds whose step 3 comes at the same moment share its transaction ({@link
 * GroupCommit}); when a shared one fails, each round records again alone, as if never grouped.
 *
 * <p>The write-ahead record of a send in flight is db-scheduler's own pick: a wake-up that did not
 * complete (its instance was killed, or the record step failed after the send) comes back with a
 * failure counted ({@link Wake#interruptedAt}). Its attempt was never recorded, so it may have been
 * sent: the run asks the providers about that attempt's dispatch id before anything else, and never
 * resends blindly. A send whose outcome was unknown (a timeout) is kept as a pending dispatch and is
 * looked up the same way.
 *
 * <p>Rounds that only write (suppressions, deferrals, the end of the cadence) and every round of a
 * cadence with staff channels run in one locking transaction instead; a staff round ends there: it
 * becomes a staff task, and the enrollment waits for the task's outcome or deadline ({@link
 * StaffTaskFlow}).
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
  private final SchedulerRows schedulerRows;
  private final SendQuotaStore quotas;
  private final MessageConfirmations confirmations;
  private final RoundReads reads;
  private final GroupCommit records;

  /** Engine settings the runner needs. */
  public record Settings(
      String instanceName, int maxSendAttempts, Duration retryBackoff, InDoubtPolicy inDoubtPolicy) {}

  public RoundRunner(
      Db db, Clock clock, EnrollmentStore enrollments, DispatchStore dispatches, ContactStore contacts,
      TouchpointStore touchpoints, CadenceRegistry cadences, RoundPolicies policies, TemplateRenderer templates,
      ChannelRegistry channels, Dispatcher dispatcher, Notifier notifier, Settings settings, CadenceSteps steps,
      StaffTaskFlow staffTasks, SchedulerRows schedulerRows, SendQuotaStore quotas,
      MessageConfirmations confirmations, GroupCommit records) {
    this.records = records;
    this.quotas = quotas;
    this.confirmations = confirmations;
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
    this.schedulerRows = schedulerRows;
    this.reads = new RoundReads(enrollments, dispatches, contacts);
  }

  /**
   * The wake-up db-scheduler handed over.
   *
   * @param enrollmentId the enrollment to run
   * @param version the execution's version as picked; completing it is conditional on it
   * @param interruptedAt set when an earlier run of this wake-up did not complete: when it was last
   *     known alive (its last heartbeat) or failed. Its attempt may have been sent.
   */
  public record Wake(long enrollmentId, long version, Optional<Instant> interruptedAt) {}

  /** What a record step committed: the next wake-up, and the effects to publish. */
  private record Recorded(Optional<Instant> next, Effects effects) {}

  /** What step 1 decided. */
  private sealed interface Step {}

  /**
   * Nothing to send now.
   *
   * @param keepInterruption the interrupted attempt is still to be looked up: the wake-up keeps
   *     its failure count
   */
  private record Finished(Optional<Instant> wakeAt, boolean keepInterruption) implements Step {
    Finished(Optional<Instant> wakeAt) {
      this(wakeAt, false);
    }
  }

  /** The round only writes, or belongs to a staff cadence: run it again under the row lock. */
  private record NeedsLock() implements Step {}

  private static final NeedsLock NEEDS_LOCK = new NeedsLock();

  /**
   * @param zone the contact's time zone, for the next round's due time
   * @param passedOver why the round's earlier channels were not used
   */
  private record Send(
      EnrollmentRow enrollment, DispatchRow dispatch, ConfiguredChannel channel, OutboundMessage message, ZoneId zone,
      List<String> passedOver)
      implements Step {}

  /** A staff member has the round's message: ask its provider whether they sent it. */
  private record Confirm(MessageConfirmations.Poll poll) implements Step {}

  /**
   * A send whose outcome must be asked for before the round goes on.
   *
   * @param stored the dispatch is a pending row (an unknown outcome); otherwise it is the attempt
   *     of an interrupted run, never recorded
   * @param candidates where an interrupted attempt may have gone: every channel of the round that
   *     can reach the contact
   */
  private record Recover(EnrollmentRow enrollment, DispatchRow dispatch, boolean stored, List<RoundDecision.Send> candidates)
      implements Step {}

  /**
   * Runs the enrollment's due round, if any, and completes the wake-up in the same transaction.
   *
   * @return when the enrollment wakes next; empty when it has ended
   * @throws NothingSentException when the run failed before anything could have been sent
   * @throws SchedulerRows.WakeUpTakenOverException when another run took the wake-up over meanwhile
   */
  public Optional<Instant> run(Wake wake) {
    Step step;
    try {
      step = db.read("plan round", c -> prepare(c, wake, null, reads.unlocked(c, wake.enrollmentId())));
      if (step instanceof NeedsLock) {
        Effects effects = new Effects(touchpoints);
        Optional<Instant> next = db.inTransaction("run round", c -> {
          Step locked = prepare(c, wake, effects, reads.locked(c, wake.enrollmentId()));
          // The state changed since it was read (a send is due after all): run again, unlocked.
          Finished f = locked instanceof Finished x
              ? x : new Finished(Optional.of(clock.instant()), wake.interruptedAt().isPresent());
          complete(c, wake, f);
          return f.wakeAt();
        });
        notifier.publish(effects);
        return next;
      }
      if (step instanceof Finished f) {
        db.inTransaction("finish round", c -> complete(c, wake, f));
        return f.wakeAt();
      }
    } catch (SchedulerRows.WakeUpTakenOverException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new NothingSentException(wake, e);
    }
    if (step instanceof Send s) {
      SendOutcome outcome = dispatcher.send(s.channel(), s.message());
      return record("record send", wake, (c, fx) -> recordSend(c, s, outcome, fx));
    }
    if (step instanceof Confirm k) {
      MessageConfirmations.Answer answer = confirmations.ask(k.poll(), clock.instant());
      return record("record confirmation", wake,
          (c, fx) -> confirmations.record(c, k.poll(), answer, clock.instant(), fx));
    }
    Recover r = (Recover) step;
    Resolved answer = r.stored() ? new Resolved(lookup(r.dispatch()), r.dispatch()) : lookupInterrupted(r);
    return record("recover dispatch", wake, (c, fx) -> recordRecovery(c, r, answer, fx));
  }

  /** What a record step writes, given its transaction and its effects; returns the next wake-up. */
  @FunctionalInterface
  private interface RecordStep {
    Optional<Instant> write(Connection c, Effects fx) throws SQLException;
  }

  /**
   * Runs a record step and completes the wake-up with it, in a transaction that rounds recording at
   * the same moment may share ({@link GroupCommit}), then publishes its effects. The step may run
   * twice (a shared transaction that failed), so each run collects effects of its own.
   */
  private Optional<Instant> record(String operation, Wake wake, RecordStep step) {
    Recorded recorded = records.run(operation, c -> {
      Effects fx = new Effects(touchpoints);
      return new Recorded(complete(c, wake, step.write(c, fx)), fx);
    });
    notifier.publish(recorded.effects());
    return recorded.next();
  }

  private Optional<Instant> complete(Connection c, Wake wake, Optional<Instant> next) throws SQLException {
    return complete(c, wake, new Finished(next));
  }

  private Optional<Instant> complete(Connection c, Wake wake, Finished f) throws SQLException {
    schedulerRows.complete(c, wake.enrollmentId(), wake.version(), f.wakeAt(), clock.instant(), f.keepInterruption());
    return f.wakeAt();
  }

  /**
   * Decides the round. With {@code fx} null it only reads and answers {@link #NEEDS_LOCK} wherever it
   * would write; with {@code fx} it holds the enrollment's row lock, writes, and never sends.
   *
   * @param r the reads: {@link RoundReads#unlocked} without {@code fx}, {@link RoundReads#locked} with
   */
  private Step prepare(Connection c, Wake wake, Effects fx, RoundReads.Reads r) throws SQLException {
    boolean writes = fx != null;
    long id = wake.enrollmentId();
    Optional<EnrollmentRow> found = r.enrollment();
    if (found.isEmpty() || !found.get().isActive()) {
      return new Finished(Optional.empty());
    }
    EnrollmentRow e = found.get();
    Instant now = clock.instant();
    if (e.nextRoundAt() != null && e.nextRoundAt().isAfter(now)) {
      return new Finished(Optional.of(e.nextRoundAt()), wake.interruptedAt().isPresent());
    }
    CadenceDefinition def = cadences.get(e.cadenceId(), e.cadenceVersion());
    int roundNo = e.nextRound();
    if (roundNo > def.rounds().size()) {
      if (!writes) {
        return NEEDS_LOCK;
      }
      // The attribution window after the last round has passed without a goal.
      steps.end(c, e, EnrollmentState.COMPLETED, "completed", null, now, fx);
      return new Finished(Optional.empty());
    }
    Round round = def.round(roundNo);
    List<DispatchRow> attempts = r.attempts(roundNo);
    for (DispatchRow d : attempts) {
      if (d.state() == DispatchState.PENDING) {
        // Asked too early, a provider can only answer "cannot tell", and the round would be
        // counted in doubt although the answer was a few minutes away. So the provider is asked
        // once the attempt is old enough.
        Instant askAt = d.updatedAt().plus(IN_DOUBT_CHECK_DELAY);
        if (askAt.isAfter(now)) {
          if (!writes) {
            return NEEDS_LOCK;
          }
          enrollments.update(c, e.scheduled(roundNo, askAt, now));
          return new Finished(Optional.of(askAt));
        }
        return writes ? new Finished(Optional.of(now)) : new Recover(e, d, true, List.of());
      }
    }
    boolean staffCadence = staffTasks.involves(def);
    Optional<StaffTaskRow> openTask = staffCadence ? staffTasks.openTask(c, id) : Optional.empty();
    if (openTask.isPresent() && openTask.get().kind() == StaffTaskKind.CONFIRM_MESSAGE) {
      // Nothing is sent while a staff member has the round's message, so an interrupted wake-up
      // was a poll and has nothing to look up: ask again. Under the lock, run again unlocked.
      return writes ? new Finished(Optional.of(now)) : new Confirm(confirmations.poll(c, e, openTask.get()));
    }
    Optional<Contact> contact = r.contact(e.contactId());
    Map<String, String> excluded = failedChannels(attempts);
    if (wake.interruptedAt().isPresent()) {
      Instant interrupted = wake.interruptedAt().get();
      Instant askAt = interrupted.plus(IN_DOUBT_CHECK_DELAY);
      if (askAt.isAfter(now)) {
        return new Finished(Optional.of(askAt), true);
      }
      if (writes) {
        return new Finished(Optional.of(now), true);
      }
      List<RoundDecision.Send> candidates =
          contact.map(who -> policies.candidates(who, round, excluded.keySet())).orElse(List.of());
      String firstChannel = candidates.isEmpty() ? round.channels().get(0) : candidates.get(0).channel().name();
      Address to = candidates.isEmpty() ? null : candidates.get(0).to();
      int attempt = attempts.size() + 1;
      DispatchRow interruptedAttempt = new DispatchRow(DispatchRow.idFor(id, roundNo, attempt), id, roundNo, attempt,
          firstChannel, null, DispatchState.PENDING, null, null, settings.instanceName(), interrupted, interrupted, to);
      return new Recover(e, interruptedAttempt, false, candidates);
    }
    if (staffCadence) {
      if (openTask.isPresent()) {
        if (!writes) {
          return NEEDS_LOCK;
        }
        StaffTaskFlow.Wake waiting = staffTasks.onWake(c, e, def, now, fx);
        if (!waiting.roundGoesOn()) {
          return new Finished(waiting.next());
        }
      }
      staffTasks.fallenBack(c, id, roundNo).forEach(excluded::putIfAbsent);
    }
    if (contact.isEmpty()) {
      if (!writes) {
        return NEEDS_LOCK;
      }
      fx.append(c, TouchpointDraft.ofRound(e, roundNo, TouchpointKind.SUPPRESSED, now).reason("contact no longer exists"));
      return new Finished(advance(c, e, def, now, fx));
    }
    RoundDecision decision = policies.decide(c, contact.get(), def.purpose(), round, excluded, now);
    if (!(decision instanceof RoundDecision.Send) && !writes) {
      return NEEDS_LOCK;
    }
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
      if (!writes) {
        return NEEDS_LOCK;
      }
      fx.append(c, TouchpointDraft.ofRound(e, roundNo, TouchpointKind.FAILED, now)
          .channel(send.channel().name()).reason(ex.getMessage()));
      return new Finished(advance(c, e, def, now, fx));
    }
    Optional<StaffCallChannel> staff = staffTasks.staffChannel(send.channel());
    if (staff.isPresent()) {
      return writes
          ? new Finished(staffTasks.create(c, e, roundNo, staff.get(), send.to(), text, now, fx))
          : NEEDS_LOCK;
    }
    if (writes) {
      return new Finished(Optional.of(now));
    }
    int attempt = attempts.size() + 1;
    String dispatchId = DispatchRow.idFor(id, roundNo, attempt);
    DispatchRow row = new DispatchRow(dispatchId, id, roundNo, attempt, send.channel().name(),
        send.channel().providers().get(0).providerId(), DispatchState.PENDING, null, null,
        settings.instanceName(), now, now, send.to());
    OutboundMessage message = new OutboundMessage(DispatchId.of(dispatchId), send.channel().name(), who.id(),
        send.to(), def.purpose(), round.template(), variables, text, who.locale());
    return new Send(e, row, send.channel(), message, policies.zoneOf(who), send.passedOver());
  }

  private Optional<Instant> recordSend(Connection c, Send s, SendOutcome outcome, Effects fx) throws SQLException {
    Optional<EnrollmentRow> locked = enrollments.lock(c, s.enrollment().id());
    Instant now = clock.instant();
    DispatchRow d = s.dispatch();
    EnrollmentRow e = locked.orElse(s.enrollment());
    boolean current = locked.isPresent() && e.isActive() && e.nextRound() == d.round();
    CadenceDefinition def = cadences.get(e.cadenceId(), e.cadenceVersion());
    if (outcome instanceof SendOutcome.Accepted a) {
      // Why other channels and providers did not carry it: the fallback stays visible on the touchpoint.
      List<String> why = new ArrayList<>(s.passedOver());
      if (!a.notes().isEmpty()) {
        why.add("failover: " + String.join("; ", a.notes()));
      }
      String notes = why.isEmpty() ? null : String.join("; ", why);
      Optional<StaffConfirmation> confirmation = confirmations.of(s.channel(), a.provider());
      if (confirmation.isPresent() && d.to() != null) {
        DispatchRow queued = d.resolved(DispatchState.AWAITING_STAFF, a.provider(), a.result().providerMessageId(),
            notes, now);
        if (!current) {
          dispatches.insert(c, queued.resolved(DispatchState.FAILED, null, null, MessageConfirmations.UNWANTED, now));
          confirmations.withdrawUnwanted(c, e, queued, now, fx);
          return stillScheduled(e);
        }
        dispatches.insert(c, queued);
        return confirmations.await(c, e, queued, confirmation.get(), notes, now, fx);
      }
      dispatches.insert(c, d.resolved(DispatchState.ACCEPTED, a.provider(), a.result().providerMessageId(), notes, now));
      quotas.useFor(c, s.channel().provider(a.provider()).channel(), s.message().templateId(), d.to(),
          a.result().providerMessageId(), now);
      fx.append(c, TouchpointDraft.ofRound(e, d.round(), TouchpointKind.SENT, now).channel(d.channel())
          .provider(a.provider()).dispatch(d.dispatchId()).providerMessageId(a.result().providerMessageId())
          .reason(notes).attributes(a.result().attributes()));
      log.debug("Round {} of enrollment {} sent on '{}' via '{}' as dispatch {}",
          d.round(), e.id(), d.channel(), a.provider(), d.dispatchId());
      if (!current) {
        return stillScheduled(e);
      }
      return steps.advance(c, e.touched(d.round()), def, now, fx, Optional.of(s.zone()));
    }
    SendOutcome.Failed f = (SendOutcome.Failed) outcome;
    if (f.outcome() == ChannelException.Outcome.DEFER && ProviderGuard.refusedCall(f.code())
        && hasAnotherChannel(c, e, def, d)) {
      // The guards held the round back, but another of its channels may carry it: count the refusal
      // as an attempt, as before, so that the round moves on to that channel instead of waiting.
      f = new SendOutcome.Failed(f.provider(), ChannelException.Outcome.RETRY, f.code(), f.reason(), null, false, false);
    }
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
          dispatches.insert(c, d.resolved(DispatchState.PENDING, f.provider(), null, "outcome unknown: " + f.reason(), now));
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
          dispatches.insert(c, d.resolved(DispatchState.RETRY, f.provider(), null, f.reason(), now));
          if (!current) {
            return stillScheduled(e);
          }
          Instant retryAt = now.plus(backoff(attemptsOnChannel));
          enrollments.update(c, e.scheduled(d.round(), retryAt, now));
          return Optional.of(retryAt);
        }
        String reason = "gave up after " + attemptsOnChannel + " attempts: " + f.reason();
        dispatches.insert(c, d.resolved(DispatchState.FAILED, f.provider(), null, reason, now));
        fx.append(c, failed(e, d, f, reason, now));
      }
      case PERMANENT -> {
        String reason = f.reason() + noQuotaLeft(c, s, f, now);
        dispatches.insert(c, d.resolved(DispatchState.FAILED, f.provider(), null, reason, now));
        fx.append(c, failed(e, d, f, reason, now));
      }
      case DEFER -> {
        // A round the guards held back (no provider was called) waits longer each time it is held
        // back again, so a provider that stays down costs a row or two per round now and then, not
        // every time its breaker half-opens.
        Instant backedOff = now.plus(backoff(d.attempt()));
        Instant until = ProviderGuard.refusedCall(f.code()) && backedOff.isAfter(f.retryAt()) ? backedOff : f.retryAt();
        dispatches.insert(c, d.resolved(DispatchState.DEFERRED, f.provider(), null, f.reason(), now));
        fx.append(c, TouchpointDraft.ofRound(e, d.round(), TouchpointKind.DEFERRED, now).channel(d.channel())
            .provider(f.provider()).dispatch(d.dispatchId()).reason(f.reason() + "; deferred to " + until));
        if (!current) {
          return stillScheduled(e);
        }
        enrollments.update(c, e.scheduled(d.round(), until, now));
        return Optional.of(until);
      }
      case RECIPIENT_OPTED_OUT -> {
        dispatches.insert(c, d.resolved(DispatchState.FAILED, f.provider(), null, f.reason(), now));
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
    Map<String, String> failedChannels = failedChannels(dispatches.ofRound(c, e.id(), d.round()));
    if (round.channels().stream().anyMatch(ch -> !failedChannels.containsKey(ch))) {
      enrollments.update(c, e.scheduled(d.round(), now, now));
      return Optional.of(now);
    }
    return advance(c, e, def, now, fx);
  }

  /** Whether the round lists a channel besides this dispatch's that has not failed it for good. */
  private boolean hasAnotherChannel(Connection c, EnrollmentRow e, CadenceDefinition def, DispatchRow d)
      throws SQLException {
    Map<String, String> failed = failedChannels(dispatches.ofRound(c, e.id(), d.round()));
    return def.round(d.round()).channels().stream()
        .anyMatch(ch -> !ch.equals(d.channel()) && !failed.containsKey(ch));
  }

  /**
   * A refusal for want of the recipient's send quota sets the count to zero, so later rounds fall
   * back without asking the provider until a new grant arrives. Counted once per dispatch.
   *
   * @return what to add to the failure's reason; empty when the refusal was not about quota
   */
  private String noQuotaLeft(Connection c, Send s, SendOutcome.Failed f, Instant now) throws SQLException {
    Address to = s.dispatch().to();
    Optional<String> key = f.noQuotaLeft() && to != null
        ? s.channel().provider(f.provider()).channel().sendQuotaKey(s.message().templateId())
        : Optional.empty();
    if (key.isEmpty()) {
      return "";
    }
    quotas.apply(c, to, key.get(), QuotaChange.REVOKED, "refused:" + s.dispatch().dispatchId(), now, now);
    return "; no send quota left for '" + key.get() + "': the count is now 0";
  }

  /**
   * Channels that failed this round for good, each with the last failure's detail: the round's
   * other channels may still carry it, and the touchpoint of the one that does says why.
   */
  private static Map<String, String> failedChannels(List<DispatchRow> attempts) {
    Map<String, String> failed = new LinkedHashMap<>();
    for (DispatchRow d : attempts) {
      if (d.state() == DispatchState.FAILED) {
        failed.put(d.channel(), d.detail());
      }
    }
    return failed;
  }

  private static TouchpointDraft failed(EnrollmentRow e, DispatchRow d, SendOutcome.Failed f, String reason, Instant now) {
    return TouchpointDraft.ofRound(e, d.round(), TouchpointKind.FAILED, now).channel(d.channel())
        .provider(f.provider()).dispatch(d.dispatchId()).reason(reason).attribute("providerCode", f.code());
  }

  /** A look-up's answer, with the dispatch as the provider that answered knows it. */
  private record Resolved(LookupResult answer, DispatchRow dispatch) {}

  private LookupResult lookup(DispatchRow d) {
    Optional<ConfiguredChannel> channel = channels.get(d.channel());
    if (channel.isEmpty()) {
      return LookupResult.unknown("channel '" + d.channel() + "' is no longer configured");
    }
    return lookup(channel.get().provider(d.provider()).channel(), d);
  }

  private LookupResult lookup(Channel ch, DispatchRow d) {
    try {
      LookupResult r = d.to() == null
          ? ch.lookup(DispatchId.of(d.dispatchId()))
          : ch.lookup(new LookupRequest(DispatchId.of(d.dispatchId()), d.to(), d.createdAt()));
      return r != null ? r : LookupResult.unknown("look-up returned nothing");
    } catch (RuntimeException ex) {
      log.warn("Look-up of in-doubt dispatch {} on channel '{}' failed", d.dispatchId(), d.channel(), ex);
      return LookupResult.unknown("look-up failed: " + ex.getClass().getSimpleName());
    }
  }

  /**
   * Asks every provider that may have taken an interrupted attempt (its channel and failover were
   * not recorded): found at one wins; not found only when every one says so; otherwise unknown.
   */
  private Resolved lookupInterrupted(Recover r) {
    DispatchRow d = r.dispatch();
    if (r.candidates().isEmpty()) {
      return new Resolved(LookupResult.unknown("the contact has no address left to look the send up by"), d);
    }
    List<String> unknown = new ArrayList<>();
    for (RoundDecision.Send candidate : r.candidates()) {
      for (ConfiguredChannel.Bound binding : candidate.channel().providers()) {
        DispatchRow asked = d.on(candidate.channel().name(), binding.providerId(), candidate.to());
        LookupResult answer = lookup(binding.channel(), asked);
        if (answer.status() == LookupResult.Status.FOUND) {
          return new Resolved(answer, asked);
        }
        if (answer.status() != LookupResult.Status.NOT_FOUND) {
          unknown.add(binding.providerId() + ": " + answer.detail());
        }
      }
    }
    return unknown.isEmpty()
        ? new Resolved(LookupResult.notFound("no provider has it"), d)
        : new Resolved(LookupResult.unknown(String.join("; ", unknown)), d);
  }

  private Optional<Instant> recordRecovery(Connection c, Recover r, Resolved resolved, Effects fx) throws SQLException {
    Optional<EnrollmentRow> locked = enrollments.lock(c, r.enrollment().id());
    Instant now = clock.instant();
    DispatchRow d = resolved.dispatch();
    LookupResult answer = resolved.answer();
    EnrollmentRow e = locked.orElse(r.enrollment());
    boolean current = locked.isPresent() && e.isActive() && e.nextRound() == d.round();
    CadenceDefinition def = cadences.get(e.cadenceId(), e.cadenceVersion());
    log.info("Dispatch {} was interrupted before its outcome was recorded; provider look-up: {} ({})",
        d.dispatchId(), answer.status(), answer.detail());
    switch (answer.status()) {
      case FOUND -> {
        String msgId = answer.providerMessageId().orElseThrow();
        Optional<ConfiguredChannel> sentOn = channels.get(d.channel());
        Optional<StaffConfirmation> confirmation =
            sentOn.flatMap(ch -> confirmations.of(ch, d.provider())).filter(x -> d.to() != null);
        if (confirmation.isPresent()) {
          // Found queued for a staff member: wait for them as after any accepted send.
          DispatchRow queued = d.resolved(DispatchState.AWAITING_STAFF, null, msgId, null, now);
          if (!current) {
            record(c, r, d, DispatchState.FAILED, msgId, MessageConfirmations.UNWANTED, now);
            confirmations.withdrawUnwanted(c, e, queued, now, fx);
            return stillScheduled(e);
          }
          record(c, r, d, DispatchState.AWAITING_STAFF, msgId, "recovered: found at provider", now);
          return confirmations.await(c, e, queued, confirmation.get(), null, now, fx);
        }
        record(c, r, d, DispatchState.ACCEPTED, msgId, "recovered: found at provider", now);
        if (sentOn.isPresent()) {
          Channel sentBy = sentOn.get().provider(d.provider()).channel();
          quotas.useFor(c, sentBy, def.round(d.round()).template(), d.to(), msgId, now);
        }
        fx.append(c, TouchpointDraft.ofRound(e, d.round(), TouchpointKind.SENT, now).channel(d.channel())
            .provider(d.provider()).dispatch(d.dispatchId()).providerMessageId(msgId)
            .attribute("recovered", "true"));
        return current ? advance(c, e.touched(d.round()), def, now, fx) : stillScheduled(e);
      }
      case NOT_FOUND -> {
        record(c, r, d, DispatchState.NOT_SENT, null, "not found at provider: " + answer.detail(), now);
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
        record(c, r, d, DispatchState.IN_DOUBT, null, reason, now);
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

  /** Resolves a pending dispatch, or records an interrupted attempt for the first time. */
  private void record(Connection c, Recover r, DispatchRow d, DispatchState state, String providerMessageId,
      String detail, Instant now) throws SQLException {
    if (r.stored()) {
      dispatches.resolve(c, d.dispatchId(), state, null, providerMessageId, detail, now);
    } else {
      dispatches.insert(c, d.resolved(state, null, providerMessageId, detail, now));
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
