package io.touchbase.core.internal.engine;

import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.ContactNotFoundException;
import io.touchbase.api.event.EventOutcome;
import io.touchbase.api.event.Events;
import io.touchbase.api.event.HostEvent;
import io.touchbase.api.internal.Checks;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.internal.cadence.CadenceRegistry;
import io.touchbase.core.internal.cadence.CadenceSteps;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.EnrollmentRow;
import io.touchbase.core.internal.store.EnrollmentStore;
import io.touchbase.core.internal.store.SchedulerRows;
import io.touchbase.core.internal.store.StaffTaskRow;
import io.touchbase.core.internal.store.StaffTaskStore;
import io.touchbase.core.internal.store.TouchpointStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events API: records host events and ends, under their row locks, the enrollments whose goal
 * the event is. A round being dispatched at that moment re-checks the row and schedules nothing
 * after it. An event for an alias of a merged contact is the survivor's.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class EventsService implements Events {
  private final Db db;
  private final Clock clock;
  private final ContactStore contacts;
  private final EnrollmentStore enrollments;
  private final CadenceRegistry cadences;
  private final SchedulerRows schedulerRows;
  private final TouchpointStore touchpoints;
  private final Notifier notifier;
  private final CadenceSteps steps;
  private final StaffTaskStore tasks;

  EventsService(Db db, Clock clock, ContactStore contacts, EnrollmentStore enrollments, CadenceRegistry cadences,
      SchedulerRows schedulerRows, TouchpointStore touchpoints, Notifier notifier, CadenceSteps steps,
      StaffTaskStore tasks) {
    this.tasks = tasks;
    this.db = db;
    this.clock = clock;
    this.contacts = contacts;
    this.enrollments = enrollments;
    this.cadences = cadences;
    this.schedulerRows = schedulerRows;
    this.touchpoints = touchpoints;
    this.notifier = notifier;
    this.steps = steps;
  }

  @Override
  public EventOutcome record(HostEvent event) {
    Checks.notNull(event, "event");
    Effects fx = new Effects(touchpoints);
    List<Enrollment> converted = db.inTransaction("record event", c -> {
      Locked locked = lock(c, event.contactId());
      ContactId contact = locked.contact();
      Instant now = clock.instant();
      Instant at = event.occurredAt().orElse(now);
      fx.append(c, TouchpointDraft.of(contact, TouchpointKind.HOST_EVENT, at)
          .event(event.name()).attributes(event.attributes()));
      List<Enrollment> ended = new ArrayList<>();
      for (EnrollmentRow e : locked.active()) {
        CadenceDefinition def = cadences.get(e.cadenceId(), e.cadenceVersion());
        if (!def.goals().contains(event.name())) {
          continue;
        }
        Optional<StaffTaskRow> openTask = Optional.ofNullable(locked.openTasks().get(e.id()));
        ended.add(steps.convert(c, e, openTask, "goal " + event.name(), at, now, d -> d.event(event.name()), fx)
            .toEnrollment());
        schedulerRows.deleteIfIdle(c, e.id());
      }
      return ended;
    });
    notifier.publish(fx);
    // The event's touchpoint is the first the transaction appended; it has its id once committed.
    return new EventOutcome(fx.appended().get(0), converted);
  }

  /** The contact an event is for, its active enrollments and their open staff tasks, by enrollment id. */
  private record Locked(ContactId contact, List<EnrollmentRow> active, Map<Long, StaffTaskRow> openTasks) {}

  /**
   * Locks the contact and its active enrollments, in that order, and reads their open staff tasks
   * once the locks are held: one round trip on PostgreSQL. An alias of a merged contact stands for
   * the survivor, whose enrollments the goal ends; it costs a second look.
   */
  private Locked lock(Connection c, ContactId id) throws SQLException {
    Db.Query<String> contact = contacts.lockQuery(id);
    Db.Query<EnrollmentRow> active = enrollments.lockActiveOfContactQuery(id.value());
    Db.Query<StaffTaskRow> openTasks = tasks.openOfContactQuery(id.value());
    Db.Results r = Db.listAll(c, List.of(contact, active, openTasks));
    if (r.of(contact).isEmpty()) {
      ContactId asked = id;
      ContactId survivor = contacts.lockResolved(c, asked).orElseThrow(() -> new ContactNotFoundException(asked));
      active = enrollments.lockActiveOfContactQuery(survivor.value());
      openTasks = tasks.openOfContactQuery(survivor.value());
      r = Db.listAll(c, List.of(active, openTasks));
      id = survivor;
    }
    Map<Long, StaffTaskRow> open = new HashMap<>();
    r.of(openTasks).forEach(t -> open.put(t.enrollmentId(), t));
    return new Locked(id, r.of(active), open);
  }
}
