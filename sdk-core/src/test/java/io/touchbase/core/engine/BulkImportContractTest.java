package io.touchbase.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.BulkEnrollment;
import io.touchbase.api.cadence.BulkEnrollment.SkipReason;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.Cadences;
import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.cadence.ReentryPolicy;
import io.touchbase.api.cadence.UnknownCadenceException;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressConflictException;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.ContactNotFoundException;
import io.touchbase.api.contact.Contacts;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.api.touchpoint.TouchpointQuery;
import io.touchbase.core.EngineControl;
import io.touchbase.core.internal.channel.DryRunChannelProvider;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ChannelProviderLoader;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.RecordingChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bulk import through the public API ({@code upsertAll}, {@code enrollAll}), run against every
 * supported database by the subclasses: the same results as the one-at-a-time calls, skips with
 * their reasons, inputs rejected with the element and field named, and enrolled contacts' rounds
 * that then run.
 */
public abstract class BulkImportContractTest {
  static final Instant START = Instant.parse("2026-03-02T02:00:00Z");
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String WELCOME = "welcome";
  static final String ONCE = "once-only";

  private MutableClock clock;
  private RecordingChannel strict;
  private final List<Touchbase> opened = new ArrayList<>();

  /** A new empty database of the kind under test. */
  protected abstract Database newDatabase();

  @BeforeEach
  void setUp() {
    clock = MutableClock.at(START);
    strict = (RecordingChannel) RecordingChannel.provider("strict-sms").create(null);
  }

  @AfterEach
  void tearDown() {
    opened.forEach(Touchbase::close);
  }

  /**
   * Round 1 on the dry-run channel at once; round 2 a day later on a channel whose provider needs
   * the {@code tier} attribute, so a contact without it cannot be enrolled.
   */
  private Touchbase start(Database database) {
    Touchbase t = Touchbase.builder()
        .database(database)
        .clock(clock)
        .instanceName("node-a")
        .channelProviderLoader(ChannelProviderLoader.of())
        .addChannelProvider(new DryRunChannelProvider())
        .addChannelProvider(strictProvider(strict))
        .channel("dry-sms", "dry-run")
        .channel("strict", "strict-sms")
        .template("welcome-1", "Welcome, {{name}}.")
        .template("welcome-2", "{{name}}, your {{tier}} benefits are waiting.")
        .cadence(CadenceDefinition.builder(WELCOME)
            .purpose(Purpose.TRANSACTIONAL)
            .round(r -> r.channel("dry-sms").template("welcome-1"))
            .round(r -> r.waitFor(Duration.ofDays(1)).channel("strict").template("welcome-2"))
            .build())
        .cadence(CadenceDefinition.builder(ONCE)
            .purpose(Purpose.TRANSACTIONAL)
            .reentry(ReentryPolicy.NEVER)
            .round(r -> r.waitFor(Duration.ofDays(1)).channel("dry-sms").template("welcome-1"))
            .build())
        .quietHours(QuietHours.none())
        .defaultZone(SHANGHAI)
        .pollingInterval(Duration.ofMillis(20))
        .schedulerThreads(4)
        .build();
    opened.add(t);
    return t;
  }

  /** A recording channel that declares the variables its template needs. */
  private static ChannelProvider strictProvider(RecordingChannel recording) {
    return new ChannelProvider() {
      @Override public String id() {
        return "strict-sms";
      }

      @Override public ChannelType channelType() {
        return ChannelType.SMS;
      }

      @Override public List<AddressKind> requiredAddressKinds() {
        return List.of(AddressKind.PHONE);
      }

      @Override public Channel create(ChannelContext context) {
        return new Channel() {
          @Override public SendResult send(OutboundMessage m) {
            return recording.send(m);
          }

          @Override public Optional<Set<String>> requiredVariables(String templateId) {
            return Optional.of(Set.of("name", "tier"));
          }
        };
      }
    };
  }

  private static void idle(Touchbase t) {
    EngineControl control = t.unwrap(EngineControl.class).orElseThrow();
    assertThat(control.awaitIdle(Duration.ofSeconds(20))).as("engine became idle").isTrue();
  }

  static String phone(int i) {
    return "+86139" + String.format(Locale.ROOT, "%08d", i);
  }

  static Contact member(String id, int number) {
    return Contact.builder(id).phone(phone(number)).attribute("name", "Member " + id).attribute("tier", "gold")
        .build();
  }

  private static Consent sms(boolean in, Instant at, String source) {
    return in ? Consent.optIn(ChannelType.SMS, Purpose.MARKETING, at, source)
        : Consent.optOut(ChannelType.SMS, Purpose.MARKETING, at, source);
  }

  // ---- upsertAll --------------------------------------------------------------------------

  @Test
  @DisplayName("upsertAll stores exactly what upsert would for each element in turn, in one call")
  void upsertAllMatchesSequentialUpserts() {
    Touchbase bulk = start(newDatabase());
    Touchbase single = start(newDatabase());
    Instant earlier = START.minus(Duration.ofDays(30));
    List<Contact> seed = List.of(
        Contact.builder("u1").phone(phone(1)).email("Jane.Doe@Example.COM").attribute("name", "Jane")
            .tag("vip").consent(sms(true, earlier, "signup form")).build(),
        Contact.builder("u2").phone(phone(2)).attribute("name", "Li").build(),
        Contact.builder("u3").phone(phone(3)).timeZone(ZoneId.of("Europe/Berlin")).build());
    bulk.contacts().upsertAll(seed);
    seed.forEach(single.contacts()::upsert);
    clock.advance(Duration.ofMinutes(5));

    List<Contact> batch = List.of(
        // u1: drops the email, gains an openid, changes attributes and tags, opts out; the opt-in
        // of phone is new, the SMS opt-in repeated beside it is in force already and not recorded.
        seed.get(0).toBuilder().removeAddress(AddressKind.EMAIL)
            .address(Address.wechatOpenId("wx-app", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"))
            .attribute("name", "Jane D.").attribute("city", "Hangzhou").tag("renewal-2026")
            .consent(sms(false, clock.instant(), "sms reply TD"))
            .consent(Consent.optIn(ChannelType.PHONE, Purpose.MARKETING, clock.instant(), "call")).build(),
        // u2 releases its number, which u4 (later in the list) takes.
        Contact.builder("u2").email("li@example.com").locale(Locale.SIMPLIFIED_CHINESE).lifecycleStage("lapsed")
            .build(),
        Contact.builder("u4").phone(phone(2)).attribute("name", "New owner")
            .consent(sms(true, clock.instant(), "checkout form")).build(),
        // New, with every field set.
        Contact.builder("u5").phone(phone(5)).email("u5@example.org").attribute("name", "Five").tag("new")
            .timeZone(SHANGHAI).locale(Locale.US).lifecycleStage("member")
            .consent(sms(true, clock.instant(), "web form"))
            .consent(Consent.optOut(ChannelType.EMAIL, Purpose.MARKETING, clock.instant(), "web form")).build());

    List<Contact> stored = bulk.contacts().upsertAll(batch);
    List<Contact> one = batch.stream().map(single.contacts()::upsert).toList();

    assertThat(stored).extracting(Contact::id).extracting(ContactId::value).containsExactly("u1", "u2", "u4", "u5");
    assertThat(stored).isEqualTo(one);
    for (Contact k : stored) {
      assertThat(bulk.contacts().find(k.id())).as("returned as stored: %s", k.id()).contains(k);
    }
    for (String id : List.of("u1", "u2", "u3", "u4", "u5")) {
      ContactId cid = ContactId.of(id);
      assertThat(bulk.contacts().find(cid)).as(id).isEqualTo(single.contacts().find(cid));
      assertThat(bulk.contacts().consentHistory(cid)).as(id).isEqualTo(single.contacts().consentHistory(cid));
    }
    assertThat(stored.get(0).addresses()).extracting(Address::kind)
        .containsExactlyInAnyOrder(AddressKind.PHONE, AddressKind.WECHAT_OPENID);
    assertThat(stored.get(0).attributes()).containsEntry("name", "Jane D.").containsEntry("city", "Hangzhou");
    assertThat(stored.get(0).consent(ChannelType.SMS, Purpose.MARKETING)).get().extracting(Consent::source)
        .isEqualTo("sms reply TD");
    assertThat(bulk.contacts().consentHistory(ContactId.of("u1"))).extracting(Consent::source)
        .containsExactly("signup form", "sms reply TD", "call");
    assertThat(bulk.contacts().findByAddress(Address.phone(phone(2)))).get().extracting(Contact::id)
        .isEqualTo(ContactId.of("u4"));
    assertThat(bulk.contacts().findByAddress(Address.email("jane.doe@example.com"))).as("released").isEmpty();
    assertThat(stored.get(3).locale()).contains(Locale.US);
    assertThat(bulk.contacts().upsertAll(List.of())).isEmpty();
  }

  @Test
  @DisplayName("upsertAll keeps text that array and JSON encodings treat specially exactly as given")
  void upsertAllKeepsAwkwardText() {
    Touchbase bulk = start(newDatabase());
    Touchbase single = start(newDatabase());
    String awkward = "NULL";
    List<Contact> batch = List.of(
        Contact.builder("q1").phone(phone(11)).attribute("name", "O'Brien, \"Bob\" {x} \\ 王")
            .attribute("note", awkward).attribute("empty", "").tag("NULL").tag("null")
            .lifecycleStage("NULL").consent(sms(true, START, "form \"a\", {b} \\ NULL")).build(),
        Contact.builder("q2").email("null@example.com").attribute("multi", "line one\nline\ttwo")
            // Kept to the microsecond by the database; zone and locale as their ids and tags keep them.
            .consent(Consent.optIn(ChannelType.EMAIL, Purpose.MARKETING, Instant.parse("2026-03-01T08:00:00.123456789Z"),
                "web form"))
            .address(Address.wechatOpenId("wx-b", "o-b")).address(Address.wechatOpenId("wx-a", "o-a"))
            .timeZone(ZoneId.of("GMT+08:00")).locale(Locale.forLanguageTag("zh-Hant-TW")).build());
    List<Contact> stored = bulk.contacts().upsertAll(batch);
    List<Contact> one = batch.stream().map(single.contacts()::upsert).toList();
    assertThat(stored).isEqualTo(one);
    for (Contact k : stored) {
      assertThat(bulk.contacts().find(k.id())).as("returned as stored: %s", k.id()).contains(k);
    }
    assertThat(stored.get(1).consents().get(0).changedAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00.123456Z"));
    assertThat(stored.get(0).attributes()).containsEntry("name", "O'Brien, \"Bob\" {x} \\ 王")
        .containsEntry("note", "NULL").containsEntry("empty", "");
    assertThat(stored.get(0).tags()).containsExactlyInAnyOrder("NULL", "null");
    assertThat(stored.get(0).lifecycleStage()).contains("NULL");
    assertThat(bulk.contacts().consentHistory(ContactId.of("q1"))).extracting(Consent::source)
        .containsExactly("form \"a\", {b} \\ NULL");
    assertThat(bulk.contacts().find(ContactId.of("q2")).orElseThrow().attributes())
        .containsEntry("multi", "line one\nline\ttwo");
  }

  @Test
  @DisplayName("upsertAll is all or nothing: an address owned by another contact, stored or earlier, fails it")
  void upsertAllConflicts() {
    Touchbase t = start(newDatabase());
    t.contacts().upsertAll(List.of(member("u1", 1), member("u2", 2)));

    assertThatThrownBy(() -> t.contacts().upsertAll(List.of(member("u3", 3), member("u4", 1))))
        .isInstanceOf(AddressConflictException.class)
        .hasMessageContaining("'u4'").hasMessageContaining("'u1'").hasMessageNotContaining("00000001");
    assertThatThrownBy(() -> t.contacts().upsertAll(List.of(member("u5", 5), member("u6", 5))))
        .isInstanceOf(AddressConflictException.class)
        .satisfies(e -> {
          AddressConflictException c = (AddressConflictException) e;
          assertThat(c.contactId()).isEqualTo(ContactId.of("u6"));
          assertThat(c.ownerId()).isEqualTo(ContactId.of("u5"));
        });
    // Taken before it is released, as sequential upserts would see it: u7 wants u2's number first.
    assertThatThrownBy(() -> t.contacts().upsertAll(List.of(member("u7", 2),
        Contact.builder("u2").attribute("name", "Two").build())))
        .isInstanceOf(AddressConflictException.class).hasMessageContaining("'u7'");
    for (String id : List.of("u3", "u4", "u5", "u6", "u7")) {
      assertThat(t.contacts().find(ContactId.of(id))).as("%s was not stored", id).isEmpty();
    }
    assertThat(t.contacts().find(ContactId.of("u2")).orElseThrow().addresses()).hasSize(1);
  }

  @Test
  @DisplayName("upsertAll rejects bad input naming the element and field, never showing an address")
  void upsertAllRejectsBadInput() {
    Touchbase t = start(newDatabase());
    assertThatThrownBy(() -> t.contacts().upsertAll(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("contacts must not be null");
    assertThatThrownBy(() -> t.contacts().upsertAll(Arrays.asList(member("u1", 1), null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("contacts[1] must not be null");
    assertThatThrownBy(() -> t.contacts().upsertAll(List.of(member("u1", 1), member("u2", 2), member("u1", 3))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("contacts[2].id repeats contacts[0].id 'u1'");
    assertThatThrownBy(() -> t.contacts().upsertAll(List.of(member("u1", 1),
        Contact.builder("u2").email("x@example.com").phone("+999123456789").build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("contacts[1].addresses[1].value must be a phone number with a valid country code")
        .hasMessageNotContaining("123456789");
    assertThatThrownBy(() -> t.contacts().upsertAll(Collections.nCopies(Contacts.MAX_BATCH_SIZE + 1, member("u1", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contacts must hold at most 10000").hasMessageContaining("but held 10001");
    assertThat(t.contacts().find(ContactId.of("u1"))).isEmpty();
  }

  // ---- enrollAll ---------------------------------------------------------------------------

  @Test
  @DisplayName("enrollAll enrols new contacts and reports each skipped one; the enrolled contacts' rounds then run")
  void enrollAllMixedThenRoundsRun() {
    Touchbase t = start(newDatabase());
    t.contacts().upsertAll(List.of(member("b1", 1), member("b2", 2), member("b3", 3), member("a1", 4),
        Contact.builder("n1").phone(phone(5)).attribute("name", "No tier").build()));
    Enrollment earlier = t.cadences().enroll(ContactId.of("a1"), WELCOME);
    List<ContactId> ids = Stream.of("b1", "a1", "ghost", "b2", "n1", "b3").map(ContactId::of).toList();

    BulkEnrollment result = t.cadences().enrollAll(WELCOME, ids);

    assertThat(result.enrolled()).extracting(e -> e.contactId().value()).containsExactly("b1", "b2", "b3");
    assertThat(result.enrolled()).allSatisfy(e -> {
      assertThat(e.state()).isEqualTo(EnrollmentState.ACTIVE);
      assertThat(e.cadenceId()).isEqualTo(WELCOME);
      assertThat(e.nextRound()).isEqualTo(1);
      assertThat(e.nextRoundAt()).contains(START);
      // Round 1 is due at once and may already have run: compare what does not move.
      assertThat(t.cadences().enrollment(e.id())).get().extracting(Enrollment::contactId, Enrollment::enrolledAt)
          .containsExactly(e.contactId(), e.enrolledAt());
    });
    assertThat(result.skipped()).extracting(BulkEnrollment.Skipped::index).containsExactly(1, 2, 4);
    assertThat(result.skipped()).extracting(BulkEnrollment.Skipped::reason)
        .containsExactly(SkipReason.ALREADY_ACTIVE, SkipReason.UNKNOWN_CONTACT, SkipReason.MISSING_VARIABLE);
    BulkEnrollment.Skipped active = result.skipped().get(0);
    assertThat(active.contactId()).isEqualTo(ContactId.of("a1"));
    assertThat(active.enrollment()).get().extracting(Enrollment::id).isEqualTo(earlier.id());
    assertThat(result.skipped().get(1).enrollment()).isEmpty();
    assertThat(result.skipped().get(1).detail()).isEqualTo("No contact with id 'ghost'");
    assertThat(result.skipped(SkipReason.MISSING_VARIABLE)).singleElement().satisfies(s -> {
      assertThat(s.contactId()).isEqualTo(ContactId.of("n1"));
      assertThat(s.detail()).contains("'tier'").contains("'strict'").doesNotContain("00000005");
    });
    // The one-at-a-time call follows the same rules.
    assertThatThrownBy(() -> t.cadences().enroll(ContactId.of("n1"), WELCOME))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(result.skipped().get(2).detail());
    assertThatThrownBy(() -> t.cadences().enroll(ContactId.of("ghost"), WELCOME))
        .isInstanceOf(ContactNotFoundException.class);
    assertThat(t.cadences().enroll(ContactId.of("b2"), WELCOME).id()).isEqualTo(result.enrolled().get(1).id());
    assertThat(t.cadences().enrollments(ContactId.of("n1"))).isEmpty();

    idle(t);
    List<Touchpoint> first = t.touchpoints().query(TouchpointQuery.builder().cadence(WELCOME).round(1)
        .kind(TouchpointKind.SENT).build());
    assertThat(first).extracting(tp -> tp.contactId().value()).containsExactlyInAnyOrder("a1", "b1", "b2", "b3");
    assertThat(first).allSatisfy(tp -> assertThat(tp.provider()).contains("dry-run"));
    clock.advance(Duration.ofDays(1));
    idle(t);
    assertThat(strict.sent()).extracting(m -> m.contactId().value()).containsExactlyInAnyOrder("a1", "b1", "b2", "b3");
    assertThat(strict.sentTo(ContactId.of("b3"))).singleElement()
        .satisfies(m -> assertThat(m.text()).contains("Member b3, your gold benefits are waiting."));

    BulkEnrollment again = t.cadences().enrollAll(WELCOME, List.of(ContactId.of("b1"), ContactId.of("b3")));
    assertThat(again.enrolled()).isEmpty();
    assertThat(again.skipped()).extracting(BulkEnrollment.Skipped::reason)
        .containsOnly(SkipReason.ALREADY_ACTIVE);
  }

  @Test
  @DisplayName("enrollAll honours a cadence that allows no re-entry, as enroll does")
  void enrollAllNoReentry() {
    Touchbase t = start(newDatabase());
    t.contacts().upsertAll(List.of(member("c1", 1), member("c2", 2)));
    Enrollment walked = t.cadences().enroll(ContactId.of("c1"), ONCE);
    t.cadences().cancel(walked.id(), "changed plans");

    BulkEnrollment result = t.cadences().enrollAll(ONCE, List.of(ContactId.of("c1"), ContactId.of("c2")));

    assertThat(result.enrolled()).extracting(e -> e.contactId().value()).containsExactly("c2");
    assertThat(result.enrolled().get(0).nextRoundAt()).contains(START.plus(Duration.ofDays(1)));
    assertThat(result.skipped()).singleElement().satisfies(s -> {
      assertThat(s.reason()).isEqualTo(SkipReason.REENTRY_NOT_ALLOWED);
      assertThat(s.enrollment()).get().satisfies(e -> {
        assertThat(e.id()).isEqualTo(walked.id());
        assertThat(e.state()).isEqualTo(EnrollmentState.CANCELLED);
      });
    });
    assertThat(t.cadences().enroll(ContactId.of("c1"), ONCE).id()).isEqualTo(walked.id());
  }

  @Test
  @DisplayName("two enrollAll calls racing over the same contacts enrol each contact exactly once")
  void concurrentEnrollAll() {
    Touchbase t = start(newDatabase());
    int n = 300;
    List<Contact> contacts = IntStream.range(0, n).mapToObj(i -> member("r" + i, 100 + i)).toList();
    t.contacts().upsertAll(contacts);
    List<ContactId> forward = contacts.stream().map(Contact::id).toList();
    List<ContactId> backward = new ArrayList<>(forward);
    Collections.reverse(backward);

    var a = CompletableFuture.supplyAsync(() -> t.cadences().enrollAll(WELCOME, forward));
    var b = CompletableFuture.supplyAsync(() -> t.cadences().enrollAll(WELCOME, backward));
    List<BulkEnrollment> both = List.of(a.join(), b.join());

    List<String> enrolled = both.stream().flatMap(r -> r.enrolled().stream()).map(e -> e.contactId().value()).toList();
    assertThat(enrolled).hasSize(n).doesNotHaveDuplicates();
    for (BulkEnrollment r : both) {
      assertThat(r.enrolled().size() + r.skipped().size()).isEqualTo(n);
      assertThat(r.skipped()).allSatisfy(s -> assertThat(s.reason()).isEqualTo(SkipReason.ALREADY_ACTIVE));
    }
    Map<String, Long> perContact = forward.stream().collect(java.util.stream.Collectors.toMap(ContactId::value,
        id -> (long) t.cadences().enrollments(id).size()));
    assertThat(perContact.values()).containsOnly(1L);
    idle(t);
    assertThat(t.touchpoints().count(TouchpointQuery.builder().cadence(WELCOME).round(1).build()))
        .containsEntry(TouchpointKind.SENT, (long) n);
  }

  @Test
  @DisplayName("enrollAll rejects bad arguments naming the parameter")
  void enrollAllRejectsBadArguments() {
    Touchbase t = start(newDatabase());
    t.contacts().upsert(member("u1", 1));
    List<ContactId> one = List.of(ContactId.of("u1"));
    Function<Runnable, org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable>> fails =
        call -> assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class);
    fails.apply(() -> t.cadences().enrollAll(null, one)).hasMessage("cadenceId must not be null");
    fails.apply(() -> t.cadences().enrollAll(" ", one)).hasMessage("cadenceId must not be blank");
    fails.apply(() -> t.cadences().enrollAll(WELCOME, null)).hasMessage("contactIds must not be null");
    fails.apply(() -> t.cadences().enrollAll(WELCOME, Arrays.asList(ContactId.of("u1"), null)))
        .hasMessage("contactIds[1] must not be null");
    List<ContactId> twice = List.of(ContactId.of("u1"), ContactId.of("u2"), ContactId.of("u1"));
    fails.apply(() -> t.cadences().enrollAll(WELCOME, twice))
        .hasMessageStartingWith("contactIds[2] repeats contactIds[0] ('u1')");
    List<ContactId> tooMany = Collections.nCopies(Cadences.MAX_BATCH_SIZE + 1, ContactId.of("u1"));
    fails.apply(() -> t.cadences().enrollAll(WELCOME, tooMany))
        .hasMessageContaining("contactIds must hold at most 10000").hasMessageContaining("but held 10001");
    assertThatThrownBy(() -> t.cadences().enrollAll("nope", one)).isInstanceOf(UnknownCadenceException.class)
        .hasMessageContaining("'nope'");
    assertThat(t.cadences().enrollments(ContactId.of("u1"))).isEmpty();
    BulkEnrollment none = t.cadences().enrollAll(WELCOME, List.of());
    assertThat(none.enrolled()).isEmpty();
    assertThat(none.skipped()).isEmpty();
  }
}
