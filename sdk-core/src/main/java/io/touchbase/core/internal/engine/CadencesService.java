package io.touchbase.core.internal.engine;

import io.touchbase.api.cadence.BulkEnrollment;
import io.touchbase.api.cadence.BulkEnrollment.SkipReason;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.Cadences;
import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.cadence.EnrollmentId;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.cadence.ReentryPolicy;
import io.touchbase.api.cadence.UnknownCadenceException;
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
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cadences API: registration, idempotent enrolment (the enrollment and its first wake-up
 * commit together), and cancellation. A contact id may be an alias of a merged contact: it stands
 * for the survivor.
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
    Instant now = clock.instant();
    Outcome o = db.inTransaction("enroll", c -> {
      // Locked, so that a merge of the contact waits for the enrollment, or this call for the merge
      // (and then enrols the survivor the id has become an alias of).
      Optional<ContactId> contact = contacts.lockResolved(c, contactId);
      return contact.isEmpty() ? Outcome.skipped(SkipReason.UNKNOWN_CONTACT, null, "No contact with id '" + contactId
          + "'") : enrol(c, def, List.of(contact.get()), now).get(0);
    });
    if (o.skip() == SkipReason.UNKNOWN_CONTACT) {
      throw new ContactNotFoundException(contactId);
    }
    if (o.skip() == SkipReason.MISSING_VARIABLE) {
      throw new IllegalArgumentException(o.detail());
    }
    wakeIfDue(List.of(o));
    return o.row().toEnrollment();
  }

  @Override
  public BulkEnrollment enrollAll(String cadenceId, List<ContactId> contactIds) {
    if (cadenceId == null) {
      throw new IllegalArgumentException("cadenceId must not be null");
    }
    Checks.name(cadenceId, "cadenceId");
    checkIds(contactIds);
    CadenceDefinition def = registry.latest(cadenceId).orElseThrow(() -> new UnknownCadenceException(cadenceId));
    if (contactIds.isEmpty()) {
      return new BulkEnrollment(List.of(), List.of());
    }
    Instant now = clock.instant();
    List<Outcome> outcomes = db.inTransaction("enroll contacts", c -> enrolResolved(c, def, contactIds, now));
    wakeIfDue(outcomes);
    List<Enrollment> enrolled = new ArrayList<>();
    List<BulkEnrollment.Skipped> skipped = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome o = outcomes.get(i);
      if (o.skip() == null) {
        enrolled.add(o.row().toEnrollment());
      } else {
        skipped.add(new BulkEnrollment.Skipped(i, contactIds.get(i), o.skip(),
            Optional.ofNullable(o.row()).map(EnrollmentRow::toEnrollment), o.detail()));
      }
    }
    return new BulkEnrollment(enrolled, skipped);
  }

  private static void checkIds(List<ContactId> contactIds) {
    if (contactIds == null) {
      throw new IllegalArgumentException("contactIds must not be null");
    }
    if (contactIds.size() > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("contactIds must hold at most " + MAX_BATCH_SIZE
          + " ids per call, but held " + contactIds.size() + "; split the list");
    }
    Map<ContactId, Integer> seen = new HashMap<>();
    for (int i = 0; i < contactIds.size(); i++) {
      ContactId id = contactIds.get(i);
      if (id == null) {
        throw new IllegalArgumentException("contactIds[" + i + "] must not be null");
      }
      Integer first = seen.putIfAbsent(id, i);
      if (first != null) {
        throw new IllegalArgumentException("contactIds[" + i + "] repeats contactIds[" + first + "] ('" + id
            + "'): give each contact at most once per call");
      }
    }
  }

  /**
   * What the enrolment rules decided for one contact: enrolled ({@code skip} null, {@code row} the
   * new enrollment), or skipped with the reason and, where one stands in the way, its enrollment.
   */
  private record Outcome(EnrollmentRow row, SkipReason skip, String detail) {
    static Outcome enrolled(EnrollmentRow row) {
      return new Outcome(row, null, "enrolled");
    }

    static Outcome skipped(SkipReason reason, EnrollmentRow standing, String detail) {
      return new Outcome(standing, reason, detail);
    }
  }

  /**
   * The enrolment rules, for one contact or many in one transaction, in this order per contact:
   * the contact must exist and hold every variable the cadence's templates need; an active
   * enrollment in the cadence is kept and nothing new starts; under {@link ReentryPolicy#NEVER} an
   * earlier enrollment is kept. The rest get an enrollment and a wake-up at their first round, each
   * written with one batch. Outcomes are in the order of {@code ids}, which hold no duplicates.
   */
  private List<Outcome> enrol(Connection c, CadenceDefinition def, List<ContactId> ids, Instant now)
      throws SQLException {
    return enrol(c, def, ids, contacts.profiles(c, ids.stream().map(ContactId::value).toList()), now);
  }

  /** {@link #enrol} with the profiles of every contact among {@code ids} that exists already read. */
  private List<Outcome> enrol(Connection c, CadenceDefinition def, List<ContactId> ids,
      Map<String, ContactStore.Profile> profiles, Instant now) throws SQLException {
    List<String> keys = ids.stream().map(ContactId::value).toList();
    Map<String, EnrollmentRow> active = enrollments.findActiveAll(c, def.id(), keys);
    Map<String, EnrollmentRow> earlier =
        def.reentry() == ReentryPolicy.NEVER ? enrollments.latestOfAll(c, def.id(), keys) : Map.of();
    Outcome[] outcomes = new Outcome[ids.size()];
    Map<String, Integer> indexOf = new HashMap<>();
    List<EnrollmentStore.NewEnrollment> fresh = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = keys.get(i);
      ContactStore.Profile profile = profiles.get(id);
      if (profile == null) {
        outcomes[i] = Outcome.skipped(SkipReason.UNKNOWN_CONTACT, null, "No contact with id '" + id + "'");
        continue;
      }
      try {
        registry.checkVariables(def, id, profile.attributeNames());
      } catch (IllegalArgumentException e) {
        outcomes[i] = Outcome.skipped(SkipReason.MISSING_VARIABLE, null, e.getMessage());
        continue;
      }
      EnrollmentRow standing = active.get(id);
      if (standing != null) {
        outcomes[i] = alreadyActive(standing);
        continue;
      }
      standing = earlier.get(id);
      if (standing != null) {
        outcomes[i] = Outcome.skipped(SkipReason.REENTRY_NOT_ALLOWED, standing, "cadence '" + def.id()
            + "' allows no re-entry and contact '" + id + "' walked it in enrollment " + standing.id());
        continue;
      }
      long seed = Objects.hash(id, def.id(), now.toEpochMilli());
      Instant due = DueTimes.dueAt(def.round(1).delay(), now, policies.zoneOf(profile.timeZone()), seed);
      fresh.add(new EnrollmentStore.NewEnrollment(id, due));
      indexOf.put(id, i);
    }
    // One order for every writer, so two calls that enrol overlapping contacts cannot deadlock.
    fresh.sort(Comparator.comparing(EnrollmentStore.NewEnrollment::contactId));
    Map<String, EnrollmentRow> inserted = Map.of();
    while (!fresh.isEmpty()) {
      Savepoint sp = c.setSavepoint();
      try {
        inserted = enrollments.insertActiveAll(c, def.id(), def.version(), fresh, now);
        c.releaseSavepoint(sp);
        break;
      } catch (SQLException e) {
        if (!Db.isUniqueViolationInBatch(e)) {
          throw e;
        }
        // A concurrent enroll won the unique key for some contacts: theirs is the answer for those.
        c.rollback(sp);
        List<String> pending = fresh.stream().map(EnrollmentStore.NewEnrollment::contactId).toList();
        Map<String, EnrollmentRow> won = enrollments.findActiveAll(c, def.id(), pending);
        if (won.isEmpty()) {
          throw e;
        }
        won.forEach((id, row) -> outcomes[indexOf.get(id)] = alreadyActive(row));
        fresh.removeIf(n -> won.containsKey(n.contactId()));
      }
    }
    List<SchedulerRows.Wake> wakes = new ArrayList<>(fresh.size());
    for (EnrollmentStore.NewEnrollment n : fresh) {
      EnrollmentRow row = inserted.get(n.contactId());
      outcomes[indexOf.get(n.contactId())] = Outcome.enrolled(row);
      wakes.add(new SchedulerRows.Wake(row.id(), n.firstDue()));
    }
    schedulerRows.insertAll(c, wakes);
    return Arrays.asList(outcomes);
  }

  /**
   * {@link #enrol} for ids that may be aliases of merged contacts: each stands for its survivor, and
   * an id whose survivor an earlier id of the call names already is skipped as that one went.
   */
  private List<Outcome> enrolResolved(Connection c, CadenceDefinition def, List<ContactId> ids, Instant now)
      throws SQLException {
    List<String> keys = ids.stream().map(ContactId::value).toList();
    // The profiles enrolment needs also tell which ids are contacts rather than aliases.
    Map<String, ContactStore.Profile> profiles = contacts.profiles(c, keys);
    Map<String, String> survivors =
        contacts.aliasTargets(c, keys.stream().filter(k -> !profiles.containsKey(k)).toList());
    if (survivors.isEmpty()) {
      return enrol(c, def, ids, profiles, now);
    }
    List<ContactId> distinct = new ArrayList<>();
    Map<String, Integer> firstAt = new HashMap<>();
    int[] slot = new int[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      String id = survivors.getOrDefault(keys.get(i), keys.get(i));
      Integer first = firstAt.putIfAbsent(id, distinct.size());
      if (first == null) {
        distinct.add(ContactId.of(id));
        slot[i] = distinct.size() - 1;
      } else {
        slot[i] = -1 - first;
      }
    }
    Map<String, ContactStore.Profile> all = new HashMap<>(profiles);
    all.putAll(contacts.profiles(c,
        survivors.values().stream().filter(id -> !profiles.containsKey(id)).collect(Collectors.toSet())));
    List<Outcome> decided = enrol(c, def, distinct, all, now);
    List<Outcome> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      if (slot[i] >= 0) {
        out.add(decided.get(slot[i]));
        continue;
      }
      Outcome first = decided.get(-1 - slot[i]);
      String survivor = distinct.get(-1 - slot[i]).value();
      out.add(first.skip() == null
          ? Outcome.skipped(SkipReason.ALREADY_ACTIVE, first.row(), "contact '" + ids.get(i) + "' is merged into '"
              + survivor + "', which this call enrolled in enrollment " + first.row().id())
          : first);
    }
    return out;
  }

  private static Outcome alreadyActive(EnrollmentRow row) {
    return Outcome.skipped(SkipReason.ALREADY_ACTIVE, row, "contact '" + row.contactId()
        + "' has active enrollment " + row.id() + " in cadence '" + row.cadenceId() + "'");
  }

  /** Lets the scheduler pick up at once a first round that is already due. */
  private void wakeIfDue(List<Outcome> outcomes) {
    Instant now = clock.instant();
    for (Outcome o : outcomes) {
      if (o.row() != null && o.row().isActive() && o.row().nextRoundAt() != null
          && !o.row().nextRoundAt().isAfter(now)) {
        wakeScheduler.run();
        return;
      }
    }
  }

  @Override
  public Optional<Enrollment> cancel(ContactId contactId, String cadenceId, String reason) {
    Checks.notNull(contactId, "contactId");
    Checks.name(cadenceId, "cadenceId");
    Checks.notBlank(reason, "reason");
    return cancelWhere("cancel enrollment",
        c -> enrollments.findActive(c, resolve(c, contactId).value(), cadenceId), reason);
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
    return db.read("find enrollment", c -> enrollments.findActive(c, resolve(c, contactId).value(), cadenceId))
        .map(EnrollmentRow::toEnrollment);
  }

  @Override
  public List<Enrollment> enrollments(ContactId contactId) {
    Checks.notNull(contactId, "contactId");
    return db.read("list enrollments", c -> enrollments.ofContact(c, resolve(c, contactId).value())).stream()
        .map(EnrollmentRow::toEnrollment).toList();
  }

  /** The survivor an alias of a merged contact stands for; any other id as it is. */
  private ContactId resolve(Connection c, ContactId id) throws SQLException {
    return contacts.resolve(c, id).orElse(id);
  }
}
