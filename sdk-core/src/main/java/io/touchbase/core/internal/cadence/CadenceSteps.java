package io.touchbase.core.internal.cadence;

import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.task.StaffTaskKind;
import io.touchbase.api.task.StaffTaskState;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.internal.channel.StaffCallChannelProvider;
import io.touchbase.core.internal.engine.Effects;
import io.touchbase.core.internal.engine.TouchpointDraft;
import io.touchbase.core.internal.policy.RoundPolicies;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.DispatchRow;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The moves every path through a cadence shares, each inside the caller's transaction with the
 * enrollment row locked: go on to the next round, end the enrollment, convert it. Ending an
 * enrollment by any path withdraws its open staff task with a {@code TASK_CANCELLED} touchpoint,
 * so no agent works a task nobody waits for; a message waiting for a staff member's confirmation
 * is also withdrawn at its provider, after the commit.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class CadenceSteps {
  private final EnrollmentStore enrollments;
  private final ContactStore contacts;
  private final StaffTaskStore tasks;
  private final DispatchStore dispatches;
  private final RoundPolicies policies;
  private final Duration attributionWindow;

  public CadenceSteps(EnrollmentStore enrollments, ContactStore contacts, StaffTaskStore tasks,
      DispatchStore dispatches, RoundPolicies policies, Duration attributionWindow) {
    this.enrollments = enrollments;
    this.contacts = contacts;
    this.tasks = tasks;
    this.dispatches = dispatches;
    this.policies = policies;
    this.attributionWindow = attributionWindow;
  }

  /**
   * Moves to the next round, or after the last keeps the enrollment open for the attribution
   * window, or completes it.
   *
   * @return when to wake the enrollment next; empty when it has ended
   */
  public Optional<Instant> advance(Connection c, EnrollmentRow e, CadenceDefinition def, Instant now, Effects fx)
      throws SQLException {
    return advance(c, e, def, now, fx, Optional.empty());
  }

  /**
   * As {@link #advance(Connection, EnrollmentRow, CadenceDefinition, Instant, Effects)}, with the
   * contact's time zone when the caller has already read it.
   */
  public Optional<Instant> advance(Connection c, EnrollmentRow e, CadenceDefinition def, Instant now, Effects fx,
      Optional<ZoneId> knownZone) throws SQLException {
    int next = e.nextRound() + 1;
    if (next > def.rounds().size() && !attributionWindow.isZero()) {
      Instant windowEnd = now.plus(attributionWindow);
      enrollments.update(c, e.scheduled(next, windowEnd, now));
      return Optional.of(windowEnd);
    }
    if (next > def.rounds().size()) {
      end(c, e.scheduled(next, null, now), EnrollmentState.COMPLETED, "completed", null, now, fx);
      return Optional.empty();
    }
    ZoneId zone = knownZone.isPresent() ? knownZone.get()
        : contacts.find(c, ContactId.of(e.contactId())).map(policies::zoneOf).orElse(ZoneOffset.UTC);
    Instant due = DueTimes.dueAt(def.round(next).delay(), now, zone, e.id() * 1_000_003L + next);
    enrollments.update(c, e.scheduled(next, due, now));
    return Optional.of(due);
  }

  /** Ends the enrollment and withdraws its open staff task. */
  public EnrollmentRow end(
      Connection c, EnrollmentRow e, EnrollmentState state, String reason, Integer convertedRound, Instant now,
      Effects fx) throws SQLException {
    EnrollmentRow ended = e.ended(state, reason, convertedRound, now);
    enrollments.update(c, ended);
    cancelOpenTask(c, ended, now, fx);
    fx.ended(ended);
    return ended;
  }

  /**
   * Ends the enrollment as converted, attributed to the last round that reached the contact, with
   * a {@code CONVERTED} touchpoint: the path of a goal event and of a call that converted.
   *
   * @param detail adds to the touchpoint, e.g. the event name or the channel
   */
  public EnrollmentRow convert(
      Connection c, EnrollmentRow e, String reason, Instant at, Instant now, Consumer<TouchpointDraft> detail,
      Effects fx) throws SQLException {
    return convert(c, e, tasks.openOf(c, e.id()), reason, at, now, detail, fx);
  }

  /**
   * As {@link #convert(Connection, EnrollmentRow, String, Instant, Instant, Consumer, Effects)}, with
   * the enrollment's open staff task as read under its row lock.
   */
  public EnrollmentRow convert(
      Connection c, EnrollmentRow e, Optional<StaffTaskRow> openTask, String reason, Instant at, Instant now,
      Consumer<TouchpointDraft> detail, Effects fx) throws SQLException {
    EnrollmentRow ended = e.ended(EnrollmentState.CONVERTED, reason, e.lastTouchedRound(), now);
    enrollments.update(c, ended);
    TouchpointDraft conversion = TouchpointDraft.ofEnrollment(e, TouchpointKind.CONVERTED, at);
    if (e.lastTouchedRound() != null) {
      conversion.round(e.lastTouchedRound());
    } else {
      conversion.reason("converted before any round reached the contact");
    }
    detail.accept(conversion);
    fx.append(c, conversion);
    cancelOpenTask(c, ended, openTask, now, fx);
    fx.ended(ended);
    return ended;
  }

  private void cancelOpenTask(Connection c, EnrollmentRow ended, Instant now, Effects fx) throws SQLException {
    cancelOpenTask(c, ended, tasks.openOf(c, ended.id()), now, fx);
  }

  private void cancelOpenTask(Connection c, EnrollmentRow ended, Optional<StaffTaskRow> open, Instant now,
      Effects fx) throws SQLException {
    if (open.isPresent()) {
      String state = ended.state().name().toLowerCase(Locale.ROOT);
      String why = "enrollment " + state + (state.equals(ended.exitReason()) ? "" : ": " + ended.exitReason());
      cancel(c, ended, open.get(), why, now, fx);
    }
  }

  /**
   * Withdraws an open staff task with a {@code TASK_CANCELLED} touchpoint. The message a {@code
   * CONFIRM_MESSAGE} task waits for is given up too: its dispatch fails with the reason, and the
   * provider is asked to withdraw it once the transaction commits.
   */
  public void cancel(Connection c, EnrollmentRow e, StaffTaskRow t, String reason, Instant now, Effects fx)
      throws SQLException {
    tasks.close(c, t.id(), StaffTaskState.CANCELLED, null, reason, now);
    TouchpointDraft cancelled = taskTouchpoint(e, t, TouchpointKind.TASK_CANCELLED, now).reason(reason);
    if (t.kind() == StaffTaskKind.CONFIRM_MESSAGE) {
      Optional<DispatchRow> queued = awaitedBy(c, t);
      if (queued.isPresent()) {
        DispatchRow d = queued.get();
        dispatches.resolve(c, d.dispatchId(), DispatchState.FAILED, null, null, "withdrawn: " + reason, now);
        fx.withdraw(new Effects.Withdrawal(d.channel(), d.provider(), d.confirmationRequest(t.createdAt())));
        cancelled.provider(d.provider()).dispatch(d.dispatchId()).providerMessageId(d.providerMessageId())
            .reason(reason + "; the queued message is withdrawn at the provider");
      }
    }
    fx.append(c, cancelled);
  }

  /** The dispatch a {@code CONFIRM_MESSAGE} task waits for, while it waits. */
  public Optional<DispatchRow> awaitedBy(Connection c, StaffTaskRow t) throws SQLException {
    return dispatches.ofRound(c, t.enrollmentId(), t.round()).stream()
        .filter(d -> d.state() == DispatchState.AWAITING_STAFF && d.channel().equals(t.channel()))
        .reduce((first, last) -> last);
  }

  /** A touchpoint about a staff task: its round, channel and the task's id, queue and attempt. */
  public static TouchpointDraft taskTouchpoint(EnrollmentRow e, StaffTaskRow t, TouchpointKind kind, Instant at) {
    TouchpointDraft d = TouchpointDraft.ofRound(e, t.round(), kind, at).channel(t.channel())
        .provider(StaffCallChannelProvider.ID).attribute("taskId", Long.toString(t.id()))
        .attribute("queue", t.queue()).attribute("attempt", Integer.toString(t.attempt()));
    if (t.claimedBy() != null) {
      d.attribute("agent", t.claimedBy());
    }
    return d;
  }
}
