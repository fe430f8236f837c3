package io.touchbase.core.internal.engine;

import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.internal.Checks;
import io.touchbase.api.task.CallOutcome;
import io.touchbase.api.task.CallResult;
import io.touchbase.api.task.StaffTask;
import io.touchbase.api.task.StaffTaskId;
import io.touchbase.api.task.StaffTaskKind;
import io.touchbase.api.task.StaffTaskNotFoundException;
import io.touchbase.api.task.StaffTaskQuery;
import io.touchbase.api.task.StaffTaskState;
import io.touchbase.api.task.StaffTaskStateException;
import io.touchbase.api.task.StaffTasks;
import io.touchbase.core.internal.cadence.CadenceRegistry;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.EnrollmentRow;
import io.touchbase.core.internal.store.EnrollmentStore;
import io.touchbase.core.internal.store.SchedulerRows;
import io.touchbase.core.internal.store.StaffTaskRow;
import io.touchbase.core.internal.store.StaffTaskStore;
import io.touchbase.core.internal.store.TouchpointStore;
import io.touchbase.core.internal.task.StaffTaskFlow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff tasks API. Claims are conditional updates, so two agents (on one instance or on
 * several) never win the same task; {@code complete} runs under the enrollment's row lock, like
 * the round's own wake-up, goals and cancels, and moves the enrollment's db-scheduler wake-up to
 * whatever the call policy decided.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class StaffTasksService implements StaffTasks {
  private static final Logger log = LoggerFactory.getLogger(StaffTasksService.class);

  /** Candidates {@code claimNext} reads at once; agents racing for the first ones move on to the next. */
  private static final int CLAIM_BATCH = 16;
  /** Batches tried before {@code claimNext} gives up: every lost batch means other agents won tasks. */
  private static final int CLAIM_ROUNDS = 64;

  private final Db db;
  private final Clock clock;
  private final StaffTaskStore tasks;
  private final EnrollmentStore enrollments;
  private final CadenceRegistry cadences;
  private final StaffTaskFlow flow;
  private final SchedulerRows schedulerRows;
  private final TouchpointStore touchpoints;
  private final Notifier notifier;
  private final Runnable wakeScheduler;
  private final ContactStore contacts;

  StaffTasksService(Db db, Clock clock, StaffTaskStore tasks, EnrollmentStore enrollments, CadenceRegistry cadences,
      StaffTaskFlow flow, SchedulerRows schedulerRows, TouchpointStore touchpoints, Notifier notifier,
      Runnable wakeScheduler, ContactStore contacts) {
    this.contacts = contacts;
    this.db = db;
    this.clock = clock;
    this.tasks = tasks;
    this.enrollments = enrollments;
    this.cadences = cadences;
    this.flow = flow;
    this.schedulerRows = schedulerRows;
    this.touchpoints = touchpoints;
    this.notifier = notifier;
    this.wakeScheduler = wakeScheduler;
  }

  @Override
  public List<StaffTask> list(StaffTaskQuery query) {
    Checks.notNull(query, "query");
    return db.read("list staff tasks", c -> {
      // A merged contact's alias stands for the survivor, whose tasks hold the absorbed one's.
      Optional<ContactId> survivor = query.contactId().isEmpty() ? Optional.empty()
          : contacts.resolve(c, query.contactId().get()).filter(id -> !id.equals(query.contactId().get()));
      return tasks.query(c, survivor.isEmpty() ? query : new StaffTaskQuery(query.queue(), query.states(),
          query.claimedBy(), survivor, query.dueBefore(), query.limit()));
    }).stream().map(StaffTaskRow::toTask).toList();
  }

  @Override
  public Optional<StaffTask> find(StaffTaskId id) {
    Checks.notNull(id, "taskId");
    return db.read("find staff task", c -> tasks.find(c, id.value())).map(StaffTaskRow::toTask);
  }

  @Override
  public Optional<StaffTask> claimNext(String queue, String agent) {
    Checks.name(queue, "queue");
    Checks.name(agent, "agent");
    for (int i = 0; i < CLAIM_ROUNDS; i++) {
      Instant now = clock.instant();
      List<Long> candidates = db.read("find due staff tasks", c -> tasks.claimCandidates(c, queue, now, CLAIM_BATCH));
      if (candidates.isEmpty()) {
        return Optional.empty();
      }
      for (long id : candidates) {
        Optional<StaffTaskRow> won = db.inTransaction("claim staff task",
            c -> tasks.claim(c, id, agent, now) ? tasks.find(c, id) : Optional.<StaffTaskRow>empty());
        if (won.isPresent()) {
          log.debug("Staff task {} in queue '{}' claimed by agent '{}'", id, queue, agent);
          return won.map(StaffTaskRow::toTask);
        }
      }
    }
    log.warn("Agent '{}' found no staff task to claim in queue '{}' after {} contended tries",
        agent, queue, CLAIM_ROUNDS * CLAIM_BATCH);
    return Optional.empty();
  }

  @Override
  public StaffTask claim(StaffTaskId id, String agent) {
    Checks.notNull(id, "taskId");
    Checks.name(agent, "agent");
    StaffTaskRow t = db.inTransaction("claim staff task", c -> {
      Instant now = clock.instant();
      boolean won = tasks.claim(c, id.value(), agent, now);
      StaffTaskRow row = tasks.find(c, id.value()).orElseThrow(() -> new StaffTaskNotFoundException(id));
      if (won || heldBy(row, agent)) {
        return row;
      }
      refuseIfConfirmation(row, "claimed");
      if (row.state() == StaffTaskState.OPEN && !now.isBefore(row.deadline())) {
        throw refused(row, "is OPEN but past its deadline " + row.deadline() + " and can no longer be claimed");
      }
      if (row.state() == StaffTaskState.OPEN) {
        throw refused(row, "was claimed and released by another agent meanwhile; claim it again");
      }
      throw refused(row, row.state() == StaffTaskState.CLAIMED
          ? "is CLAIMED by agent '" + row.claimedBy() + "'; only an OPEN task can be claimed"
          : "is " + row.state() + "; only an OPEN task can be claimed");
    });
    log.debug("Staff task {} claimed by agent '{}'", id, agent);
    return t.toTask();
  }

  @Override
  public StaffTask release(StaffTaskId id, String agent) {
    Checks.notNull(id, "taskId");
    Checks.name(agent, "agent");
    StaffTaskRow t = db.inTransaction("release staff task", c -> {
      boolean released = tasks.release(c, id.value(), agent, clock.instant());
      StaffTaskRow row = tasks.find(c, id.value()).orElseThrow(() -> new StaffTaskNotFoundException(id));
      refuseIfConfirmation(row, "released");
      if (released || row.state() == StaffTaskState.OPEN) {
        return row;
      }
      throw refused(row, row.state() == StaffTaskState.CLAIMED
          ? "is CLAIMED by agent '" + row.claimedBy() + "'; only that agent can release it"
          : "is " + row.state() + " and can not be released");
    });
    log.debug("Staff task {} released by agent '{}'", id, agent);
    return t.toTask();
  }

  @Override
  public Address revealAddress(StaffTaskId id, String agent) {
    Checks.notNull(id, "taskId");
    Checks.name(agent, "agent");
    StaffTaskRow t = db.read("find staff task", c -> tasks.find(c, id.value()))
        .orElseThrow(() -> new StaffTaskNotFoundException(id));
    refuseIfConfirmation(t, "revealed");
    if (!heldBy(t, agent)) {
      throw refused(t, (t.state() == StaffTaskState.CLAIMED ? "is CLAIMED by agent '" + t.claimedBy() + "'"
          : "is " + t.state()) + "; only the agent holding the claim may reveal its address");
    }
    log.info("Agent '{}' revealed the {} address of staff task {} (contact '{}')",
        agent, t.address().kind(), t.id(), t.contactId());
    return t.address();
  }

  @Override
  public StaffTask complete(StaffTaskId id, String agent, CallOutcome outcome) {
    Checks.notNull(id, "taskId");
    Checks.name(agent, "agent");
    Checks.notNull(outcome, "outcome");
    Effects fx = new Effects(touchpoints);
    StaffTaskFlow.Completed done = db.inTransaction("complete staff task", c -> {
      StaffTaskRow peek = tasks.find(c, id.value()).orElseThrow(() -> new StaffTaskNotFoundException(id));
      // The enrollment first, then the task: the order the round's wake-up takes them in.
      Optional<EnrollmentRow> locked = enrollments.lock(c, peek.enrollmentId());
      StaffTaskRow t = tasks.lock(c, id.value()).orElseThrow(() -> new StaffTaskNotFoundException(id));
      refuseIfConfirmation(t, "completed");
      if (!heldBy(t, agent)) {
        throw refused(t, switch (t.state()) {
          case OPEN -> "is OPEN; claim it before completing it";
          case CLAIMED -> "is CLAIMED by agent '" + t.claimedBy() + "', not by '" + agent + "'";
          case COMPLETED -> "is COMPLETED (" + t.result() + ") and can not be completed again";
          case EXPIRED -> "is EXPIRED (not completed by its deadline " + t.deadline() + ") and can not be completed";
          case CANCELLED -> "is CANCELLED (" + t.endReason() + ") and can not be completed";
        });
      }
      Instant now = clock.instant();
      if (outcome.result() == CallResult.CALL_BACK && !outcome.callBackAt().orElseThrow().isAfter(now)) {
        throw new IllegalArgumentException("outcome.callBackAt must be after the current time " + now
            + ", but was " + outcome.callBackAt().get());
      }
      EnrollmentRow e = locked.filter(x -> x.isActive() && x.nextRound() == t.round()).orElseThrow(() ->
          // Ending an enrollment or its round closes its task in the same transaction: a bug if seen.
          new IllegalStateException("staff task " + t.id() + " is CLAIMED but enrollment " + t.enrollmentId()
              + " no longer waits for round " + t.round()));
      CadenceDefinition def = cadences.get(e.cadenceId(), e.cadenceVersion());
      StaffTaskFlow.Completed result = flow.complete(c, e, def, t, outcome, now, fx);
      if (result.wakeAt().isPresent()) {
        schedulerRows.reschedule(c, e.id(), result.wakeAt().get());
      } else {
        schedulerRows.deleteIfIdle(c, e.id());
      }
      return result;
    });
    notifier.publish(fx);
    log.info("Staff task {} of enrollment {} completed by agent '{}' as {}",
        id, done.task().enrollmentId(), agent, outcome.result());
    if (done.wakeAt().isPresent() && !done.wakeAt().get().isAfter(clock.instant())) {
      wakeScheduler.run();
    }
    return done.task().toTask();
  }

  /** The provider, not an agent, reports how a message confirmation ends. */
  private static void refuseIfConfirmation(StaffTaskRow t, String verb) {
    if (t.kind() == StaffTaskKind.CONFIRM_MESSAGE) {
      throw refused(t, "is a CONFIRM_MESSAGE task: the staff member sends the message in the provider's client,"
          + " and the engine learns the outcome from the provider; it can not be " + verb + " here");
    }
  }

  private static boolean heldBy(StaffTaskRow t, String agent) {
    return t.state() == StaffTaskState.CLAIMED && agent.equals(t.claimedBy());
  }

  private static StaffTaskStateException refused(StaffTaskRow t, String why) {
    return new StaffTaskStateException(
        t.taskId(), t.state(), Optional.ofNullable(t.claimedBy()), "staff task " + t.id() + " " + why);
  }
}
