package io.touchbase.core.internal.engine;

import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.ConsentStatus;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.ContactNotFoundException;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.internal.cadence.CadenceSteps;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.EnrollmentRow;
import io.touchbase.core.internal.store.EnrollmentStore;
import io.touchbase.core.internal.store.SchedulerRows;
import io.touchbase.core.internal.store.StaffTaskStore;
import io.touchbase.core.internal.store.TouchpointStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of a contact merge, in the caller's transaction. Locks are taken in the order the
 * other paths take them: both contact rows (in id order, as events lock a contact before its
 * enrollments), then every enrollment of both contacts (in id order, as a round's record step and
 * a goal lock them). A round being recorded for one of them therefore commits before the merge
 * moves its touchpoints, and one recorded after the merge reads the survivor from the enrollment
 * row it locks.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class ContactMerges {
  private static final Logger log = LoggerFactory.getLogger(ContactMerges.class);
  /** How often a merge re-resolves its ids when a concurrent merge took one of them away. */
  private static final int RESOLVE_TRIES = 3;
  /** The length of {@code tb_consent.source}. */
  private static final int MAX_SOURCE = 256;

  private final ContactStore contacts;
  private final EnrollmentStore enrollments;
  private final TouchpointStore touchpoints;
  private final StaffTaskStore tasks;
  private final SchedulerRows schedulerRows;
  private final CadenceSteps steps;

  ContactMerges(ContactStore contacts, EnrollmentStore enrollments, TouchpointStore touchpoints, StaffTaskStore tasks,
      SchedulerRows schedulerRows, CadenceSteps steps) {
    this.contacts = contacts;
    this.enrollments = enrollments;
    this.touchpoints = touchpoints;
    this.tasks = tasks;
    this.schedulerRows = schedulerRows;
    this.steps = steps;
  }

  /** Merges {@code absorbedArg} into {@code survivorArg} and returns the survivor as stored. */
  Contact merge(Connection c, ContactId survivorArg, ContactId absorbedArg, Instant now, Effects fx)
      throws SQLException {
    Pair pair = lockPair(c, survivorArg, absorbedArg);
    String s = pair.survivor().value();
    String a = pair.absorbed().value();
    Contact survivor = contacts.find(c, pair.survivor()).orElseThrow();
    Contact absorbed = contacts.find(c, pair.absorbed()).orElseThrow();

    // Enrollments: the absorbed contact's active ones in a cadence the survivor also walks end.
    List<EnrollmentRow> rows = enrollments.lockOfContacts(c, s, a);
    Map<String, EnrollmentRow> survivorActive = new HashMap<>();
    for (EnrollmentRow e : rows) {
      if (e.contactId().equals(s) && e.isActive()) {
        survivorActive.put(e.cadenceId(), e);
      }
    }
    List<Long> ended = new ArrayList<>();
    int moved = 0;
    for (EnrollmentRow e : rows) {
      if (!e.contactId().equals(a)) {
        continue;
      }
      moved++;
      EnrollmentRow kept = e.isActive() ? survivorActive.get(e.cadenceId()) : null;
      if (kept == null) {
        continue;
      }
      // Ended as the survivor's, so that the touchpoints of its end land on the survivor.
      EnrollmentRow done = steps.end(c, e.ofContact(s), EnrollmentState.CANCELLED, "merged into " + s, null, now, fx);
      fx.append(c, TouchpointDraft.ofEnrollment(done, TouchpointKind.MERGED, now)
          .reason("contact '" + a + "' merged into '" + s + "', which walks cadence '" + e.cadenceId()
              + "' in enrollment " + kept.id() + "; this enrollment ended so that no round goes out twice")
          .attribute("absorbed", a).attribute("keptEnrollment", Long.toString(kept.id())));
      // An idle wake-up goes; a running one finds the enrollment ended and records nothing more.
      schedulerRows.deleteIfIdle(c, e.id());
      ended.add(e.id());
    }
    enrollments.moveToContact(c, a, s);
    touchpoints.moveToContact(c, a, s);
    tasks.moveToContact(c, a, s);

    // Addresses: one per kind and scope; the survivor's stays.
    Set<String> held = new LinkedHashSet<>();
    survivor.addresses().forEach(x -> held.add(slot(x)));
    List<Address> dropped = absorbed.addresses().stream().filter(x -> held.contains(slot(x))).toList();
    contacts.deleteAddresses(c, dropped);
    contacts.moveAddresses(c, a, s);

    // Profile: survivor wins on a clash, the absorbed contact fills what the survivor lacks.
    Map<String, String> attributes = new LinkedHashMap<>(absorbed.attributes());
    attributes.putAll(survivor.attributes());
    Set<String> tags = new LinkedHashSet<>(survivor.tags());
    tags.addAll(absorbed.tags());
    Contact.Builder profile = Contact.builder(pair.survivor()).attributes(attributes);
    tags.forEach(profile::tag);
    survivor.timeZone().or(absorbed::timeZone).ifPresent(profile::timeZone);
    survivor.locale().or(absorbed::locale).ifPresent(profile::locale);
    survivor.lifecycleStage().or(absorbed::lifecycleStage).ifPresent(profile::lifecycleStage);
    contacts.updateRows(c, List.of(profile.build()), now);

    contacts.moveConsents(c, a, s);
    List<Consent> kept = optOutsToKeep(survivor, absorbed, now);
    for (Consent k : kept) {
      contacts.insertConsent(c, pair.survivor(), k, now);
    }

    contacts.deleteRow(c, a);
    contacts.addAlias(c, a, s, now);

    TouchpointDraft record = TouchpointDraft.of(pair.survivor(), TouchpointKind.MERGED, now)
        .reason("contact '" + a + "' merged into '" + s + "'")
        .attribute("absorbed", a)
        .attribute("enrollmentsMoved", Integer.toString(moved));
    if (!ended.isEmpty()) {
      record.attribute("enrollmentsEnded", ended.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    if (!dropped.isEmpty()) {
      record.attribute("addressesDropped", dropped.stream().map(Address::toString).collect(Collectors.joining(", ")));
    }
    if (!kept.isEmpty()) {
      record.attribute("optOutsKept", kept.stream().map(k -> k.channelType() + "/" + k.purpose())
          .collect(Collectors.joining(",")));
    }
    fx.append(c, record);
    log.info("Contact '{}' merged into '{}': {} enrollments moved ({} of them ended), {} addresses dropped,"
        + " {} opt-outs kept", a, s, moved, ended.size(), dropped.size(), kept.size());
    return contacts.find(c, pair.survivor()).orElseThrow();
  }

  private record Pair(ContactId survivor, ContactId absorbed) {}

  /**
   * Resolves both ids to contacts and locks their rows in id order. A contact merged away by a
   * concurrent merge while we waited for its lock is followed to where it went.
   */
  private Pair lockPair(Connection c, ContactId survivorArg, ContactId absorbedArg) throws SQLException {
    for (int i = 0; i < RESOLVE_TRIES; i++) {
      ContactId s = contacts.resolve(c, survivorArg).orElseThrow(() -> new ContactNotFoundException(survivorArg));
      ContactId a = contacts.resolve(c, absorbedArg).orElseThrow(() -> new ContactNotFoundException(absorbedArg));
      if (s.equals(a)) {
        throw sameContact(survivorArg, absorbedArg, s);
      }
      boolean sFirst = s.value().compareTo(a.value()) < 0;
      if (contacts.lock(c, sFirst ? s : a) && contacts.lock(c, sFirst ? a : s)) {
        return new Pair(s, a);
      }
    }
    throw new IllegalStateException("contacts '" + survivorArg + "' and '" + absorbedArg
        + "' kept being merged by concurrent calls; try again");
  }

  private static IllegalArgumentException sameContact(ContactId survivorArg, ContactId absorbedArg, ContactId both) {
    if (survivorArg.equals(absorbedArg)) {
      return new IllegalArgumentException("absorbed must be another contact than survivor, but both were '"
          + survivorArg + "'");
    }
    if (both.equals(survivorArg)) {
      return new IllegalArgumentException("absorbed '" + absorbedArg + "' is an alias of survivor '" + survivorArg
          + "': it was merged into it already");
    }
    if (both.equals(absorbedArg)) {
      return new IllegalArgumentException("survivor '" + survivorArg + "' is an alias of absorbed '" + absorbedArg
          + "': it was merged into it already, so they are one contact");
    }
    return new IllegalArgumentException("survivor '" + survivorArg + "' and absorbed '" + absorbedArg
        + "' are both aliases of contact '" + both + "': they are one contact already");
  }

  private static String slot(Address a) {
    return a.kind().id() + "|" + a.scope();
  }

  /**
   * The opt-outs a merge records again: per channel type and purpose where one side's decision in
   * force is an opt-out and the other side's newer one an opt-in, so that the combined history,
   * whose newest decision is in force, does not turn the opt-out into an opt-in.
   */
  static List<Consent> optOutsToKeep(Contact survivor, Contact absorbed, Instant now) {
    List<Consent> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    List<Consent> all = new ArrayList<>(survivor.consents());
    all.addAll(absorbed.consents());
    for (Consent any : all) {
      if (!seen.add(any.channelType().id() + "|" + any.purpose())) {
        continue;
      }
      Optional<Consent> mine = survivor.consent(any.channelType(), any.purpose());
      Optional<Consent> theirs = absorbed.consent(any.channelType(), any.purpose());
      if (mine.isEmpty() || theirs.isEmpty() || mine.get().status() == theirs.get().status()) {
        continue;
      }
      Consent out1 = mine.get().status() == ConsentStatus.OPTED_OUT ? mine.get() : theirs.get();
      Consent in = out1 == mine.get() ? theirs.get() : mine.get();
      // At equal times the order recorded would decide: the opt-out is recorded again then too.
      if (!in.changedAt().isBefore(out1.changedAt())) {
        String from = out1 == mine.get() ? survivor.id().value() : absorbed.id().value();
        String over = out1 == mine.get() ? absorbed.id().value() : survivor.id().value();
        String source = "merge: opt-out of contact '" + from + "' kept over the opt-in of contact '" + over
            + "' (" + out1.source() + ")";
        out.add(Consent.optOut(any.channelType(), any.purpose(), now,
            source.length() <= MAX_SOURCE ? source : source.substring(0, MAX_SOURCE - 3) + "..."));
      }
    }
    return out;
  }
}
