package io.touchbase.core.internal.engine;

import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.Cadences;
import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.cadence.EnrollmentId;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.cadence.ReentryPolicy;
import io.touchbase.api.cadence.UnknownCadenceException;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.ContactNotFoundException;
import io.touchbase.api.internal.Checks;
import io.touchbase.core.internal.cadence.CadenceRegistry;
import io.touchbase.core.internal.cadence.CadenceSteps;
import io.touchbase.core.internal.cadence.DueTimes;
import io.touchbase.core.internal.policy.RoundPolicies;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.EnrollmentRow;
import io.touchbase.core.internal.store.EnrollmentStore;
import io.touchbase.core.internal.store.SchedulerRows;
import io.touchbase.core.internal.store.TouchpointStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cadences API: registration, idempotent enrolment (the enrollment and its first wake-up
 * commit together), and cancellation.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class CadencesService implements Cadences {
  private final Db db;
  private final Clock clock;
  private final CadenceRegistry registry;
  private final EnrollmentStore enrollments;
  private final ContactStore contacts;
  private final SchedulerRows schedulerRows;
  private final RoundPolicies policies;
  private final TouchpointStore touchpoints;
  private final Notifier notifier;
  private final Runnable wakeScheduler;
  private final CadenceSteps steps;

  CadencesService(Db db, Clock clock, CadenceRegistry registry, EnrollmentStore enrollments, ContactStore contacts,
      SchedulerRows schedulerRows, RoundPolicies policies, TouchpointStore touchpoints, Notifier notifier,
      Runnable wakeScheduler, CadenceSteps steps) {
    this.db = db;
    this.clock = clock;
    this.registry = registry;
    this.enrollments = enrollments;
    this.contacts = contacts;
    this.schedulerRows = schedulerRows;
    this.policies = policies;
    this.touchpoints = touchpoints;
    this.notifier = notifier;
    this.wakeScheduler = wakeScheduler;
    this.steps = steps;
  }

  @Override
  public CadenceDefinition register(CadenceDefinition definition) {
    Checks.notNull(definition, "definition");
    return registry.register(definition);
  }

  @Override
  public Optional<CadenceDefinition> definition(String cadenceId) {
    Checks.notNull(cadenceId, "cadenceId");
    return registry.latest(cadenceId);
  }

  @Override
  public Optional<CadenceDefinition> definition(String cadenceId, int version) {
    Checks.notNull(cadenceId, "cadenceId");
    return registry.find(cadenceId, version);
  }

  @Override
  public Enrollment enroll(ContactId contactId, String cadenceId) {
    Checks.notNull(contactId, "contactId");
    Checks.name(cadenceId, "cadenceId");
    CadenceDefinition def = registry.latest(cadenceId).orElseThrow(() -> new UnknownCadenceException(cadenceId));
    EnrollmentRow row = db.inTransaction("enroll", c -> enroll(c, contactId, def));
    if (row.isActive() && row.nextRoundAt() != null && !row.nextRoundAt().isAfter(clock.instant())) {
      wakeScheduler.run();
    }
    return row.toEnrollment();
  }

  private EnrollmentRow enroll(Connection c, ContactId contactId, CadenceDefinition def) throws SQLException {
    Contact contact = contacts.find(c, contactId).orElseThrow(() -> new ContactNotFoundException(contactId));
    registry.checkVariables(def, contactId.value(), contact.attributes().keySet());
    Optional<EnrollmentRow> active = enrollments.findActive(c, contactId.value(), def.id());
    if (active.isPresent()) {
      return active.get();
    }
    if (def.reentry() == ReentryPolicy.NEVER) {
      Optional<EnrollmentRow> earlier = enrollments.latestOf(c, contactId.value(), def.id());
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    Instant now = clock.instant();
    long seed = Objects.hash(contactId.value(), def.id(), now.toEpochMilli());
    Instant due = DueTimes.dueAt(def.round(1).delay(), now, policies.zoneOf(contact), seed);
    Optional<EnrollmentRow> inserted =
        enrollments.insertActive(c, contactId.value(), def.id(), def.version(), due, now);
    if (inserted.isEmpty()) {
      // A concurrent enroll won the unique key; its enrollment is the answer.
      return enrollments.findActive(c, contactId.value(), def.id()).orElseThrow();
    }
    schedulerRows.insert(c, inserted.get().id(), due);
    return inserted.get();
  }

  @Override
  public Optional<Enrollment> cancel(ContactId contactId, String cadenceId, String reason) {
    Checks.notNull(contactId, "contactId");
    Checks.name(cadenceId, "cadenceId");
    Checks.notBlank(reason, "reason");
    return cancelWhere("cancel enrollment", c -> enrollments.findActive(c, contactId.value(), cadenceId), reason);
  }

  @Override
  public Optional<Enrollment> cancel(EnrollmentId enrollmentId, String reason) {
    Checks.notNull(enrollmentId, "enrollmentId");
    Checks.notBlank(reason, "reason");
    return cancelWhere("cancel enrollment", c -> enrollments.find(c, enrollmentId.value()), reason);
  }

  private Optional<Enrollment> cancelWhere(String op, Db.SqlWork<Optional<EnrollmentRow>> find, String reason) {
    Effects fx = new Effects(touchpoints);
    Optional<Enrollment> result = db.inTransaction(op, c -> {
      Optional<EnrollmentRow> target = find.run(c);
      if (target.isEmpty()) {
        return Optional.<Enrollment>empty();
      }
      Optional<EnrollmentRow> locked = enrollments.lock(c, target.get().id());
      if (locked.isEmpty() || !locked.get().isActive()) {
        return Optional.<Enrollment>empty();
      }
      EnrollmentRow ended =
          steps.end(c, locked.get(), EnrollmentState.CANCELLED, reason, null, clock.instant(), fx);
      schedulerRows.deleteIfIdle(c, ended.id());
      return Optional.of(ended.toEnrollment());
    });
    notifier.publish(fx);
    return result;
  }

  @Override
  public Optional<Enrollment> enrollment(EnrollmentId enrollmentId) {
    Checks.notNull(enrollmentId, "enrollmentId");
    return db.read("find enrollment", c -> enrollments.find(c, enrollmentId.value())).map(EnrollmentRow::toEnrollment);
  }

  @Override
  public Optional<Enrollment> activeEnrollment(ContactId contactId, String cadenceId) {
    Checks.notNull(contactId, "contactId");
    Checks.notNull(cadenceId, "cadenceId");
    return db.read("find enrollment", c -> enrollments.findActive(c, contactId.value(), cadenceId))
        .map(EnrollmentRow::toEnrollment);
  }

  @Override
  public List<Enrollment> enrollments(ContactId contactId) {
    Checks.notNull(contactId, "contactId");
    return db.read("list enrollments", c -> enrollments.ofContact(c, contactId.value())).stream()
        .map(EnrollmentRow::toEnrollment).toList();
  }
}
