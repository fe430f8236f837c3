package io.touchbase.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.touchbase.api.ChannelConfig;
import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.BulkEnrollment;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressConflictException;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.ConsentStatus;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.ContactNotFoundException;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.event.EventOutcome;
import io.touchbase.api.task.StaffTask;
import io.touchbase.api.task.StaffTaskQuery;
import io.touchbase.api.task.StaffTaskState;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.api.touchpoint.TouchpointQuery;
import io.touchbase.core.EngineControl;
import io.touchbase.core.internal.channel.StaffCallChannelProvider;
import io.touchbase.spi.channel.ChannelProviderLoader;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.RecordingChannel;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Contact merge and aliases through the public API, run against every supported database by the
 * subclasses.
 */
public abstract class MergeContractTest {
  static final Instant START = Instant.parse("2026-03-02T02:00:00Z"); // 10:00 in Shanghai
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** Round 1 a day after enrolment, round 2 five days later, round 3 a call two days later. */
  static final String CADENCE = "membership-renewal";
  /** One SMS a day after enrolment, transactional. */
  static final String NOTICE = "order-notice";

  protected MutableClock clock;
  protected RecordingChannel sms;
  protected RecordingChannel voice;
  private RecordingChannel.Provider smsProvider;
  private RecordingChannel.Provider voiceProvider;
  protected Database database;
  private final List<Touchbase> opened = new ArrayList<>();

  protected abstract Database newDatabase();

  @BeforeEach
  void setUp() {
    clock = MutableClock.at(START);
    smsProvider = RecordingChannel.provider("recording-sms", ChannelType.SMS, AddressKind.PHONE);
    voiceProvider = RecordingChannel.provider("recording-voice", ChannelType.PHONE, AddressKind.PHONE);
    sms = smsProvider.create(null);
    voice = voiceProvider.create(null);
    database = newDatabase();
  }

  @AfterEach
  void tearDown() {
    opened.forEach(Touchbase::close);
  }

  static CadenceDefinition renewal() {
    return CadenceDefinition.builder(CADENCE)
        .purpose(Purpose.MARKETING)
        .round(r -> r.waitFor(Duration.ofDays(1)).channel("sms").template("renewal-1").variable("offer", "10%"))
        .round(r -> r.waitFor(Duration.ofDays(5)).channel("sms").template("renewal-2"))
        .round(r -> r.waitFor(Duration.ofDays(2)).channel("voice").template("renewal-call"))
        .exitOn("membership.renewed")
        .build();
  }

  static CadenceDefinition notice() {
    return CadenceDefinition.builder(NOTICE)
        .purpose(Purpose.TRANSACTIONAL)
        .round(r -> r.waitFor(Duration.ofDays(1)).channel("sms").template("renewal-2"))
        .build();
  }

  protected Touchbase start(String instance, Consumer<Touchbase.Builder> custom) {
    Touchbase.Builder b = Touchbase.builder()
        .database(database)
        .clock(clock)
        .instanceName(instance)
        .channelProviderLoader(ChannelProviderLoader.of())
        .addChannelProvider(smsProvider)
        .addChannelProvider(voiceProvider)
        .channel("sms", "recording-sms")
        .channel("voice", "recording-voice")
        .template("renewal-1", "Hi {{name}}, renew now and get {{offer}} off.")
        .template("renewal-2", "Hi {{name}}, your membership ends soon.")
        .template("renewal-call", "This is a call about your membership, {{name}}.")
        .cadence(renewal())
        .cadence(notice())
        .quietHours(QuietHours.none())
        .defaultZone(SHANGHAI)
        .attributionWindow(Duration.ZERO)
        .pollingInterval(Duration.ofMillis(20))
        .schedulerThreads(4)
        .retryBackoff(Duration.ofMinutes(1));
    custom.accept(b);
    Touchbase t = b.build();
    opened.add(t);
    return t;
  }

  protected Touchbase start() {
    return start("node-a", b -> {});
  }

  static void idle(Touchbase t) {
    assertThat(t.unwrap(EngineControl.class).orElseThrow().awaitIdle(Duration.ofSeconds(20)))
        .as("engine became idle").isTrue();
  }

  protected void advance(Touchbase t, Duration total, Duration step) {
    idle(t);
    for (Duration d = Duration.ZERO; d.compareTo(total) < 0; d = d.plus(step)) {
      clock.advance(step);
      idle(t);
    }
  }

  static Contact member(String id, String phone) {
    return Contact.builder(id)
        .phone(phone)
        .attribute("name", "Member " + id)
        .timeZone(SHANGHAI)
        .consent(Consent.optIn(ChannelType.SMS, Purpose.MARKETING, START.minus(Duration.ofDays(30)), "signup form"))
        .consent(Consent.optIn(ChannelType.PHONE, Purpose.MARKETING, START.minus(Duration.ofDays(30)), "signup form"))
        .build();
  }

  static String phone(int i) {
    return "+86138" + String.format("%08d", i);
  }

  static ContactId id(String value) {
    return ContactId.of(value);
  }

  static List<TouchpointKind> kinds(List<Touchpoint> touchpoints) {
    return touchpoints.stream().map(Touchpoint::kind).toList();
  }

  static Touchpoint merged(Touchbase t, String survivor) {
    return t.touchpoints().timeline(id(survivor)).stream()
        .filter(tp -> tp.kind() == TouchpointKind.MERGED && tp.enrollmentId().isEmpty())
        .reduce((first, second) -> second).orElseThrow();
  }

  @Test
  @DisplayName("merge moves addresses, attributes, tags, consents, touchpoints and enrollments to the survivor")
  void mergeMovesEverything() {
    Touchbase t = start();
    t.contacts().upsert(member("guest-7", phone(7)).toBuilder()
        .email("jane.doe@Example.com")
        .address(Address.wechatOpenId("wx-app", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"))
        .attribute("name", "Guest")
        .attribute("tier", "silver")
        .tag("guest")
        .locale(Locale.SIMPLIFIED_CHINESE)
        .build());
    t.contacts().upsert(Contact.builder("user-42").phone(phone(42)).attribute("name", "Jane").tag("vip")
        .consent(Consent.optIn(ChannelType.SMS, Purpose.MARKETING, START.minus(Duration.ofDays(9)), "web form"))
        .build());
    t.cadences().enroll(id("guest-7"), CADENCE);
    advance(t, Duration.ofDays(1), Duration.ofDays(1));
    assertThat(sms.sentTo(id("guest-7"))).hasSize(1);

    Contact merged = t.contacts().merge(id("user-42"), id("guest-7"));

    assertThat(merged.id()).isEqualTo(id("user-42"));
    assertThat(merged.addresses()).containsExactlyInAnyOrder(Address.phone(phone(42)),
        Address.email("jane.doe@example.com"), Address.wechatOpenId("wx-app", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"));
    assertThat(merged.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "Jane", "tier", "silver"));
    assertThat(merged.tags()).containsExactlyInAnyOrder("vip", "guest");
    assertThat(merged.timeZone()).as("filled from the absorbed contact").hasValue(SHANGHAI);
    assertThat(merged.locale()).hasValue(Locale.SIMPLIFIED_CHINESE);
    assertThat(t.contacts().consentHistory(id("user-42"))).extracting(Consent::source)
        .containsExactly("signup form", "signup form", "web form");

    // Both ids stay findable; the absorbed contact's own phone was dropped (the survivor has one).
    assertThat(t.contacts().find(id("guest-7"))).get().isEqualTo(merged);
    assertThat(t.contacts().findByAddress(Address.email("jane.doe@example.com"))).get().isEqualTo(merged);
    assertThat(t.contacts().findByAddress(Address.wechatOpenId("wx-app", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")))
        .get().isEqualTo(merged);
    assertThat(t.contacts().findByAddress(Address.phone(phone(7)))).isEmpty();
    assertThat(t.contacts().consentHistory(id("guest-7"))).hasSize(3);

    List<Touchpoint> timeline = t.touchpoints().timeline(id("user-42"));
    assertThat(kinds(timeline)).containsExactly(TouchpointKind.SENT, TouchpointKind.MERGED);
    assertThat(timeline).allSatisfy(tp -> assertThat(tp.contactId()).isEqualTo(id("user-42")));
    assertThat(t.touchpoints().timeline(id("guest-7"))).isEqualTo(timeline);
    assertThat(t.touchpoints().query(TouchpointQuery.builder().contact(id("guest-7")).kind(TouchpointKind.SENT)
        .build())).singleElement().isEqualTo(timeline.get(0));
    assertThat(t.touchpoints().count(TouchpointQuery.builder().contact(id("guest-7")).build()))
        .containsExactlyInAnyOrderEntriesOf(Map.of(TouchpointKind.SENT, 1L, TouchpointKind.MERGED, 1L));
    Touchpoint record = merged(t, "user-42");
    assertThat(record.reason()).hasValue("contact 'guest-7' merged into 'user-42'");
    assertThat(record.attributes()).containsEntry("absorbed", "guest-7").containsEntry("enrollmentsMoved", "1")
        .containsEntry("addressesDropped", Address.phone(phone(7)).toString())
        .doesNotContainKey("enrollmentsEnded");
    assertThat(record.attributes().toString()).doesNotContain(phone(7));

    // The moved enrollment goes on for the survivor, on the survivor's phone.
    assertThat(t.cadences().enrollments(id("guest-7"))).singleElement().satisfies(e -> {
      assertThat(e.contactId()).isEqualTo(id("user-42"));
      assertThat(e.state()).isEqualTo(EnrollmentState.ACTIVE);
    });
    assertThat(t.cadences().activeEnrollment(id("guest-7"), CADENCE)).isPresent();
    advance(t, Duration.ofDays(8), Duration.ofDays(1));
    assertThat(sms.sent()).extracting(m -> m.to().value()).containsExactly(phone(7), phone(42));
    assertThat(sms.sent().get(1).contactId()).isEqualTo(id("user-42"));
    assertThat(sms.sent().get(1).text()).hasValueSatisfying(text -> assertThat(text).contains("Hi Jane"));
    assertThat(voice.sent()).singleElement().satisfies(m -> assertThat(m.to().value()).isEqualTo(phone(42)));
    assertThat(t.cadences().enrollments(id("user-42"))).singleElement()
        .extracting(Enrollment::state).isEqualTo(EnrollmentState.COMPLETED);
  }

  @Test
  @DisplayName("both active in one cadence: the absorbed enrollment ends 'merged into', its due round never runs")
  void doubleActiveEnrollment() throws Exception {
    // A long polling interval: a round that falls due stays due until the test wakes the scheduler.
    Touchbase t = start("node-a", b -> b.pollingInterval(Duration.ofHours(1)));
    t.contacts().upsert(member("guest-7", phone(7)));
    t.contacts().upsert(member("user-42", phone(42)));
    Enrollment absorbed = t.cadences().enroll(id("guest-7"), CADENCE);
    Enrollment kept = t.cadences().enroll(id("user-42"), CADENCE);
    Enrollment onlyAbsorbed = t.cadences().enroll(id("guest-7"), NOTICE);
    clock.advance(Duration.ofDays(1));
    assertThat(sms.sent()).as("round 1 is due but has not run").isEmpty();

    t.contacts().merge(id("user-42"), id("guest-7"));

    Enrollment ended = t.cadences().enrollment(absorbed.id()).orElseThrow();
    assertThat(ended.state()).isEqualTo(EnrollmentState.CANCELLED);
    assertThat(ended.exitReason()).hasValue("merged into user-42");
    assertThat(ended.contactId()).isEqualTo(id("user-42"));
    try (Connection c = connect();
        var ps = c.prepareStatement("select count(*) from scheduled_tasks where task_instance = ?")) {
      ps.setString(1, Long.toString(absorbed.id().value()));
      try (var rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).as("the ended enrollment's wake-up is gone").isZero();
      }
    }
    Touchpoint why = t.touchpoints().timeline(id("user-42")).stream()
        .filter(tp -> tp.kind() == TouchpointKind.MERGED && tp.enrollmentId().isPresent()).findFirst().orElseThrow();
    assertThat(why.enrollmentId()).hasValue(absorbed.id().value());
    assertThat(why.cadenceId()).hasValue(CADENCE);
    assertThat(why.reason()).get().asString().contains("merged into 'user-42'")
        .contains("enrollment " + kept.id().value());
    assertThat(merged(t, "user-42").attributes())
        .containsEntry("enrollmentsEnded", Long.toString(absorbed.id().value()))
        .containsEntry("enrollmentsMoved", "2");

    idle(t);
    // The survivor's round 1 and the absorbed contact's transactional notice, each once, to the survivor.
    assertThat(sms.sent()).extracting(OutboundMessage::templateId).containsExactlyInAnyOrder("renewal-1", "renewal-2");
    assertThat(sms.sent()).allSatisfy(m -> {
      assertThat(m.contactId()).isEqualTo(id("user-42"));
      assertThat(m.to()).isEqualTo(Address.phone(phone(42)));
    });
    assertThat(sms.sent()).extracting(m -> m.dispatchId().value())
        .containsExactlyInAnyOrder("e" + kept.id().value() + "r1a1", "e" + onlyAbsorbed.id().value() + "r1a1");
    advance(t, Duration.ofDays(8), Duration.ofDays(1));
    assertThat(sms.sent()).hasSize(3);
    assertThat(voice.sent()).hasSize(1);
    assertThat(t.cadences().enrollments(id("guest-7"))).extracting(Enrollment::state)
        .containsExactlyInAnyOrder(EnrollmentState.CANCELLED, EnrollmentState.COMPLETED, EnrollmentState.COMPLETED);
  }

  @Test
  @DisplayName("an opt-out on the absorbed side suppresses the survivor's next marketing round")
  void optOutOnAbsorbedSide() {
    Touchbase t = start();
    t.contacts().upsert(member("user-42", phone(42)));
    t.contacts().upsert(Contact.builder("guest-7").email("guest@example.com")
        .consent(Consent.optOut(ChannelType.SMS, Purpose.MARKETING, START.minus(Duration.ofDays(1)), "sms reply TD"))
        .build());
    t.cadences().enroll(id("user-42"), CADENCE);

    Contact merged = t.contacts().merge(id("user-42"), id("guest-7"));

    assertThat(merged.consent(ChannelType.SMS, Purpose.MARKETING)).get().satisfies(k -> {
      assertThat(k.status()).isEqualTo(ConsentStatus.OPTED_OUT);
      assertThat(k.source()).isEqualTo("sms reply TD");
    });
    assertThat(merged.consent(ChannelType.PHONE, Purpose.MARKETING)).get()
        .extracting(Consent::status).isEqualTo(ConsentStatus.OPTED_IN);
    advance(t, Duration.ofDays(1), Duration.ofDays(1));
    assertThat(sms.sent()).isEmpty();
    Touchpoint suppressed = t.touchpoints().query(TouchpointQuery.builder().contact(id("guest-7"))
        .kind(TouchpointKind.SUPPRESSED).build()).get(0);
    assertThat(suppressed.round()).hasValue(1);
    assertThat(suppressed.contactId()).isEqualTo(id("user-42"));
  }

  @Test
  @DisplayName("a merge never turns an opt-out into an opt-in: an older opt-out is recorded again over a newer opt-in")
  void olderOptOutIsKept() {
    Touchbase t = start();
    // The survivor opted out long ago; the absorbed contact opted in since.
    t.contacts().upsert(Contact.builder("user-42").phone(phone(42))
        .consent(Consent.optOut(ChannelType.SMS, Purpose.MARKETING, START.minus(Duration.ofDays(60)), "sms reply TD"))
        .build());
    t.contacts().upsert(member("guest-7", phone(7)));

    Contact merged = t.contacts().merge(id("user-42"), id("guest-7"));

    assertThat(merged.consent(ChannelType.SMS, Purpose.MARKETING)).get().satisfies(k -> {
      assertThat(k.status()).isEqualTo(ConsentStatus.OPTED_OUT);
      assertThat(k.changedAt()).isEqualTo(START);
      assertThat(k.source()).isEqualTo("merge: opt-out of contact 'user-42' kept over the opt-in of contact"
          + " 'guest-7' (sms reply TD)");
    });
    assertThat(merged.consent(ChannelType.PHONE, Purpose.MARKETING)).get()
        .extracting(Consent::status).isEqualTo(ConsentStatus.OPTED_IN);
    assertThat(t.contacts().consentHistory(id("user-42"))).hasSize(4);
    assertThat(merged(t, "user-42").attributes()).containsEntry("optOutsKept", "sms/MARKETING");
  }

  @Test
  @DisplayName("aliases: chains resolve to the last survivor for find, touchpoints, events, enroll and upsert")
  void aliasChain() {
    Touchbase t = start();
    t.contacts().upsert(member("a", phone(1)));
    t.contacts().upsert(Contact.builder("b").email("b@example.com").build());
    t.contacts().upsert(Contact.builder("c").phone(phone(3)).attribute("name", "C")
        .consent(Consent.optIn(ChannelType.SMS, Purpose.MARKETING, START.minus(Duration.ofDays(1)), "form")).build());
    t.contacts().merge(id("b"), id("a"));
    Contact c = t.contacts().merge(id("c"), id("b"));

    assertThat(c.addresses()).containsExactlyInAnyOrder(Address.phone(phone(3)), Address.email("b@example.com"));
    assertThat(t.contacts().find(id("a"))).get().isEqualTo(c);
    assertThat(t.contacts().find(id("b"))).get().isEqualTo(c);
    assertThat(kinds(t.touchpoints().timeline(id("a"))))
        .containsExactly(TouchpointKind.MERGED, TouchpointKind.MERGED);

    // enroll and events through the oldest alias act on the survivor.
    Enrollment e = t.cadences().enroll(id("a"), CADENCE);
    assertThat(e.contactId()).isEqualTo(id("c"));
    assertThat(t.cadences().enroll(id("b"), CADENCE).id()).isEqualTo(e.id());
    EventOutcome goal = t.events().record(id("a"), "membership.renewed");
    assertThat(goal.event().contactId()).isEqualTo(id("c"));
    assertThat(goal.converted()).singleElement().satisfies(x -> assertThat(x.id()).isEqualTo(e.id()));
    assertThat(t.cadences().enrollments(id("b"))).singleElement()
        .extracting(Enrollment::state).isEqualTo(EnrollmentState.CONVERTED);

    // upsert of an alias updates the survivor, by the upsert rules.
    Contact upserted = t.contacts().upsert(Contact.builder("a").phone(phone(3)).attribute("name", "Cee").build());
    assertThat(upserted.id()).isEqualTo(id("c"));
    assertThat(upserted.attributes()).containsExactlyEntriesOf(Map.of("name", "Cee"));
    assertThat(t.contacts().find(id("c"))).get().isEqualTo(upserted);
    assertThat(t.contacts().addTags(id("b"), List.of("vip")).id()).isEqualTo(id("c"));
    assertThat(t.contacts().recordConsent(id("a"),
        Consent.optOut(ChannelType.SMS, Purpose.MARKETING, START, "web")).id()).isEqualTo(id("c"));
    assertThatThrownBy(() -> t.contacts().upsertAll(
            List.of(Contact.builder("c").build(), Contact.builder("b").build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contacts[1].id 'b' and contacts[0].id 'c' are one contact");
    BulkEnrollment bulk = t.cadences().enrollAll(NOTICE, List.of(id("a"), id("nobody"), id("b")));
    assertThat(bulk.enrolled()).singleElement().satisfies(x -> assertThat(x.contactId()).isEqualTo(id("c")));
    assertThat(bulk.skipped()).extracting(BulkEnrollment.Skipped::index).containsExactly(1, 2);
    assertThat(bulk.skipped().get(1).detail()).contains("'b' is merged into 'c'");
    assertThat(bulk.skipped().get(1).reason()).isEqualTo(BulkEnrollment.SkipReason.ALREADY_ACTIVE);
    assertThat(t.contacts().find(id("a"))).get().extracting(Contact::id).isEqualTo(id("c"));
  }

  @Test
  @DisplayName("merge refuses one contact twice (by id or alias), names the parameter, and unknown ids")
  void mergeRefusals() {
    Touchbase t = start();
    t.contacts().upsert(member("a", phone(1)));
    t.contacts().upsert(member("b", phone(2)));
    t.contacts().upsert(member("c", phone(3)));
    t.contacts().merge(id("b"), id("a"));
    t.contacts().merge(id("c"), id("b"));

    assertThatThrownBy(() -> t.contacts().merge(id("c"), id("c"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("absorbed must be another contact than survivor, but both were 'c'");
    assertThatThrownBy(() -> t.contacts().merge(id("c"), id("a"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("absorbed 'a' is an alias of survivor 'c': it was merged into it already");
    assertThatThrownBy(() -> t.contacts().merge(id("b"), id("c"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("survivor 'b' is an alias of absorbed 'c'");
    assertThatThrownBy(() -> t.contacts().merge(id("a"), id("b"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("are both aliases of contact 'c'");
    assertThatThrownBy(() -> t.contacts().merge(null, id("c"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("survivor must not be null");
    assertThatThrownBy(() -> t.contacts().merge(id("c"), null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("absorbed must not be null");
    assertThatThrownBy(() -> t.contacts().merge(id("c"), id("nobody"))).isInstanceOf(ContactNotFoundException.class)
        .hasMessageContaining("'nobody'");
    assertThatThrownBy(() -> t.contacts().merge(id("nobody"), id("c"))).isInstanceOf(ContactNotFoundException.class)
        .hasMessageContaining("'nobody'");
    assertThat(kinds(t.touchpoints().timeline(id("c")))).as("a refused merge records nothing")
        .containsExactly(TouchpointKind.MERGED, TouchpointKind.MERGED);
  }

  @Test
  @DisplayName("an address of another contact: the error names its holder, masks the address and suggests merge")
  void addressConflictSuggestsMerge() {
    Touchbase t = start();
    t.contacts().upsert(Contact.builder("user-42").email("jane.doe@example.com")
        .address(Address.wechatOpenId("wx-app", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")).build());
    t.contacts().upsert(Contact.builder("guest-7").phone(phone(7)).build());

    assertThatThrownBy(() -> t.contacts().upsert(Contact.builder("guest-7").phone(phone(7))
        .email("jane.doe@example.com").build()))
        .isInstanceOfSatisfying(AddressConflictException.class, e -> {
          assertThat(e.ownerId()).isEqualTo(id("user-42"));
          assertThat(e.contactId()).isEqualTo(id("guest-7"));
          assertThat(e.maskedAddress()).isEqualTo("email:j***@example.com");
        })
        .hasMessageContaining("already belongs to contact 'user-42'")
        .hasMessageContaining("merge('user-42', 'guest-7')")
        .hasMessageNotContaining("jane.doe@example.com");
    assertThatThrownBy(() -> t.contacts().upsert(Contact.builder("guest-7")
        .address(Address.wechatOpenId("wx-app", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")).build()))
        .isInstanceOf(AddressConflictException.class)
        .hasMessageNotContaining("o6_bmjrPTlm6_2sgVt7hMZOPfL2M");

    t.contacts().merge(id("user-42"), id("guest-7"));
    Contact again = t.contacts().upsert(Contact.builder("guest-7").phone(phone(7)).email("jane.doe@example.com")
        .address(Address.wechatOpenId("wx-app", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")).build());
    assertThat(again.id()).isEqualTo(id("user-42"));
    assertThat(t.contacts().findByAddress(Address.phone(phone(7)))).get()
        .extracting(Contact::id).isEqualTo(id("user-42"));
  }

  @Test
  @DisplayName("staff tasks move with their enrollment; the open task of an enrollment the merge ends is cancelled")
  void staffTasksMove() {
    Touchbase t = start("node-a", b -> b.addChannelProvider(new StaffCallChannelProvider())
        .channel(ChannelConfig.builder("agent-call").provider("staff-call", p -> p.setting("queue", "renewals")).build())
        .template("call-script", "Call {{name}} about the renewal.")
        .cadence(CadenceDefinition.builder("calls").purpose(Purpose.MARKETING)
            .round(r -> r.channel("agent-call").template("call-script")).build()));
    for (String who : List.of("guest-7", "user-42", "guest-8", "user-9")) {
      t.contacts().upsert(member(who, phone(who.hashCode() & 0xffff)));
    }
    for (String who : List.of("guest-7", "user-42", "guest-8")) {
      t.cadences().enroll(id(who), "calls");
    }
    idle(t);
    assertThat(t.staffTasks().list(StaffTaskQuery.builder().state(StaffTaskState.OPEN).build())).hasSize(3);

    t.contacts().merge(id("user-42"), id("guest-7"));
    t.contacts().merge(id("user-9"), id("guest-8"));

    assertThat(t.staffTasks().list(StaffTaskQuery.builder().contact(id("guest-7")).build()))
        .extracting(StaffTask::contactId, StaffTask::state)
        .containsExactlyInAnyOrder(tuple(id("user-42"), StaffTaskState.CANCELLED), tuple(id("user-42"),
            StaffTaskState.OPEN));
    assertThat(t.staffTasks().list(StaffTaskQuery.builder().contact(id("guest-7")).state(StaffTaskState.CANCELLED)
        .build())).singleElement().satisfies(task ->
            assertThat(task.endReason()).hasValue("enrollment cancelled: merged into user-42"));
    assertThat(t.staffTasks().list(StaffTaskQuery.builder().contact(id("guest-8")).build())).singleElement()
        .satisfies(task -> {
          assertThat(task.contactId()).isEqualTo(id("user-9"));
          assertThat(task.state()).isEqualTo(StaffTaskState.OPEN);
        });
    assertThat(kinds(t.touchpoints().timeline(id("guest-7")))).containsExactlyInAnyOrder(TouchpointKind.TASK_CREATED,
        TouchpointKind.TASK_CREATED, TouchpointKind.TASK_CANCELLED, TouchpointKind.MERGED, TouchpointKind.MERGED);
  }

  /** A plain JDBC connection to the database under test. */
  protected Connection connect() throws Exception {
    if (database instanceof Database.Jdbc j) {
      return DriverManager.getConnection(j.url(), j.user(), j.password());
    }
    Database.H2InMemory m = (Database.H2InMemory) database;
    return DriverManager.getConnection("jdbc:h2:mem:" + m.name() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }
}
