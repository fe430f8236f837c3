package io.touchbase.core.internal.task;

import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.task.CallPolicy;
import io.touchbase.api.task.StaffTaskKind;
import io.touchbase.api.task.StaffTaskState;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.internal.cadence.CadenceRegistry;
import io.touchbase.core.internal.cadence.CadenceSteps;
import io.touchbase.core.internal.channel.ChannelRegistry;
import io.touchbase.core.internal.channel.ConfiguredChannel;
import io.touchbase.core.internal.engine.Effects;
import io.touchbase.core.internal.engine.TouchpointDraft;
import io.touchbase.core.internal.store.DispatchRow;
import io.touchbase.core.internal.store.DispatchState;
import io.touchbase.core.internal.store.DispatchStore;
import io.touchbase.core.internal.store.EnrollmentRow;
import io.touchbase.core.internal.store.EnrollmentStore;
import io.touchbase.core.internal.store.SendQuotaStore;
import io.touchbase.core.internal.store.StaffTaskRow;
import io.touchbase.core.internal.store.StaffTaskStore;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.StaffConfirmation.ConfirmationRequest;
import io.touchbase.spi.channel.StaffConfirmation.ConfirmationStatus;
import io.touchbase.spi.channel.StaffConfirmation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How sends that a staff member must confirm run ({@link StaffConfirmation}, such as a WeCom
 * customer-contact message). The accepted send becomes an {@link DispatchState#AWAITING_STAFF}
 * dispatch and an open {@link StaffTaskKind#CONFIRM_MESSAGE} task with a {@code TASK_CREATED}
 * touchpoint ({@link #await}); the enrollment wakes every poll interval, asks the provider with no
 * transaction open ({@link #ask}) and records the answer under its row lock ({@link #record}):
 *
 * <ul>
 *   <li>sent: a {@code SENT} touchpoint, and the round moves on;
 *   <li>not sent: a {@code FAILED} touchpoint with the provider's reason, and the round falls back
 *       to its next channel;
 *   <li>still pending at the deadline: the message is withdrawn at the provider, a {@code
 *       TASK_EXPIRED} touchpoint says so, and the round falls back.
 * </ul>
 *
 * <p>A provider that can not be asked is asked again at the next poll; one still unanswered {@value
 * #UNANSWERED_POLLS} polls after the deadline is withdrawn and the round falls back with that
 * reason. An enrollment that ends first (goal, cancel) withdraws the message through {@link
 * CadenceSteps#cancel}.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class MessageConfirmations {
  private static final Logger log = LoggerFactory.getLogger(MessageConfirmations.class);

  /** Polls after the deadline a provider that does not answer gets before the round falls back. */
  static final int UNANSWERED_POLLS = 3;

  /** How often a confirmation whose channel or provider is no longer configured is looked at. */
  static final Duration UNCONFIGURED_POLL = Duration.ofMinutes(10);

  private final ChannelRegistry channels;
  private final CadenceRegistry cadences;
  private final StaffTaskStore tasks;
  private final EnrollmentStore enrollments;
  private final DispatchStore dispatches;
  private final SendQuotaStore quotas;
  private final CadenceSteps steps;
  private final StaffTaskFlow flow;

  public MessageConfirmations(ChannelRegistry channels, CadenceRegistry cadences, StaffTaskStore tasks,
      EnrollmentStore enrollments, DispatchStore dispatches, SendQuotaStore quotas, CadenceSteps steps,
      StaffTaskFlow flow) {
    this.channels = channels;
    this.cadences = cadences;
    this.tasks = tasks;
    this.enrollments = enrollments;
    this.dispatches = dispatches;
    this.quotas = quotas;
    this.steps = steps;
    this.flow = flow;
  }

  /** The confirmation a send accepted by this provider of the channel waits for, if any. */
  public Optional<StaffConfirmation> of(ConfiguredChannel channel, String providerId) {
    return channel.provider(providerId).channel().staffConfirmation();
  }

  /**
   * Opens the task for a send the provider accepted and queued for a staff member; the caller has
   * recorded its dispatch as {@link DispatchState#AWAITING_STAFF}. The enrollment sleeps until the
   * first poll.
   *
   * @param e the enrollment, locked, active and on the dispatch's round
   * @param queued the dispatch with its provider, message id and address
   * @param notes why earlier channels or providers did not carry the round, or null
   * @return when to wake the enrollment
   */
  public Optional<Instant> await(Connection c, EnrollmentRow e, DispatchRow queued, StaffConfirmation confirmation,
      String notes, Instant now, Effects fx) throws SQLException {
    int attempt = 1 + (int) tasks.ofRound(c, e.id(), queued.round()).stream()
        .filter(t -> t.channel().equals(queued.channel())).count();
    StaffTaskRow t = tasks.insert(c, StaffTaskRow.open(StaffTaskKind.CONFIRM_MESSAGE, queued.channel(),
        queued.channel(), e, queued.round(), attempt, queued.to(), null, now, now.plus(confirmation.deadline()), now));
    fx.append(c, about(e, t, queued, TouchpointKind.TASK_CREATED, now)
        .attribute("dueAt", t.dueAt().toString()).attribute("deadline", t.deadline().toString())
        .reason("waiting for a staff member to send it in the provider's client" + (notes == null ? "" : "; " + notes)));
    log.debug("Round {} of enrollment {} waits for a staff member to send dispatch {} (staff task {})",
        queued.round(), e.id(), queued.dispatchId(), t.id());
    Instant poll = earlier(now.plus(confirmation.pollInterval()), t.deadline());
    enrollments.update(c, e.scheduled(queued.round(), poll, now));
    return Optional.of(poll);
  }

  /** Why a message queued after its enrollment had moved on is given up. */
  public static final String UNWANTED =
      "withdrawn: the enrollment had moved on when the provider queued the message for staff";

  /**
   * Gives up a send the provider queued after its enrollment had moved on (a goal or cancel landed
   * while it was being sent): a {@code FAILED} touchpoint says so, and the message is withdrawn at
   * the provider after the commit. The caller records the dispatch as FAILED with {@link
   * #UNWANTED}.
   */
  public void withdrawUnwanted(Connection c, EnrollmentRow e, DispatchRow queued, Instant now, Effects fx)
      throws SQLException {
    fx.append(c, TouchpointDraft.ofRound(e, queued.round(), TouchpointKind.FAILED, now).channel(queued.channel())
        .provider(queued.provider()).dispatch(queued.dispatchId()).providerMessageId(queued.providerMessageId())
        .reason(UNWANTED));
    fx.withdraw(new Effects.Withdrawal(queued.channel(), queued.provider(), queued.confirmationRequest(now)));
  }

  /**
   * An open confirmation to ask about.
   *
   * @param dispatch the send it waits for; null when none is found (a bug if seen)
   * @param confirmation empty when the channel or provider is no longer configured
   */
  public record Poll(EnrollmentRow enrollment, StaffTaskRow task, DispatchRow dispatch,
      Optional<StaffConfirmation> confirmation) {}

  /** Reads what the enrollment's open {@code CONFIRM_MESSAGE} task waits for. */
  public Poll poll(Connection c, EnrollmentRow e, StaffTaskRow t) throws SQLException {
    DispatchRow d = steps.awaitedBy(c, t).orElse(null);
    return new Poll(e, t, d, d == null ? Optional.empty() : configured(d.channel(), d.provider()));
  }

  /** The confirmation of a provider of a channel, while both are still configured. */
  private Optional<StaffConfirmation> configured(String channel, String provider) {
    return channels.get(channel)
        .flatMap(ch -> ch.providers().stream().filter(b -> b.providerId().equals(provider)).findFirst())
        .flatMap(b -> b.channel().staffConfirmation());
  }

  /**
   * What the provider said.
   *
   * @param status empty when it could not be asked
   * @param unanswered why it could not be asked, when it could not
   * @param withdrawal set when the wait is given up: how the withdrawal at the provider went
   */
  public record Answer(Optional<ConfirmationStatus> status, String unanswered, Optional<String> withdrawal) {}

  /** Asks the provider, and withdraws the message when the wait is over. Runs with no transaction open. */
  public Answer ask(Poll p, Instant now) {
    StaffTaskRow t = p.task();
    if (p.dispatch() == null || p.confirmation().isEmpty()) {
      String why = p.dispatch() == null ? "no queued dispatch found for the task"
          : "channel '" + t.channel() + "' or its provider is no longer configured";
      return new Answer(Optional.empty(), why,
          givesUp(p, false, now) ? Optional.of("not withdrawn: " + why) : Optional.empty());
    }
    StaffConfirmation confirmation = p.confirmation().get();
    ConfirmationRequest request = p.dispatch().confirmationRequest(t.createdAt());
    Optional<ConfirmationStatus> status;
    String unanswered = null;
    try {
      status = Optional.of(confirmation.status(request));
    } catch (RuntimeException ex) {
      status = Optional.empty();
      unanswered = describe(ex);
      log.warn("Could not ask provider '{}' whether staff sent dispatch {}: {}",
          p.dispatch().provider(), p.dispatch().dispatchId(), unanswered);
    }
    boolean pending = status.map(s -> s.state() == ConfirmationStatus.State.PENDING).orElse(true);
    Optional<String> withdrawal = pending && givesUp(p, status.isPresent(), now)
        ? Optional.of(withdraw(confirmation, request, p.dispatch().provider()))
        : Optional.empty();
    return new Answer(status, unanswered, withdrawal);
  }

  /** At the deadline when the provider answers; {@value #UNANSWERED_POLLS} polls later when it does not. */
  private static boolean givesUp(Poll p, boolean answered, Instant now) {
    StaffTaskRow t = p.task();
    Instant limit = answered ? t.deadline() : t.deadline().plus(pollInterval(p).multipliedBy(UNANSWERED_POLLS));
    return !now.isBefore(limit);
  }

  /**
   * The interval of the provider that queued the message; one whose provider is no longer
   * configured is looked at every {@link #UNCONFIGURED_POLL} until it is given up.
   */
  private static Duration pollInterval(Poll p) {
    return p.confirmation().map(StaffConfirmation::pollInterval).orElse(UNCONFIGURED_POLL);
  }


  private static String withdraw(StaffConfirmation confirmation, ConfirmationRequest request, String provider) {
    try {
      confirmation.cancel(request);
      return "withdrawn at the provider";
    } catch (RuntimeException ex) {
      String why = describe(ex);
      log.warn("Provider '{}' could not withdraw dispatch {}: {}", provider, request.dispatchId().value(), why);
      return "withdrawal at the provider failed: " + why;
    }
  }

  /** Withdraws a message given up by a committed transaction; logs, never throws. */
  public void withdraw(Effects.Withdrawal w) {
    Optional<StaffConfirmation> confirmation = configured(w.channel(), w.provider());
    if (confirmation.isEmpty()) {
      log.warn("Dispatch {} can not be withdrawn: channel '{}' or provider '{}' is no longer configured",
          w.request().dispatchId().value(), w.channel(), w.provider());
      return;
    }
    String outcome = withdraw(confirmation.get(), w.request(), w.provider());
    log.info("Dispatch {} on channel '{}' given up while waiting for staff: {}",
        w.request().dispatchId().value(), w.channel(), outcome);
  }

  /** A channel's own message is kept (it names no contact data); other failures by their type. */
  private static String describe(RuntimeException ex) {
    return ex instanceof ChannelException ce ? ce.getMessage() : ex.getClass().getSimpleName();
  }

  /**
   * Records the provider's answer under the enrollment's row lock.
   *
   * @return when to wake the enrollment next; empty when it ended
   */
  public Optional<Instant> record(Connection c, Poll p, Answer a, Instant now, Effects fx) throws SQLException {
    Optional<EnrollmentRow> locked = enrollments.lock(c, p.enrollment().id());
    StaffTaskRow t = tasks.lock(c, p.task().id()).orElseThrow();
    Optional<ConfirmationStatus> status = a.status();
    boolean sent = status.map(s -> s.state() == ConfirmationStatus.State.SENT).orElse(false);
    if (locked.isEmpty() || !t.isOpen()) {
      // The enrollment ended meanwhile and gave the message up; if the staff member had sent it
      // by then, that is still what happened.
      if (sent && p.dispatch() != null) {
        recordSent(c, p.enrollment(), t, p.dispatch(), status.get(), "sent before the enrollment ended", now, fx);
      }
      return locked.filter(EnrollmentRow::isActive).map(EnrollmentRow::nextRoundAt);
    }
    EnrollmentRow e = locked.get();
    CadenceDefinition def = cadences.get(e.cadenceId(), e.cadenceVersion());
    if (!e.isActive() || e.nextRound() != t.round() || p.dispatch() == null) {
      // No path leaves a task open past its round; kept as a guard so that none can.
      steps.cancel(c, e, t, p.dispatch() == null ? "no queued dispatch found" : "round " + t.round() + " is over",
          now, fx);
      return e.isActive() ? Optional.of(now) : Optional.empty();
    }
    DispatchRow d = p.dispatch();
    if (sent) {
      recordSent(c, e, t, d, status.get(), d.detail(), now, fx);
      return steps.advance(c, e.touched(t.round()), def, now, fx);
    }
    boolean notSent = status.map(s -> s.state() == ConfirmationStatus.State.NOT_SENT).orElse(false);
    if (!notSent && a.withdrawal().isEmpty()) {
      Instant next = now.isBefore(t.deadline())
          ? earlier(now.plus(pollInterval(p)), t.deadline())
          : now.plus(pollInterval(p));
      enrollments.update(c, e.scheduled(t.round(), next, now));
      return Optional.of(next);
    }
    boolean more = flow.hasChannelLeft(c, e.id(), def.round(t.round()), t.round(), t.channel());
    String onwards = more ? "; falling back to the round's next channel" : "; moving on";
    String nextStep = more ? StaffTaskRow.FALL_BACK : CallPolicy.Action.MOVE_ON.name();
    if (notSent) {
      ConfirmationStatus s = status.get();
      String why = "not sent: " + s.detail();
      tasks.confirmed(c, t.id(), s.staffId().orElse(null), nextStep, why, now);
      dispatches.resolve(c, d.dispatchId(), DispatchState.FAILED, null, null, why, now);
      TouchpointDraft failed = about(e, t, d, TouchpointKind.FAILED, now).reason(why + onwards);
      s.staffId().ifPresent(staff -> failed.attribute("staff", staff));
      fx.append(c, failed);
    } else {
      String why = (status.isPresent()
          ? "not sent by staff by its deadline " + t.deadline()
          : "not sent by staff by its deadline " + t.deadline() + " as far as known: the provider could not be asked ("
              + a.unanswered() + ")")
          + "; " + a.withdrawal().get();
      tasks.close(c, t.id(), StaffTaskState.EXPIRED, nextStep, why, now);
      dispatches.resolve(c, d.dispatchId(), DispatchState.FAILED, null, null, why, now);
      fx.append(c, about(e, t, d, TouchpointKind.TASK_EXPIRED, now).reason(why + onwards));
    }
    log.debug("Dispatch {} of enrollment {} was not sent by staff{}", d.dispatchId(), e.id(), onwards);
    if (more) {
      enrollments.update(c, e.scheduled(t.round(), now, now));
      return Optional.of(now);
    }
    return steps.advance(c, e, def, now, fx);
  }

  private void recordSent(Connection c, EnrollmentRow e, StaffTaskRow t, DispatchRow d, ConfirmationStatus s,
      String reason, Instant now, Effects fx) throws SQLException {
    if (t.isOpen()) {
      tasks.confirmed(c, t.id(), s.staffId().orElse(null), CallPolicy.Action.MOVE_ON.name(), "sent", now);
    }
    dispatches.resolve(c, d.dispatchId(), DispatchState.ACCEPTED, null, null, "sent by staff", now);
    Optional<ConfiguredChannel> sentOn = channels.get(d.channel());
    if (sentOn.isPresent()) {
      String template = cadences.get(e.cadenceId(), e.cadenceVersion()).round(d.round()).template();
      quotas.useFor(c, sentOn.get().provider(d.provider()).channel(), template, d.to(), d.providerMessageId(), now);
    }
    // When the staff member sent it, if the provider says; never before it was queued or after now.
    Instant at = s.at().filter(x -> !x.isBefore(t.createdAt()) && !x.isAfter(now)).orElse(now);
    TouchpointDraft tp = TouchpointDraft.ofRound(e, d.round(), TouchpointKind.SENT, at).channel(d.channel())
        .provider(d.provider()).dispatch(d.dispatchId()).providerMessageId(d.providerMessageId())
        .attribute("taskId", Long.toString(t.id())).reason(reason);
    s.staffId().ifPresent(staff -> tp.attribute("confirmedBy", staff));
    fx.append(c, tp);
    log.debug("Round {} of enrollment {} sent by staff as dispatch {}", d.round(), e.id(), d.dispatchId());
  }

  /** A touchpoint about the task and the send it waits for. */
  private static TouchpointDraft about(EnrollmentRow e, StaffTaskRow t, DispatchRow d, TouchpointKind kind,
      Instant at) {
    return CadenceSteps.taskTouchpoint(e, t, kind, at).provider(d.provider()).dispatch(d.dispatchId())
        .providerMessageId(d.providerMessageId());
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
