package io.touchbase.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ChannelConfig;
import io.touchbase.api.ConfigurationException;
import io.touchbase.api.Database;
import io.touchbase.api.InDoubtPolicy;
import io.touchbase.api.ProviderBinding;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.UnknownChannelProviderException;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.callback.CallbackResponse;
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
import io.touchbase.api.task.CallOutcome;
import io.touchbase.api.task.CallPolicy;
import io.touchbase.api.task.StaffTask;
import io.touchbase.api.task.StaffTaskId;
import io.touchbase.api.task.StaffTaskKind;
import io.touchbase.api.task.StaffTaskNotFoundException;
import io.touchbase.api.task.StaffTaskQuery;
import io.touchbase.api.task.StaffTaskState;
import io.touchbase.api.task.StaffTaskStateException;
import io.touchbase.api.task.StaffTasks;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.api.touchpoint.TouchpointQuery;
import io.touchbase.core.EngineControl;
import io.touchbase.core.internal.channel.DryRunChannelProvider;
import io.touchbase.core.internal.channel.StaffCallChannelProvider;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.RecordingChannel;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The engine's behaviour through the public API, run against every supported database by the
 * subclasses. Time is a {@link MutableClock}: a two-week cadence runs in well under a second
 * through the same scheduler, dispatch and store code as production.
 */
public abstract class EngineContractTest {
  static final Instant START = Instant.parse("2026-03-02T02:00:00Z"); // 10:00 in Shanghai
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String CADENCE = "membership-renewal";

  protected MutableClock clock;
  protected RecordingChannel sms;
  protected RecordingChannel voice;
  protected ChannelProvider smsProvider;
  protected ChannelProvider voiceProvider;
  /** The second provider of {@link #startFailover}'s channel. */
  protected ChannelProvider backupProvider;
  protected RecordingChannel backup;
  protected Database database;
  private final List<Touchbase> opened = new ArrayList<>();

  /** A new empty database of the kind under test. */
  protected abstract Database newDatabase();

  @BeforeEach
  void setUp() {
    clock = MutableClock.at(START);
    smsProvider = RecordingChannel.provider("recording-sms", ChannelType.SMS, AddressKind.PHONE);
    voiceProvider = RecordingChannel.provider("recording-voice", ChannelType.PHONE, AddressKind.PHONE);
    sms = (RecordingChannel) smsProvider.create(null);
    voice = (RecordingChannel) voiceProvider.create(null);
    backupProvider = RecordingChannel.provider("backup-sms", ChannelType.SMS, AddressKind.PHONE);
    backup = (RecordingChannel) backupProvider.create(null);
    database = newDatabase();
  }

  @AfterEach
  void tearDown() {
    opened.forEach(Touchbase::close);
  }

  static CadenceDefinition renewal() {
    return CadenceDefinition.builder(CADENCE)
        .purpose(Purpose.MARKETING)
        .round(r -> r.channel("sms").template("renewal-1").variable("offer", "10%"))
        .round(r -> r.waitBetween(Duration.ofDays(5), Duration.ofDays(7)).channel("sms").template("renewal-2"))
        .round(r -> r.waitFor(Duration.ofDays(2)).channel("voice").template("renewal-call"))
        .exitOn("membership.renewed")
        .build();
  }

  protected Touchbase start(String instance, Consumer<Touchbase.Builder> custom) {
    Touchbase.Builder b = Touchbase.builder()
        .database(database)
        .clock(clock)
        .instanceName(instance)
        .channelProviderLoader(io.touchbase.spi.channel.ChannelProviderLoader.of())
        .addChannelProvider(smsProvider)
        .addChannelProvider(voiceProvider)
        .channel("sms", "recording-sms")
        .channel("voice", "recording-voice")
        .template("renewal-1", "Hi {{name}}, renew now and get {{offer}} off.")
        .template("renewal-2", "Hi {{name}}, your membership ends soon.")
        .template("renewal-call", "This is a call about your membership, {{name}}.")
        .cadence(renewal())
        .quietHours(QuietHours.none())
        .defaultZone(SHANGHAI)
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

  static EngineControl control(Touchbase t) {
    return t.unwrap(EngineControl.class).orElseThrow();
  }

  static void idle(Touchbase t) {
    assertThat(control(t).awaitIdle(Duration.ofSeconds(20))).as("engine became idle").isTrue();
  }

  /** Moves the clock forward in steps, letting due rounds run at each step. */
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

  private static Map<String, Long> sendsPerDispatchKey(List<OutboundMessage> sent) {
    return sent.stream().collect(Collectors.groupingBy(m -> m.contactId() + "/" + m.templateId(), Collectors.counting()));
  }

  @Test
  @DisplayName("the renewal cadence runs three rounds over two weeks, each sent once")
  void fullCadence() {
    Touchbase t = start();
    t.contacts().upsert(member("u1", phone(1)));
    long began = System.nanoTime();
    t.cadences().enroll(ContactId.of("u1"), CADENCE);
    advance(t, Duration.ofDays(14), Duration.ofHours(12));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    System.out.printf("%s: two-week cadence ran in %d ms of wall time%n", getClass().getSimpleName(), millis);

    assertThat(sms.sent()).extracting(OutboundMessage::templateId).containsExactly("renewal-1", "renewal-2");
    assertThat(voice.sent()).extracting(OutboundMessage::templateId).containsExactly("renewal-call");
    assertThat(sms.sent().get(0).text()).contains("Hi Member u1, renew now and get 10% off.");
    Enrollment e = t.cadences().enrollments(ContactId.of("u1")).get(0);
    assertThat(e.state()).isEqualTo(EnrollmentState.COMPLETED);
    List<Touchpoint> sent = t.touchpoints().query(TouchpointQuery.builder().cadence(CADENCE).kind(TouchpointKind.SENT).build());
    assertThat(sent).extracting(tp -> tp.round().getAsInt()).containsExactly(1, 2, 3);
    Instant r1 = sent.get(0).occurredAt();
    Instant r2 = sent.get(1).occurredAt();
    Instant r3 = sent.get(2).occurredAt();
    assertThat(Duration.between(r1, r2)).isBetween(Duration.ofDays(5), Duration.ofDays(7).plusHours(12));
    assertThat(Duration.between(r2, r3)).isBetween(Duration.ofDays(2), Duration.ofDays(2).plusHours(12));
  }

  @Test
  @DisplayName("enrolling twice returns the same enrollment and schedules one round")
  void idempotentEnrollment() {
    Touchbase t = start();
    t.contacts().upsert(member("u1", phone(1)));
    Enrollment first = t.cadences().enroll(ContactId.of("u1"), CADENCE);
    Enrollment second = t.cadences().enroll(ContactId.of("u1"), CADENCE);
    assertThat(second.id()).isEqualTo(first.id());
    List<CompletableFuture<Enrollment>> racing = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      racing.add(CompletableFuture.supplyAsync(() -> t.cadences().enroll(ContactId.of("u1"), CADENCE)));
    }
    racing.forEach(f -> assertThat(f.join().id()).isEqualTo(first.id()));
    idle(t);
    assertThat(sms.sent()).hasSize(1);
    assertThat(t.cadences().enrollments(ContactId.of("u1"))).hasSize(1);
  }

  @Test
  @DisplayName("a goal after round 1 stops rounds 2 and 3 and is attributed to round 1")
  void goalAfterRoundOne() {
    Touchbase t = start();
    t.contacts().upsert(member("u1", phone(1)));
    t.cadences().enroll(ContactId.of("u1"), CADENCE);
    advance(t, Duration.ofDays(1), Duration.ofHours(12));
    assertThat(sms.sent()).hasSize(1);

    EventOutcome outcome = t.events().record(ContactId.of("u1"), "membership.renewed");
    assertThat(outcome.converted()).singleElement().satisfies(e -> {
      assertThat(e.state()).isEqualTo(EnrollmentState.CONVERTED);
      assertThat(e.convertedRound()).hasValue(1);
    });
    advance(t, Duration.ofDays(14), Duration.ofDays(1));
    assertThat(sms.sent()).hasSize(1);
    assertThat(voice.sent()).isEmpty();
    List<Touchpoint> converted = t.touchpoints().query(
        TouchpointQuery.builder().cadence(CADENCE).kind(TouchpointKind.CONVERTED).build());
    assertThat(converted).singleElement().satisfies(tp -> {
      assertThat(tp.round()).hasValue(1);
      assertThat(tp.eventName()).hasValue("membership.renewed");
    });
  }

  @Test
  @DisplayName("a goal that arrives while round 2 is being sent stops round 3")
  void goalDuringDispatch() throws Exception {
    Touchbase t = start();
    t.contacts().upsert(member("u1", phone(1)));
    t.cadences().enroll(ContactId.of("u1"), CADENCE);
    advance(t, Duration.ofDays(1), Duration.ofHours(12));
    assertThat(sms.sent()).hasSize(1);

    sms.blockSends();
    clock.advance(Duration.ofDays(8));
    control(t).awaitIdle(Duration.ofMillis(1)); // wake the scheduler
    assertThat(sms.awaitInFlight(1, Duration.ofSeconds(10))).isTrue();
    EventOutcome outcome = CompletableFuture.supplyAsync(
        () -> t.events().record(ContactId.of("u1"), "membership.renewed")).get(10, TimeUnit.SECONDS);
    assertThat(outcome.converted()).hasSize(1);
    sms.releaseSends();
    advance(t, Duration.ofDays(10), Duration.ofDays(1));

    assertThat(sms.sent()).hasSize(2);
    assertThat(voice.sent()).as("round 3 never runs").isEmpty();
    assertThat(t.cadences().enrollments(ContactId.of("u1")).get(0).state()).isEqualTo(EnrollmentState.CONVERTED);
    assertThat(t.touchpoints().query(TouchpointQuery.builder().cadence(CADENCE).round(2).kind(TouchpointKind.SENT).build()))
        .as("the send in flight is still recorded").hasSize(1);
  }

  @Test
  @DisplayName("closing and rebuilding Touchbase mid-cadence continues with no round lost or repeated")
  void restartMidCadence() {
    Touchbase first = start("node-a", b -> {});
    for (int i = 1; i <= 20; i++) {
      first.contacts().upsert(member("u" + i, phone(i)));
      first.cadences().enroll(ContactId.of("u" + i), CADENCE);
    }
    advance(first, Duration.ofDays(6), Duration.ofHours(6)); // round 1 for all, round 2 for some
    first.close();
    int before = sms.count();
    assertThat(before).isGreaterThanOrEqualTo(20);

    Touchbase second = start("node-b", b -> {});
    advance(second, Duration.ofDays(10), Duration.ofHours(6));
    assertThat(sendsPerDispatchKey(sms.sent()).values()).allMatch(n -> n == 1);
    assertThat(sms.count()).isEqualTo(40);
    assertThat(voice.count()).isEqualTo(20);
    for (int i = 1; i <= 20; i++) {
      assertThat(second.cadences().enrollments(ContactId.of("u" + i))).singleElement()
          .extracting(Enrollment::state).isEqualTo(EnrollmentState.COMPLETED);
    }
  }

  @Test
  @DisplayName("a round that cannot be sent leaves a SUPPRESSED touchpoint with the reason and the cadence goes on")
  void suppressedRounds() {
    Touchbase t = start();
    t.contacts().upsert(Contact.builder("no-phone").email("jane.doe@example.com").build());
    t.contacts().upsert(member("opted-out", phone(2)).toBuilder()
        .consent(Consent.optOut(ChannelType.SMS, Purpose.MARKETING, START.minusSeconds(60), "sms reply TD")).build());
    t.cadences().enroll(ContactId.of("no-phone"), CADENCE);
    t.cadences().enroll(ContactId.of("opted-out"), CADENCE);
    advance(t, Duration.ofDays(14), Duration.ofDays(1));

    assertThat(sms.sent()).isEmpty();
    assertThat(t.touchpoints().timeline(ContactId.of("no-phone")))
        .filteredOn(tp -> tp.kind() == TouchpointKind.SUPPRESSED).hasSize(3)
        .allSatisfy(tp -> assertThat(tp.reason()).get().asString().contains("no phone address"));
    List<Touchpoint> optedOut = t.touchpoints().timeline(ContactId.of("opted-out"));
    assertThat(optedOut).filteredOn(tp -> tp.kind() == TouchpointKind.SUPPRESSED).hasSize(2)
        .allSatisfy(tp -> assertThat(tp.reason()).get().asString().contains("opted out of marketing on sms"));
    assertThat(voice.sentTo(ContactId.of("opted-out"))).as("phone consent is separate").hasSize(1);
    assertThat(t.cadences().enrollments(ContactId.of("no-phone")).get(0).state()).isEqualTo(EnrollmentState.COMPLETED);
  }

  @Test
  @DisplayName("marketing rounds due in quiet hours are deferred to their end with a DEFERRED touchpoint")
  void quietHours() {
    clock.set(Instant.parse("2026-03-02T14:00:00Z")); // 22:00 in Shanghai
    Touchbase t = start("node-a", b -> b.quietHours(QuietHours.DEFAULT));
    t.contacts().upsert(member("u1", phone(1)));
    t.cadences().enroll(ContactId.of("u1"), CADENCE);
    idle(t);
    assertThat(sms.sent()).isEmpty();
    assertThat(t.touchpoints().timeline(ContactId.of("u1"))).singleElement().satisfies(tp -> {
      assertThat(tp.kind()).isEqualTo(TouchpointKind.DEFERRED);
      assertThat(tp.reason()).get().asString().contains("quiet hours").contains("2026-03-03T00:00:00Z");
    });
    advance(t, Duration.ofHours(12), Duration.ofHours(1));
    assertThat(sms.sent()).hasSize(1);
    Touchpoint sent = t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.SENT).build()).get(0);
    assertThat(sent.occurredAt().atZone(SHANGHAI).toLocalTime()).isBetween(LocalTime.of(8, 0), LocalTime.of(9, 0));
  }

  @Test
  @DisplayName("retryable failures are retried with backoff up to the attempt limit, then fail with the reason")
  void retryThenGiveUp() {
    Touchbase t = start("node-a", b -> b.maxSendAttempts(2));
    t.contacts().upsert(member("u1", phone(1)));
    sms.failAlways(ChannelException.retryable("Throttling", "too many requests"));
    t.cadences().enroll(ContactId.of("u1"), CADENCE);
    idle(t);
    assertThat(sms.sent()).isEmpty();
    advance(t, Duration.ofMinutes(5), Duration.ofMinutes(1));
    assertThat(sms.sent()).hasSize(0);
    List<Touchpoint> failed = t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.FAILED).build());
    assertThat(failed).singleElement().satisfies(tp ->
        assertThat(tp.reason()).get().asString().contains("gave up after 2 attempts").contains("Throttling"));
    assertThat(t.cadences().enrollments(ContactId.of("u1")).get(0).nextRound()).as("the cadence moved on").isEqualTo(2);
  }

  /**
   * An engine with channel {@code sms-failover}: recording-sms (with {@code first}'s settings), then
   * {@link #backup}; and a one-round cadence {@code failover} on it.
   */
  private Touchbase startFailover(Consumer<ProviderBinding.Builder> first) {
    return start("node-a", b -> {
      b.addChannelProvider(backupProvider);
      b.channel(ChannelConfig.builder("sms-failover").provider("recording-sms", first).provider("backup-sms").build());
      b.cadence(CadenceDefinition.builder("failover")
          .round(r -> r.channel("sms-failover").template("renewal-1").variable("offer", "5%")).build());
    });
  }

  @Test
  @DisplayName("a provider failing retryably hands the round to the channel's next provider")
  void providerFailover() {
    Touchbase t = startFailover(p -> {});
    t.contacts().upsert(member("u1", phone(1)));
    // Twice: the guard retries an answered retryable error once on the same provider first.
    sms.failNext(ChannelException.retryable("isp.SYSTEM_ERROR", "system error"));
    sms.failNext(ChannelException.retryable("isp.SYSTEM_ERROR", "system error"));
    t.cadences().enroll(ContactId.of("u1"), "failover");
    idle(t);
    assertThat(sms.sent()).isEmpty();
    assertThat(backup.sent()).hasSize(1);
    Touchpoint sent = t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.SENT).build()).get(0);
    assertThat(sent.provider()).hasValue("backup-sms");
    assertThat(sent.reason()).get().asString().contains("failover").contains("recording-sms").contains("isp.SYSTEM_ERROR");
  }

  @Test
  @DisplayName("an answered retryable error is retried once on the same provider before failing over")
  void guardRetriesOnSameProvider() {
    Touchbase t = startFailover(p -> {});
    t.contacts().upsert(member("u1", phone(1)));
    sms.failNext(ChannelException.retryable("Throttling.User", "throttled"));
    t.cadences().enroll(ContactId.of("u1"), "failover");
    idle(t);
    assertThat(sms.sent()).hasSize(1);
    assertThat(backup.sent()).isEmpty();
  }

  @Test
  @DisplayName("a send that may have gone through is not repeated on that provider; the next provider carries it")
  void timeoutFailsOverWithoutRepeating() {
    Touchbase t = startFailover(p -> {});
    t.contacts().upsert(member("u1", phone(1)));
    sms.failNext(ChannelException.outcomeUnknown("timeout", "read timed out", null));
    // A second scripted failure would be used by an in-call retry; it must still be queued after.
    sms.failNext(ChannelException.permanent("sentinel", "must not be reached by a retry"));
    t.cadences().enroll(ContactId.of("u1"), "failover");
    idle(t);
    assertThat(backup.sent()).hasSize(1);
    Touchpoint sent = t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.SENT).build()).get(0);
    assertThat(sent.provider()).hasValue("backup-sms");
    assertThat(sent.reason()).get().asString().contains("recording-sms: timeout").contains("may have been sent");
    OutboundMessage probe = new OutboundMessage(DispatchId.of("probe"), "sms", ContactId.of("u1"),
        Address.phone(phone(1)), Purpose.MARKETING, "renewal-1", Map.of(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> sms.send(probe)).as("the provider was called once, not retried")
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.providerCode()).isEqualTo("sentinel"));
  }

  @Test
  @DisplayName("when the only provider may have sent it, the engine asks the provider before resending")
  void outcomeUnknownIsLookedUpBeforeResending() {
    Touchbase t = start();
    t.contacts().upsert(member("u1", phone(1)));
    sms.failNext(ChannelException.outcomeUnknown("timeout", "read timed out", null));
    t.cadences().enroll(ContactId.of("u1"), CADENCE);
    idle(t);
    assertThat(sms.sent()).isEmpty();
    assertThat(t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.SENT).build())).isEmpty();
    // The provider is asked only after a few minutes, when its records can show the send.
    advance(t, Duration.ofMinutes(4), Duration.ofSeconds(30));
    assertThat(sms.sent()).isEmpty();
    // It truthfully reports it has no such message: resent once, on attempt 2.
    advance(t, Duration.ofMinutes(2), Duration.ofSeconds(30));
    assertThat(sms.sent()).hasSize(1);
    assertThat(sms.sent().get(0).dispatchId().value()).endsWith("a2");
  }

  @Test
  @DisplayName("an open circuit breaker sends the round straight to the next provider and says so")
  void openBreakerFailsOver() {
    Touchbase t = startFailover(p -> p.setting("resilience.retryAttempts", "1")
        .setting("resilience.breakerMinimumCalls", "2").setting("resilience.breakerFailureRate", "50"));
    sms.failAlways(ChannelException.retryable("isp.SYSTEM_ERROR", "system error"));
    for (int i = 1; i <= 3; i++) {
      t.contacts().upsert(member("u" + i, phone(i)));
      t.cadences().enroll(ContactId.of("u" + i), "failover");
      idle(t);
    }
    assertThat(backup.sent()).hasSize(3);
    Touchpoint third = t.touchpoints().query(TouchpointQuery.builder().contact(ContactId.of("u3")).kind(TouchpointKind.SENT).build()).get(0);
    assertThat(third.reason()).get().asString().contains("recording-sms: circuit-open");
  }

  /**
   * An engine allowing two attempts per round, whose channel {@code sms-guarded} (recording-sms)
   * opens its breaker after two failed calls and keeps it open for {@code openFor}, and a one-round
   * cadence {@code guarded} on {@code channels}.
   */
  private Touchbase startGuarded(String openFor, String... channels) {
    return start("node-a", b -> b.maxSendAttempts(2)
        .channel(ChannelConfig.builder("sms-guarded").provider("recording-sms", p -> p
            .setting("resilience.retryAttempts", "1").setting("resilience.breakerMinimumCalls", "2")
            .setting("resilience.breakerFailureRate", "50").setting("resilience.breakerOpenFor", openFor)).build())
        .cadence(CadenceDefinition.builder("guarded")
            .round(r -> r.channels(channels).template("renewal-1").variable("offer", "5%")).build()));
  }

  /**
   * Enrols u1 to u3 in {@code guarded}: the first two calls fail and open the breaker; a third
   * would succeed.
   */
  private void enrolThreeOpeningTheBreaker(Touchbase t) {
    sms.failNext(ChannelException.retryable("isp.SYSTEM_ERROR", "system error"));
    sms.failNext(ChannelException.retryable("isp.SYSTEM_ERROR", "system error"));
    for (int i = 1; i <= 3; i++) {
      t.contacts().upsert(member("u" + i, phone(i)));
      t.cadences().enroll(ContactId.of("u" + i), "guarded");
      idle(t);
    }
  }

  @Test
  @DisplayName("an open breaker with no other provider defers rounds without using up their attempts")
  void openBreakerDefersWithoutUsingAttempts() {
    Touchbase t = startGuarded("PT10M", "sms-guarded");
    enrolThreeOpeningTheBreaker(t);
    assertThat(sms.sent()).as("the third call was never made").isEmpty();
    Touchpoint held = t.touchpoints().query(TouchpointQuery.builder().contact(ContactId.of("u3"))
        .kind(TouchpointKind.DEFERRED).build()).get(0);
    assertThat(held.reason()).get().asString().contains("recording-sms: circuit-open")
        .contains("no provider was called").contains("deferred to");

    advance(t, Duration.ofMinutes(40), Duration.ofMinutes(1));

    assertThat(t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.FAILED).build()))
        .as("only one real attempt each, of two allowed").isEmpty();
    assertThat(t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.SENT).build()))
        .extracting(tp -> tp.contactId().value()).containsExactlyInAnyOrder("u1", "u2", "u3");
    assertThat(sms.sent()).hasSize(3);
  }

  @Test
  @DisplayName("an open breaker on a round's first channel still lets the round move on to its next channel")
  void openBreakerStillFallsBackToTheNextChannel() {
    Touchbase t = startGuarded("PT1H", "sms-guarded", "voice");
    enrolThreeOpeningTheBreaker(t);

    advance(t, Duration.ofMinutes(10), Duration.ofMinutes(1));

    assertThat(sms.sent()).isEmpty();
    assertThat(voice.sent()).extracting(m -> m.contactId().value()).containsExactlyInAnyOrder("u1", "u2", "u3");
    assertThat(t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.DEFERRED).build()))
        .as("refusals count as attempts where another channel can carry the round").isEmpty();
    assertThat(t.touchpoints().query(TouchpointQuery.builder().contact(ContactId.of("u3"))
        .kind(TouchpointKind.FAILED).build())).singleElement()
        .satisfies(tp -> assertThat(tp.reason()).get().asString().contains("circuit-open"));
  }

  @Test
  @DisplayName("an invalid resilience setting fails the build and names the setting")
  void invalidResilienceSettingIsNamed() {
    assertThatThrownBy(() -> start("node-a", b -> b.channel(ChannelConfig.builder("sms2")
        .provider("recording-sms", p -> p.setting("resilience.permitsPerSecond", "fast")).build())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Channel 'sms2' (provider 'recording-sms')")
        .hasMessageContaining("resilience.permitsPerSecond");
  }

  @Test
  @DisplayName("a permanent failure on one channel falls back to the round's next channel")
  void channelFallback() {
    Touchbase t = start("node-a", b -> b.cadence(CadenceDefinition.builder("fallback")
        .round(r -> r.channels("sms", "voice").template("renewal-1").variable("offer", "5%")).build()));
    t.contacts().upsert(member("u1", phone(1)));
    sms.failNext(ChannelException.permanent("isv.MOBILE_NUMBER_ILLEGAL", "bad number"));
    t.cadences().enroll(ContactId.of("u1"), "fallback");
    idle(t);
    assertThat(voice.sent()).hasSize(1);
    assertThat(t.touchpoints().timeline(ContactId.of("u1"))).extracting(Touchpoint::kind)
        .containsExactly(TouchpointKind.FAILED, TouchpointKind.SENT);
  }

  @Test
  @DisplayName("cancelling by API ends the enrollment and no later round runs")
  void cancel() {
    Touchbase t = start();
    t.contacts().upsert(member("u1", phone(1)));
    t.cadences().enroll(ContactId.of("u1"), CADENCE);
    idle(t);
    Optional<Enrollment> cancelled = t.cadences().cancel(ContactId.of("u1"), CADENCE, "customer asked");
    assertThat(cancelled).get().extracting(Enrollment::state).isEqualTo(EnrollmentState.CANCELLED);
    assertThat(t.cadences().cancel(ContactId.of("u1"), CADENCE, "again")).isEmpty();
    advance(t, Duration.ofDays(14), Duration.ofDays(1));
    assertThat(sms.sent()).hasSize(1);
    assertThat(t.cadences().enroll(ContactId.of("u1"), CADENCE).id())
        .as("re-entry after exit is allowed by default").isNotEqualTo(cancelled.get().id());
  }

  @Test
  @DisplayName("contacts: upsert by host id, find by any address, tags, attributes, consent history")
  void contacts() {
    Touchbase t = start();
    Contact c = t.contacts().upsert(Contact.builder("u1").phone("+8613800138000").email("Jane.Doe@Example.COM")
        .address(Address.wechatOpenId("wx-app", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")).tag("vip").build());
    assertThat(c.addresses()).hasSize(3);
    assertThat(t.contacts().findByAddress(Address.phone("+8613800138000"))).get().extracting(Contact::id).isEqualTo(ContactId.of("u1"));
    assertThat(t.contacts().findByAddress(Address.email("Jane.Doe@example.com"))).isPresent();
    assertThat(t.contacts().findByAddress(Address.wechatOpenId("wx-app", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"))).isPresent();
    assertThat(t.contacts().findByAddress(Address.wechatOpenId("other-app", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"))).isEmpty();

    assertThatThrownBy(() -> t.contacts().upsert(Contact.builder("u2").phone("+8613800138000").build()))
        .isInstanceOf(AddressConflictException.class)
        .hasMessageContaining("'u1'").hasMessageNotContaining("13800138000");
    assertThat(t.contacts().find(ContactId.of("u2"))).as("the failed upsert left nothing").isEmpty();

    t.contacts().addTags(ContactId.of("u1"), List.of("renewal-2026"));
    t.contacts().removeTags(ContactId.of("u1"), List.of("vip"));
    t.contacts().putAttributes(ContactId.of("u1"), Map.of("tier", "gold"));
    t.contacts().recordConsent(ContactId.of("u1"), Consent.optIn(ChannelType.SMS, Purpose.MARKETING, START, "web form"));
    clock.advance(Duration.ofMinutes(1));
    Contact updated = t.contacts().recordConsent(ContactId.of("u1"),
        Consent.optOut(ChannelType.SMS, Purpose.MARKETING, clock.instant(), "sms reply TD"));
    assertThat(updated.tags()).containsExactly("renewal-2026");
    assertThat(updated.attributes()).containsEntry("tier", "gold");
    assertThat(updated.consent(ChannelType.SMS, Purpose.MARKETING)).get().extracting(Consent::status).isEqualTo(ConsentStatus.OPTED_OUT);
    assertThat(t.contacts().consentHistory(ContactId.of("u1"))).extracting(Consent::source).containsExactly("web form", "sms reply TD");

    Contact moved = t.contacts().upsert(updated.toBuilder().removeAddress(io.touchbase.api.contact.AddressKind.PHONE).build());
    assertThat(moved.addresses()).hasSize(2);
    assertThat(t.contacts().upsert(Contact.builder("u2").phone("+8613800138000").build()).id()).isEqualTo(ContactId.of("u2"));
    assertThatThrownBy(() -> t.contacts().addTags(ContactId.of("nobody"), List.of("x"))).isInstanceOf(ContactNotFoundException.class);
  }

  @Test
  @DisplayName("invalid input fails with a message naming the field")
  void invalidInput() {
    Touchbase t = start();
    assertThatThrownBy(() -> t.contacts().upsert(Contact.builder("u1").phone("+999123456789").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contact.addresses[0].value").hasMessageNotContaining("123456789");
    assertThatThrownBy(() -> t.cadences().register(CadenceDefinition.builder("bad")
        .round(r -> r.channel("sms").template("renewal-1"))
        .round(r -> r.channel("fax").template("renewal-1")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rounds[1].channels[0]").hasMessageContaining("'fax'").hasMessageContaining("[sms, voice]");
    assertThatThrownBy(() -> t.cadences().register(renewal().toBuilder()
        .round(r -> r.channel("sms").template("extra")).build()))
        .hasMessageContaining("already registered with a different definition");
    assertThat(t.cadences().register(renewal())).isEqualTo(renewal());
    assertThatThrownBy(() -> t.cadences().enroll(ContactId.of("u1"), CADENCE)).isInstanceOf(ContactNotFoundException.class);
    assertThatThrownBy(() -> t.cadences().enroll(ContactId.of("u1"), "nope"))
        .isInstanceOf(io.touchbase.api.cadence.UnknownCadenceException.class).hasMessageContaining("'nope'");
    assertThatThrownBy(() -> t.events().record(ContactId.of("ghost"), "order.paid")).isInstanceOf(ContactNotFoundException.class);
  }

  @Test
  @DisplayName("an unknown provider id fails the build listing the ids found; a duplicated id fails too")
  void providerRegistry() {
    assertThatThrownBy(() -> start("x", b -> b.channel("push", "fcm")))
        .isInstanceOf(UnknownChannelProviderException.class)
        .hasMessageContaining("'fcm'").hasMessageContaining("[recording-sms, recording-voice]");
    assertThatThrownBy(() -> start("x", b -> b.addChannelProvider(RecordingChannel.provider("recording-sms"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("Two channel providers declare id 'recording-sms'");
  }

  @Test
  @DisplayName("touchpoints: a contact's timeline and queries by cadence, round and kind")
  void touchpointQueries() {
    Touchbase t = start();
    for (int i = 1; i <= 3; i++) {
      t.contacts().upsert(member("u" + i, phone(i)));
      t.cadences().enroll(ContactId.of("u" + i), CADENCE);
    }
    advance(t, Duration.ofDays(1), Duration.ofHours(12));
    t.events().record(ContactId.of("u2"), "membership.renewed");
    advance(t, Duration.ofDays(13), Duration.ofDays(1));
    Map<TouchpointKind, Long> round2 = t.touchpoints().count(TouchpointQuery.builder().cadence(CADENCE).round(2).build());
    assertThat(round2).containsEntry(TouchpointKind.SENT, 2L);
    assertThat(t.touchpoints().count(TouchpointQuery.builder().cadence(CADENCE).round(1).build()))
        .containsEntry(TouchpointKind.SENT, 3L).containsEntry(TouchpointKind.CONVERTED, 1L);
    assertThat(t.touchpoints().timeline(ContactId.of("u2"))).extracting(Touchpoint::kind)
        .containsExactly(TouchpointKind.SENT, TouchpointKind.HOST_EVENT, TouchpointKind.CONVERTED);
    assertThat(t.touchpoints().query(TouchpointQuery.builder().contact(ContactId.of("u1")).limit(2).build())).hasSize(2);
    assertThat(t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.SENT).from(START.plus(Duration.ofDays(3))).build()))
        .extracting(tp -> tp.round().getAsInt()).containsOnly(2, 3);
  }

  @Test
  @DisplayName("a send interrupted by a crash is looked up, never resent blindly")
  void inDoubtRecovery() throws Exception {
    Touchbase t = start("node-a", b -> b.cadence(CadenceDefinition.builder("later")
        .round(r -> r.waitFor(Duration.ofDays(1)).channel("sms").template("renewal-1").variable("offer", "5%")).build()));
    Map<String, Long> ids = new java.util.HashMap<>();
    int n = 0;
    for (String id : List.of("found", "not-found", "unknown")) {
      t.contacts().upsert(member(id, phone(++n)));
      ids.put(id, t.cadences().enroll(ContactId.of(id), "later").id().value());
    }
    t.close();

    // The state a process leaves when it dies after calling the provider and before recording its
    // answer: nothing recorded, the execution picked by an instance that stopped beating a moment ago.
    clock.advance(Duration.ofDays(1));
    Instant now = clock.instant();
    try (Connection c = connect()) {
      for (long id : ids.values()) {
        try (var ps = c.prepareStatement("update scheduled_tasks set picked = true, picked_by = 'dead-node',"
            + " last_heartbeat = ?, execution_time = ?, version = version + 1 where task_instance = ?")) {
          ps.setTimestamp(1, java.sql.Timestamp.from(now.minus(Duration.ofSeconds(1))));
          ps.setTimestamp(2, java.sql.Timestamp.from(now));
          ps.setString(3, Long.toString(id));
          ps.executeUpdate();
        }
      }
    }
    // The provider accepted the "found" message before the crash.
    sms.send(new OutboundMessage(DispatchId.of("e" + ids.get("found") + "r1a1"), "sms", ContactId.of("found"),
        Address.phone(phone(1)), Purpose.MARKETING, "renewal-1", Map.of(), Optional.empty(), Optional.empty()));
    sms.lookupAnswers(LookupResult.Status.NOT_FOUND);
    ChannelProvider unknownAware = new ChannelProvider() {
      @Override public String id() { return "recording-sms"; }
      @Override public ChannelType channelType() { return ChannelType.SMS; }
      @Override public List<AddressKind> requiredAddressKinds() { return List.of(AddressKind.PHONE); }
      @Override public Channel create(ChannelContext context) {
        return new Channel() {
          @Override public SendResult send(OutboundMessage m) { return sms.send(m); }
          @Override public LookupResult lookup(DispatchId id) {
            return id.value().equals("e" + ids.get("unknown") + "r1a1")
                ? LookupResult.unknown("provider has no query API") : sms.lookup(id);
          }
        };
      }
    };
    smsProvider = unknownAware;
    Touchbase recovered = start("node-b", b -> b.heartbeatInterval(Duration.ofMillis(100)).attributionWindow(Duration.ZERO));
    idle(recovered);
    // The provider is not asked before its records can show the send.
    assertThat(sms.sent()).as("nothing resent in the first minutes").hasSize(1);
    assertThat(recovered.touchpoints().timeline(ContactId.of("unknown"))).isEmpty();
    clock.advance(Duration.ofMinutes(5));
    idle(recovered);

    Map<String, Long> sendsByContact = sms.sent().stream()
        .collect(Collectors.groupingBy(m -> m.contactId().value(), Collectors.counting()));
    assertThat(sendsByContact).containsEntry("found", 1L).containsEntry("not-found", 1L);
    assertThat(sendsByContact).doesNotContainKey("unknown");
    assertThat(recovered.touchpoints().timeline(ContactId.of("found"))).singleElement().satisfies(tp -> {
      assertThat(tp.kind()).isEqualTo(TouchpointKind.SENT);
      assertThat(tp.attributes()).containsEntry("recovered", "true");
    });
    assertThat(recovered.touchpoints().timeline(ContactId.of("not-found"))).singleElement().satisfies(tp ->
        assertThat(tp.dispatchId()).hasValue("e" + ids.get("not-found") + "r1a2"));
    assertThat(recovered.touchpoints().timeline(ContactId.of("unknown"))).singleElement().satisfies(tp -> {
      assertThat(tp.kind()).isEqualTo(TouchpointKind.IN_DOUBT);
      assertThat(tp.reason()).get().asString().contains("provider has no query API").contains("TREAT_AS_SENT");
    });
    assertThat(recovered.cadences().enrollments(ContactId.of("unknown")).get(0).state()).isEqualTo(EnrollmentState.COMPLETED);
  }

  @Test
  @DisplayName("a run that fails before it could send is retried without a failure counted or a look-up")
  void failureBeforeSendingIsRetriedWithoutLookUp() throws Exception {
    Touchbase t = start("node-a", b -> b.cadence(CadenceDefinition.builder("later")
        .round(r -> r.waitFor(Duration.ofDays(1)).channel("sms").template("renewal-1").variable("offer", "5%")).build()));
    t.contacts().upsert(member("u1", phone(1)));
    long id = t.cadences().enroll(ContactId.of("u1"), "later").id().value();
    // Unreadable attributes make the decision fail before anything can be sent.
    try (Connection c = connect();
        var ps = c.prepareStatement("update tb_contact set attributes = 'not json' where contact_id = 'u1'")) {
      ps.executeUpdate();
    }
    advance(t, Duration.ofDays(1), Duration.ofDays(1));
    assertThat(sms.sent()).isEmpty();
    try (Connection c = connect();
        var ps = c.prepareStatement("select consecutive_failures, picked from scheduled_tasks where task_instance = ?")) {
      ps.setString(1, Long.toString(id));
      try (var rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).as("no failure counted: nothing may have been sent").isZero();
        assertThat(rs.getBoolean(2)).as("the wake-up was rescheduled").isFalse();
      }
    }
    try (Connection c = connect();
        var ps = c.prepareStatement("update tb_contact set attributes = '{\"name\":\"Member u1\"}' where contact_id = 'u1'")) {
      ps.executeUpdate();
    }
    advance(t, Duration.ofSeconds(10), Duration.ofSeconds(10));
    // The first attempt is sent at once: no 5-minute wait and no look-up of an attempt that never went out.
    assertThat(sms.sent()).singleElement().satisfies(m -> assertThat(m.dispatchId().value()).isEqualTo("e" + id + "r1a1"));
    assertThat(t.touchpoints().timeline(ContactId.of("u1"))).extracting(Touchpoint::kind)
        .containsExactly(TouchpointKind.SENT);
  }

  @Test
  @DisplayName("callbacks: verified reports become touchpoints, duplicates are ignored, rejections record nothing")
  void callbacks() {
    ChannelProvider receiptsProvider = new ChannelProvider() {
      @Override public String id() { return "receipts"; }
      @Override public ChannelType channelType() { return ChannelType.SMS; }
      @Override public List<AddressKind> requiredAddressKinds() { return List.of(AddressKind.PHONE); }
      @Override public Channel create(ChannelContext context) {
        return new Channel() {
          @Override public SendResult send(OutboundMessage m) { return SendResult.of("msg-" + m.dispatchId()); }
          @Override public Optional<io.touchbase.spi.channel.CallbackHandler> callbackHandler() {
            return Optional.of(request -> {
              if (!request.header("X-Token").orElse("").equals("s3cret")) {
                throw io.touchbase.spi.channel.CallbackRejectedException.unverified("bad token");
              }
              String[] parts = request.bodyText().split(",");
              return new CallbackResult(List.of(new ChannelEvent.StatusReport(Optional.empty(), Optional.of(parts[0]),
                  TouchpointKind.valueOf(parts[1]), clock.instant(), Optional.empty(), Map.of())),
                  CallbackResponse.ok("application/json", "{\"code\":0}"));
            });
          }
        };
      }
    };
    Touchbase t = start("node-a", b -> b.addChannelProvider(receiptsProvider).channel("receipts", "receipts")
        .cadence(CadenceDefinition.builder("receipts").round(r -> r.channel("receipts").template("renewal-1").variable("offer", "5%")).build()));
    t.contacts().upsert(member("u1", phone(1)));
    long id = t.cadences().enroll(ContactId.of("u1"), "receipts").id().value();
    idle(t);
    String msgId = "msg-e" + id + "r1a1";
    CallbackRequest ok = CallbackRequest.builder("receipts").url("https://shop.example/cb").header("x-token", "s3cret")
        .body(msgId + ",DELIVERED").build();
    assertThat(t.callbacks().handle(ok)).isEqualTo(CallbackResponse.ok("application/json", "{\"code\":0}"));
    assertThat(t.callbacks().handle(ok).status()).isEqualTo(200);
    CallbackRequest forged = CallbackRequest.builder("receipts").url("https://shop.example/cb").header("X-Token", "guess")
        .body(msgId + ",FAILED").build();
    assertThat(t.callbacks().handle(forged).status()).isEqualTo(401);
    assertThat(t.callbacks().handle(CallbackRequest.builder("nope").url("https://x").build()).status()).isEqualTo(404);
    assertThat(t.touchpoints().timeline(ContactId.of("u1"))).extracting(Touchpoint::kind)
        .containsExactly(TouchpointKind.SENT, TouchpointKind.DELIVERED);
    assertThat(t.touchpoints().timeline(ContactId.of("u1")).get(1).round()).hasValue(1);
  }

  /**
   * A provider whose callbacks are lines of {@code key=value;...}: {@code kind=DELIVERED;dispatch=..;msg=..}
   * for status reports, {@code reply=TEXT;from=+86..;msg=..} for replies. Verified by header X-Token.
   */
  private ChannelProvider webhookProvider() {
    return new ChannelProvider() {
      @Override public String id() { return "webhook"; }
      @Override public ChannelType channelType() { return ChannelType.SMS; }
      @Override public List<AddressKind> requiredAddressKinds() { return List.of(AddressKind.PHONE); }
      @Override public Channel create(ChannelContext context) {
        return new Channel() {
          @Override public SendResult send(OutboundMessage m) { return SendResult.of("msg-" + m.dispatchId()); }
          @Override public Optional<io.touchbase.spi.channel.CallbackHandler> callbackHandler() {
            return Optional.of(request -> {
              if (!request.header("X-Token").orElse("").equals("s3cret")) {
                throw io.touchbase.spi.channel.CallbackRejectedException.unverified("bad token");
              }
              List<ChannelEvent> events = new ArrayList<>();
              for (String line : request.bodyText().split("\n")) {
                Map<String, String> f = new java.util.HashMap<>();
                for (String kv : line.split(";")) {
                  String[] p = kv.split("=", 2);
                  f.put(p[0], p[1]);
                }
                if (f.containsKey("reply")) {
                  events.add(new ChannelEvent.InboundReply(Address.phone(f.get("from")), f.get("reply"), clock.instant(),
                      Optional.ofNullable(f.get("msg"))));
                } else {
                  events.add(new ChannelEvent.StatusReport(Optional.ofNullable(f.get("dispatch")).map(DispatchId::of),
                      Optional.ofNullable(f.get("msg")), TouchpointKind.valueOf(f.get("kind")), clock.instant(),
                      Optional.ofNullable(f.get("reason")), Map.of()));
                }
              }
              return new CallbackResult(events, CallbackResponse.ok("application/json", "{\"code\":0}"));
            });
          }
        };
      }
    };
  }

  private static CallbackRequest webhook(String body) {
    return CallbackRequest.builder("webhook").url("https://shop.example/cb").header("X-Token", "s3cret").body(body).build();
  }

  @Test
  @DisplayName("statuses that arrive late or out of order never move a dispatch's history backwards")
  void outOfOrderStatuses() {
    Touchbase t = start("node-a", b -> b.addChannelProvider(webhookProvider()).channel("webhook", "webhook")
        .cadence(CadenceDefinition.builder("hook").round(r -> r.channel("webhook").template("renewal-1").variable("offer", "5%")).build()));
    t.contacts().upsert(member("u1", phone(1)));
    long id = t.cadences().enroll(ContactId.of("u1"), "hook").id().value();
    idle(t);
    String dispatch = "e" + id + "r1a1";
    String msg = "msg-" + dispatch;
    // Opened arrives first; the delivery receipt after it is implied and ignored; a failure after is a conflict.
    assertThat(t.callbacks().handle(webhook("kind=OPENED;msg=" + msg)).status()).isEqualTo(200);
    assertThat(t.callbacks().handle(webhook("kind=DELIVERED;dispatch=" + dispatch)).status()).isEqualTo(200);
    assertThat(t.callbacks().handle(webhook("kind=FAILED;msg=" + msg + ";reason=30008")).status()).isEqualTo(200);
    // A shortened id of ours that matches nothing still correlates by the provider's id.
    assertThat(t.callbacks().handle(webhook("kind=CLICKED;dispatch=short1;msg=" + msg)).status()).isEqualTo(200);
    assertThat(t.touchpoints().timeline(ContactId.of("u1"))).extracting(Touchpoint::kind)
        .containsExactly(TouchpointKind.SENT, TouchpointKind.OPENED, TouchpointKind.CLICKED);
  }

  @Test
  @DisplayName("an unsubscribe reply records a marketing opt-out that suppresses the next marketing round")
  void unsubscribeReply() {
    Touchbase t = start("node-a", b -> b.addChannelProvider(webhookProvider()).channel("webhook", "webhook")
        .unsubscribeKeywords(Set.of("TD", "退订"))
        .cadence(CadenceDefinition.builder("hook").purpose(Purpose.MARKETING)
            .round(r -> r.channel("webhook").template("renewal-1").variable("offer", "5%"))
            .round(r -> r.waitFor(Duration.ofDays(2)).channel("webhook").template("renewal-2")).build()));
    t.contacts().upsert(member("u1", phone(1)));
    t.cadences().enroll(ContactId.of("u1"), "hook");
    idle(t);
    // Not a keyword: "Tdoes" is longer than "TD". Then the keyword with punctuation and spaces, twice.
    t.callbacks().handle(webhook("reply=TDoes it work?;from=" + phone(1) + ";msg=mo-1"));
    t.callbacks().handle(webhook("reply= 退订。;from=" + phone(1) + ";msg=mo-2"));
    t.callbacks().handle(webhook("reply= 退订。;from=" + phone(1) + ";msg=mo-2"));
    // Another keyword reply while the opt-out is in force is a reply, not a second opt-out.
    t.callbacks().handle(webhook("reply=TD;from=" + phone(1) + ";msg=mo-3"));
    // Without a provider id, a pushed-again reply is recognised by its time and text.
    t.callbacks().handle(webhook("reply=ok thanks;from=" + phone(1)));
    t.callbacks().handle(webhook("reply=ok thanks;from=" + phone(1)));
    assertThat(t.contacts().find(ContactId.of("u1")).orElseThrow().consent(ChannelType.SMS, Purpose.MARKETING))
        .get().extracting(Consent::status).isEqualTo(ConsentStatus.OPTED_OUT);
    advance(t, Duration.ofDays(3), Duration.ofHours(12));
    assertThat(t.touchpoints().timeline(ContactId.of("u1"))).extracting(Touchpoint::kind)
        .containsExactly(TouchpointKind.SENT, TouchpointKind.REPLIED, TouchpointKind.REPLIED,
            TouchpointKind.UNSUBSCRIBED, TouchpointKind.REPLIED, TouchpointKind.REPLIED, TouchpointKind.SUPPRESSED);
    Touchpoint unsubscribed = t.touchpoints().query(TouchpointQuery.builder().kind(TouchpointKind.UNSUBSCRIBED).build()).get(0);
    assertThat(unsubscribed.reason()).get().asString().contains("退订");
  }

  /** A provider of pre-approved templates: it maps only renewal-1, which reads name and expiry. */
  private static ChannelProvider mappedTemplatesProvider() {
    return new ChannelProvider() {
      @Override public String id() { return "mapped"; }
      @Override public ChannelType channelType() { return ChannelType.SMS; }
      @Override public List<AddressKind> requiredAddressKinds() { return List.of(AddressKind.PHONE); }
      @Override public Channel create(ChannelContext context) {
        return new Channel() {
          @Override public SendResult send(OutboundMessage m) { return SendResult.of("m-" + m.dispatchId()); }
          @Override public Optional<Set<String>> requiredVariables(String templateId) {
            return templateId.equals("renewal-1") ? Optional.of(Set.of("name", "expiry")) : Optional.empty();
          }
        };
      }
    };
  }

  @Test
  @DisplayName("a template a provider has not mapped fails the cadence, a variable it needs fails the enrolment")
  void templateMappingChecks() {
    assertThatThrownBy(() -> start("node-a", b -> b.addChannelProvider(mappedTemplatesProvider()).channel("mapped", "mapped")
        .cadence(CadenceDefinition.builder("unmapped").round(r -> r.channel("mapped").template("renewal-2")).build())))
        .hasMessageContaining("rounds[0].template: channel 'mapped' (provider 'mapped') has no mapping for template 'renewal-2'");
    Touchbase t = start("node-b", b -> b.addChannelProvider(mappedTemplatesProvider()).channel("mapped", "mapped")
        .cadence(CadenceDefinition.builder("mapped").round(r -> r.channel("mapped").template("renewal-1").variable("offer", "5%")).build()));
    t.contacts().upsert(member("u1", phone(1)));
    assertThatThrownBy(() -> t.cadences().enroll(ContactId.of("u1"), "mapped"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contact 'u1' has no attribute 'expiry', which template 'renewal-1' needs on channel 'mapped'"
            + " (provider 'mapped') in rounds[0] of cadence 'mapped'");
    assertThat(t.cadences().enrollments(ContactId.of("u1"))).isEmpty();
    t.contacts().upsert(Contact.builder("u2").phone(phone(2)).attribute("name", "Li").attribute("expiry", "2026-04-01")
        .consent(Consent.optIn(ChannelType.SMS, Purpose.MARKETING, START, "form")).build());
    assertThat(t.cadences().enroll(ContactId.of("u2"), "mapped").state()).isEqualTo(EnrollmentState.ACTIVE);
  }

  // ---- staff call tasks ---------------------------------------------------------------------

  static final String QUEUE = "renewals";
  static final String CALLS = "renewal-calls";

  /** The base engine plus a dry-run SMS channel and a staff call channel with a one-day deadline. */
  protected Touchbase startWithCalls(String instance, Consumer<Touchbase.Builder> custom) {
    return start(instance, b -> {
      b.addChannelProvider(new StaffCallChannelProvider())
          .addChannelProvider(new DryRunChannelProvider())
          .channel("dry-sms", "dry-run")
          .channel(ChannelConfig.builder("agent-call")
              .provider("staff-call", p -> p.setting("queue", QUEUE).setting("deadline", "PT24H")).build())
          .template("call-script", "Call {{name}} about the renewal; offer {{offer}} off.")
          .attributionWindow(Duration.ZERO);
      custom.accept(b);
    });
  }

  /** Round 1 an agent's call on the given channels, round 2 an SMS a day later. */
  static CadenceDefinition callFirst(String... callChannels) {
    return callFirst(CallPolicy.DEFAULT, callChannels);
  }

  /** Round 1 an agent's call on the given channels with the given policy, round 2 an SMS a day later. */
  static CadenceDefinition callFirst(CallPolicy policy, String... callChannels) {
    return CadenceDefinition.builder(CALLS)
        .purpose(Purpose.MARKETING)
        .round(r -> r.channels(callChannels).template("call-script").variable("offer", "15%").callPolicy(policy))
        .round(r -> r.waitFor(Duration.ofDays(1)).channel("sms").template("renewal-2"))
        .exitOn("membership.renewed")
        .build();
  }

  static StaffTasks tasks(Touchbase t) {
    return t.staffTasks();
  }

  static List<StaffTask> tasksOf(Touchbase t, String contactId) {
    return tasks(t).list(StaffTaskQuery.builder().contact(ContactId.of(contactId)).build());
  }

  static List<TouchpointKind> kinds(Touchbase t, String contactId) {
    return t.touchpoints().timeline(ContactId.of(contactId)).stream().map(Touchpoint::kind).toList();
  }

  /** Waits up to ten seconds for a touchpoint written after a commit, such as a staff alert's. */
  static void awaitTouchpoint(Touchbase t, String contactId, TouchpointKind kind) {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (t.touchpoints().timeline(ContactId.of(contactId)).stream().noneMatch(tp -> tp.kind() == kind)
        && System.nanoTime() < until) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static Touchpoint last(Touchbase t, String contactId, TouchpointKind kind) {
    List<Touchpoint> all = t.touchpoints().timeline(ContactId.of(contactId)).stream()
        .filter(tp -> tp.kind() == kind).toList();
    assertThat(all).as("%s touchpoints of %s", kind, contactId).isNotEmpty();
    return all.get(all.size() - 1);
  }

  @Test
  @DisplayName("staff call: SMS, then a call task retried after no answer, then answered; the cadence goes on")
  void callTaskRetriedThenAnswered() {
    Touchbase t = startWithCalls("node-a", b -> b.cadence(CadenceDefinition.builder(CALLS)
        .purpose(Purpose.MARKETING)
        .round(r -> r.channel("dry-sms").template("renewal-1").variable("offer", "10%"))
        .round(r -> r.waitFor(Duration.ofDays(2)).channel("agent-call").template("call-script")
            .variable("offer", "15%"))
        .round(r -> r.waitFor(Duration.ofHours(12)).channel("sms").template("renewal-2"))
        .exitOn("membership.renewed")
        .build()));
    t.contacts().upsert(member("u1", phone(1)));
    t.contacts().upsert(member("u2", phone(2)));
    Enrollment enrollment = t.cadences().enroll(ContactId.of("u1"), CALLS);
    advance(t, Duration.ofDays(2), Duration.ofHours(12));
    Instant roundTwo = START.plus(Duration.ofDays(2));
    assertThat(sms.sent()).as("round 1 went through dry-run").isEmpty();

    List<StaffTask> open = tasks(t).list(StaffTaskQuery.builder().queue(QUEUE).state(StaffTaskState.OPEN).build());
    assertThat(open).singleElement().satisfies(task -> {
      assertThat(task.kind()).isEqualTo(StaffTaskKind.CALL);
      assertThat(task.channel()).isEqualTo("agent-call");
      assertThat(task.contactId()).isEqualTo(ContactId.of("u1"));
      assertThat(task.cadenceId()).isEqualTo(CALLS);
      assertThat(task.enrollmentId()).isEqualTo(enrollment.id());
      assertThat(task.round()).isEqualTo(2);
      assertThat(task.attempt()).isEqualTo(1);
      assertThat(task.maskedAddress()).isEqualTo("+861******0001");
      assertThat(task.script()).contains("Call Member u1 about the renewal; offer 15% off.");
      assertThat(task.dueAt()).isEqualTo(roundTwo);
      assertThat(task.deadline()).isEqualTo(roundTwo.plus(Duration.ofDays(1)));
      assertThat(task.claimedBy()).isEmpty();
      assertThat(task.toString()).doesNotContain("Member u1").doesNotContain("13800000001");
    });
    assertThat(tasks(t).list(StaffTaskQuery.builder().queue("other-queue").build())).isEmpty();
    assertThat(tasks(t).claimNext("other-queue", "agent-1")).isEmpty();

    StaffTask first = tasks(t).claimNext(QUEUE, "agent-1").orElseThrow();
    assertThat(first.state()).isEqualTo(StaffTaskState.CLAIMED);
    assertThat(first.claimedBy()).contains("agent-1");
    assertThat(first.claimedAt()).contains(roundTwo);
    assertThat(tasks(t).claimNext(QUEUE, "agent-2")).as("one task, one agent").isEmpty();

    StaffTask done = tasks(t).complete(first.id(), "agent-1", CallOutcome.noAnswer().withNote("voicemail"));
    assertThat(done.state()).isEqualTo(StaffTaskState.COMPLETED);
    assertThat(done.outcome()).contains(CallOutcome.noAnswer().withNote("voicemail"));
    assertThat(done.completedAt()).contains(roundTwo);
    StaffTask second = tasks(t).list(StaffTaskQuery.builder().queue(QUEUE).state(StaffTaskState.OPEN).build()).get(0);
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.dueAt()).isEqualTo(roundTwo.plus(CallPolicy.DEFAULT_RETRY_AFTER));
    assertThat(second.deadline()).isEqualTo(second.dueAt().plus(Duration.ofDays(1)));
    assertThat(tasks(t).claimNext(QUEUE, "agent-1")).as("the retry is not due yet").isEmpty();

    clock.advance(Duration.ofHours(4));
    idle(t);
    StaffTask retry = tasks(t).claimNext(QUEUE, "agent-2").orElseThrow();
    assertThat(retry.id()).isEqualTo(second.id());
    tasks(t).complete(retry.id(), "agent-2", CallOutcome.answered());
    assertThat(t.cadences().enrollment(enrollment.id()).orElseThrow().nextRound()).isEqualTo(3);
    advance(t, Duration.ofHours(12), Duration.ofHours(6));

    assertThat(sms.sent()).extracting(OutboundMessage::templateId).containsExactly("renewal-2");
    assertThat(t.cadences().enrollment(enrollment.id()).orElseThrow().state()).isEqualTo(EnrollmentState.COMPLETED);
    List<Touchpoint> timeline = t.touchpoints().timeline(ContactId.of("u1"));
    assertThat(timeline).extracting(Touchpoint::kind).containsExactly(
        TouchpointKind.SENT, TouchpointKind.TASK_CREATED, TouchpointKind.CALL_NOT_ANSWERED,
        TouchpointKind.TASK_CREATED, TouchpointKind.CALL_ANSWERED, TouchpointKind.SENT);
    assertThat(timeline).extracting(tp -> tp.round().getAsInt()).containsExactly(1, 2, 2, 2, 2, 3);
    assertThat(timeline.get(0).provider()).hasValue("dry-run");
    assertThat(timeline.get(1).channel()).hasValue("agent-call");
    assertThat(timeline.get(1).attributes()).containsEntry("taskId", Long.toString(first.id().value()))
        .containsEntry("queue", QUEUE).containsEntry("attempt", "1");
    assertThat(timeline.get(2).reason()).hasValue("no-answer");
    assertThat(timeline.get(2).attributes()).containsEntry("agent", "agent-1").containsEntry("next", "retry");
    assertThat(timeline.get(3).attributes()).containsEntry("attempt", "2")
        .containsEntry("dueAt", roundTwo.plus(Duration.ofHours(4)).toString());
    assertThat(timeline.get(4).attributes()).containsEntry("agent", "agent-2").containsEntry("next", "move-on");
    assertThat(timeline.get(5).occurredAt()).as("the wake-up moved from the task's deadline to round 3")
        .isEqualTo(roundTwo.plus(Duration.ofHours(4)).plus(Duration.ofHours(12)));
    assertThat(tasksOf(t, "u1")).extracting(StaffTask::state)
        .containsExactly(StaffTaskState.COMPLETED, StaffTaskState.COMPLETED);
  }

  @Test
  @DisplayName("staff call: a call-back falls due at the asked time; a refusal stops the cadence, opting out of calls")
  void callBackThenRefused() {
    Touchbase t = startWithCalls("node-a", b -> b.cadence(callFirst("agent-call")));
    t.contacts().upsert(member("u1", phone(1)));
    Enrollment enrollment = t.cadences().enroll(ContactId.of("u1"), CALLS);
    idle(t);
    StaffTask first = tasks(t).claimNext(QUEUE, "agent-1").orElseThrow();
    Instant callBackAt = START.plus(Duration.ofHours(30));
    tasks(t).complete(first.id(), "agent-1", CallOutcome.callBack(callBackAt));

    StaffTask callBack = tasksOf(t, "u1").get(1);
    assertThat(callBack.state()).isEqualTo(StaffTaskState.OPEN);
    assertThat(callBack.attempt()).isEqualTo(2);
    assertThat(callBack.dueAt()).isEqualTo(callBackAt);
    assertThat(last(t, "u1", TouchpointKind.CALL_NOT_ANSWERED).reason()).hasValue("call-back");
    assertThat(last(t, "u1", TouchpointKind.CALL_NOT_ANSWERED).attributes())
        .containsEntry("callBackAt", callBackAt.toString());
    advance(t, Duration.ofHours(29), Duration.ofHours(1));
    assertThat(tasks(t).claimNext(QUEUE, "agent-2")).isEmpty();
    clock.advance(Duration.ofHours(1));
    idle(t);
    StaffTask due = tasks(t).claimNext(QUEUE, "agent-2").orElseThrow();
    assertThat(due.id()).isEqualTo(callBack.id());
    tasks(t).complete(due.id(), "agent-2", CallOutcome.refused());
    advance(t, Duration.ofDays(3), Duration.ofDays(1));

    Enrollment ended = t.cadences().enrollment(enrollment.id()).orElseThrow();
    assertThat(ended.state()).isEqualTo(EnrollmentState.CANCELLED);
    assertThat(ended.exitReason()).hasValue("refused on call");
    assertThat(sms.sent()).as("no round after a refusal").isEmpty();
    Contact contact = t.contacts().find(ContactId.of("u1")).orElseThrow();
    assertThat(contact.consent(ChannelType.PHONE, Purpose.MARKETING)).get().satisfies(c -> {
      assertThat(c.status()).isEqualTo(ConsentStatus.OPTED_OUT);
      assertThat(c.source()).isEqualTo("refused on call (staff task " + due.id() + ")");
    });
    assertThat(contact.consent(ChannelType.SMS, Purpose.MARKETING)).get().extracting(Consent::status)
        .as("only the phone").isEqualTo(ConsentStatus.OPTED_IN);
    assertThat(kinds(t, "u1")).containsExactly(TouchpointKind.TASK_CREATED, TouchpointKind.CALL_NOT_ANSWERED,
        TouchpointKind.TASK_CREATED, TouchpointKind.CALL_NOT_ANSWERED, TouchpointKind.UNSUBSCRIBED);
    assertThat(last(t, "u1", TouchpointKind.CALL_NOT_ANSWERED).reason()).hasValue("refused");
    assertThat(last(t, "u1", TouchpointKind.CALL_NOT_ANSWERED).attributes()).containsEntry("next", "stop");
  }

  @Test
  @DisplayName("staff call: a conversion on the call converts the enrollment as a goal does")
  void callConverts() {
    Touchbase t = startWithCalls("node-a", b -> b.cadence(callFirst("agent-call")));
    t.contacts().upsert(member("u1", phone(1)));
    Enrollment enrollment = t.cadences().enroll(ContactId.of("u1"), CALLS);
    idle(t);
    StaffTask task = tasks(t).claimNext(QUEUE, "agent-1").orElseThrow();
    tasks(t).complete(task.id(), "agent-1", CallOutcome.converted());
    advance(t, Duration.ofDays(2), Duration.ofDays(1));

    Enrollment converted = t.cadences().enrollment(enrollment.id()).orElseThrow();
    assertThat(converted.state()).isEqualTo(EnrollmentState.CONVERTED);
    assertThat(converted.convertedRound()).hasValue(1);
    assertThat(converted.exitReason()).hasValue("converted on call");
    assertThat(sms.sent()).isEmpty();
    assertThat(kinds(t, "u1")).containsExactly(
        TouchpointKind.TASK_CREATED, TouchpointKind.CALL_ANSWERED, TouchpointKind.CONVERTED);
    Touchpoint conversion = last(t, "u1", TouchpointKind.CONVERTED);
    assertThat(conversion.round()).hasValue(1);
    assertThat(conversion.channel()).hasValue("agent-call");
    assertThat(t.touchpoints().count(TouchpointQuery.builder().cadence(CALLS).round(1).build()))
        .containsEntry(TouchpointKind.CONVERTED, 1L).containsEntry(TouchpointKind.CALL_ANSWERED, 1L);
  }

  @Test
  @DisplayName("staff call: a wrong number falls back to the round's next channel, sms")
  void wrongNumberFallsBack() {
    Touchbase t = startWithCalls("node-a", b -> b.cadence(callFirst("agent-call", "sms")));
    t.contacts().upsert(member("u1", phone(1)));
    t.cadences().enroll(ContactId.of("u1"), CALLS);
    idle(t);
    StaffTask task = tasks(t).claimNext(QUEUE, "agent-1").orElseThrow();
    tasks(t).complete(task.id(), "agent-1", CallOutcome.wrongNumber());
    idle(t);

    assertThat(sms.sent()).singleElement().satisfies(m -> {
      assertThat(m.templateId()).isEqualTo("call-script");
      assertThat(m.to()).isEqualTo(Address.phone(phone(1)));
    });
    assertThat(kinds(t, "u1")).containsExactly(
        TouchpointKind.TASK_CREATED, TouchpointKind.CALL_NOT_ANSWERED, TouchpointKind.SENT);
    assertThat(last(t, "u1", TouchpointKind.CALL_NOT_ANSWERED).attributes()).containsEntry("next", "fall-back");
    assertThat(last(t, "u1", TouchpointKind.SENT).channel()).hasValue("sms");
    assertThat(last(t, "u1", TouchpointKind.SENT).round()).hasValue(1);
    assertThat(tasksOf(t, "u1")).as("no second call on a wrong number").hasSize(1);
    advance(t, Duration.ofDays(1), Duration.ofHours(12));
    assertThat(sms.sent()).extracting(OutboundMessage::templateId).containsExactly("call-script", "renewal-2");
  }

  @Test
  @DisplayName("staff call: when the attempts are used up the cadence moves on")
  void retriesExhausted() {
    CallPolicy twice = CallPolicy.builder().maxAttempts(2).retryAfter(Duration.ofHours(1)).build();
    Touchbase t = startWithCalls("node-a", b -> b.cadence(callFirst(twice, "agent-call", "sms")));
    t.contacts().upsert(member("u1", phone(1)));
    Enrollment enrollment = t.cadences().enroll(ContactId.of("u1"), CALLS);
    idle(t);
    tasks(t).complete(tasks(t).claimNext(QUEUE, "agent-1").orElseThrow().id(), "agent-1", CallOutcome.noAnswer());
    advance(t, Duration.ofHours(1), Duration.ofMinutes(30));
    tasks(t).complete(tasks(t).claimNext(QUEUE, "agent-1").orElseThrow().id(), "agent-1", CallOutcome.busy());
    idle(t);

    assertThat(t.cadences().enrollment(enrollment.id()).orElseThrow().nextRound()).as("moved on").isEqualTo(2);
    assertThat(sms.sent()).as("moving on is not falling back").isEmpty();
    assertThat(tasksOf(t, "u1")).extracting(StaffTask::attempt).containsExactly(1, 2);
    Touchpoint busy = last(t, "u1", TouchpointKind.CALL_NOT_ANSWERED);
    assertThat(busy.reason()).hasValue("busy");
    assertThat(busy.attributes()).containsEntry("next", "move-on").containsEntry("attemptsUsedUp", "2 of 2");
    advance(t, Duration.ofDays(1), Duration.ofHours(12));
    assertThat(sms.sent()).extracting(OutboundMessage::templateId).containsExactly("renewal-2");
  }

  @Test
  @DisplayName("staff call: a task not completed by its deadline expires and the round falls back to sms")
  void deadlineExpires() {
    Touchbase t = startWithCalls("node-a", b -> b.cadence(callFirst("agent-call", "sms")));
    t.contacts().upsert(member("u1", phone(1)));
    t.cadences().enroll(ContactId.of("u1"), CALLS);
    idle(t);
    StaffTask task = tasks(t).claimNext(QUEUE, "agent-1").orElseThrow();
    advance(t, Duration.ofHours(23), Duration.ofHours(1));
    assertThat(tasks(t).find(task.id()).orElseThrow().state()).isEqualTo(StaffTaskState.CLAIMED);
    assertThat(sms.sent()).isEmpty();
    clock.advance(Duration.ofHours(1));
    idle(t);

    StaffTask expired = tasks(t).find(task.id()).orElseThrow();
    assertThat(expired.state()).isEqualTo(StaffTaskState.EXPIRED);
    assertThat(expired.endReason()).hasValue("deadline passed");
    assertThat(kinds(t, "u1")).containsExactly(
        TouchpointKind.TASK_CREATED, TouchpointKind.TASK_EXPIRED, TouchpointKind.SENT);
    assertThat(last(t, "u1", TouchpointKind.TASK_EXPIRED).reason()).get().asString()
        .contains("not completed by its deadline " + START.plus(Duration.ofDays(1)))
        .contains("claimed by agent 'agent-1'").contains("falling back");
    assertThat(sms.sent()).extracting(OutboundMessage::templateId).containsExactly("call-script");
    assertThatThrownBy(() -> tasks(t).complete(task.id(), "agent-1", CallOutcome.answered()))
        .isInstanceOf(StaffTaskStateException.class)
        .hasMessage("staff task " + task.id() + " is EXPIRED (not completed by its deadline "
            + START.plus(Duration.ofDays(1)) + ") and can not be completed")
        .satisfies(e -> assertThat(((StaffTaskStateException) e).state()).isEqualTo(StaffTaskState.EXPIRED));
    assertThat(kinds(t, "u1")).as("the refused completion recorded nothing").hasSize(3);
  }

  @Test
  @DisplayName("staff call: a task expiring on a round without another channel moves the cadence on")
  void deadlineExpiresAndMovesOn() {
    Touchbase t = startWithCalls("node-a", b -> b.cadence(callFirst("agent-call")));
    t.contacts().upsert(member("u1", phone(1)));
    Enrollment enrollment = t.cadences().enroll(ContactId.of("u1"), CALLS);
    advance(t, Duration.ofDays(2), Duration.ofHours(6));
    assertThat(kinds(t, "u1")).containsExactly(TouchpointKind.TASK_CREATED, TouchpointKind.TASK_EXPIRED,
        TouchpointKind.SENT);
    assertThat(last(t, "u1", TouchpointKind.SENT).round()).hasValue(2);
    assertThat(tasks(t).claimNext(QUEUE, "agent-1")).isEmpty();
    assertThat(t.cadences().enrollment(enrollment.id()).orElseThrow().state()).isEqualTo(EnrollmentState.COMPLETED);
  }

  @Test
  @DisplayName("staff call: a goal or a cancel while a task is open cancels the task; completing it then fails clearly")
  void goalCancelsOpenTask() {
    Touchbase t = startWithCalls("node-a", b -> b.cadence(callFirst("agent-call")));
    t.contacts().upsert(member("u1", phone(1)));
    t.contacts().upsert(member("u2", phone(2)));
    t.cadences().enroll(ContactId.of("u1"), CALLS);
    t.cadences().enroll(ContactId.of("u2"), CALLS);
    idle(t);
    StaffTask claimed = tasks(t).claim(tasksOf(t, "u1").get(0).id(), "agent-1");

    EventOutcome outcome = t.events().record(ContactId.of("u1"), "membership.renewed");
    assertThat(outcome.converted()).hasSize(1);
    t.cadences().cancel(ContactId.of("u2"), CALLS, "customer asked");

    assertThat(kinds(t, "u1")).containsExactly(TouchpointKind.TASK_CREATED, TouchpointKind.HOST_EVENT,
        TouchpointKind.CONVERTED, TouchpointKind.TASK_CANCELLED);
    assertThat(last(t, "u1", TouchpointKind.TASK_CANCELLED).reason())
        .hasValue("enrollment converted: goal membership.renewed");
    assertThat(last(t, "u1", TouchpointKind.CONVERTED).reason())
        .as("no round reached the contact").hasValue("converted before any round reached the contact");
    assertThat(tasks(t).find(claimed.id()).orElseThrow().state()).isEqualTo(StaffTaskState.CANCELLED);
    assertThat(tasksOf(t, "u2").get(0).endReason()).hasValue("enrollment cancelled: customer asked");
    assertThat(kinds(t, "u2")).containsExactly(TouchpointKind.TASK_CREATED, TouchpointKind.TASK_CANCELLED);
    assertThatThrownBy(() -> tasks(t).complete(claimed.id(), "agent-1", CallOutcome.answered()))
        .isInstanceOf(StaffTaskStateException.class)
        .hasMessage("staff task " + claimed.id()
            + " is CANCELLED (enrollment converted: goal membership.renewed) and can not be completed");
    assertThatThrownBy(() -> tasks(t).claim(tasksOf(t, "u2").get(0).id(), "agent-2"))
        .isInstanceOf(StaffTaskStateException.class).hasMessageContaining("is CANCELLED");
    assertThat(tasks(t).claimNext(QUEUE, "agent-2")).isEmpty();
    advance(t, Duration.ofDays(2), Duration.ofDays(1));
    assertThat(sms.sent()).isEmpty();
  }

  @Test
  @DisplayName("staff call: a task completed once can not be completed again")
  void completedOnce() {
    Touchbase t = startWithCalls("node-a", b -> b.cadence(callFirst("agent-call")));
    t.contacts().upsert(member("u1", phone(1)));
    t.cadences().enroll(ContactId.of("u1"), CALLS);
    idle(t);
    StaffTask task = tasks(t).claimNext(QUEUE, "agent-1").orElseThrow();
    tasks(t).complete(task.id(), "agent-1", CallOutcome.answered());
    assertThatThrownBy(() -> tasks(t).complete(task.id(), "agent-1", CallOutcome.converted()))
        .isInstanceOf(StaffTaskStateException.class)
        .hasMessage("staff task " + task.id() + " is COMPLETED (ANSWERED) and can not be completed again");
    assertThat(kinds(t, "u1")).containsExactly(TouchpointKind.TASK_CREATED, TouchpointKind.CALL_ANSWERED);
  }

  @Test
  @DisplayName("staff call: only the agent holding the claim reveals the number, completes or releases the task")
  void claimsAreExclusive() {
    Touchbase t = startWithCalls("node-a", b -> b.cadence(callFirst("agent-call")));
    t.contacts().upsert(member("u1", phone(1)));
    t.cadences().enroll(ContactId.of("u1"), CALLS);
    idle(t);
    StaffTaskId id = tasksOf(t, "u1").get(0).id();
    assertThatThrownBy(() -> tasks(t).revealAddress(id, "agent-a"))
        .isInstanceOf(StaffTaskStateException.class)
        .hasMessage("staff task " + id + " is OPEN; only the agent holding the claim may reveal its address");
    assertThatThrownBy(() -> tasks(t).complete(id, "agent-a", CallOutcome.answered()))
        .hasMessage("staff task " + id + " is OPEN; claim it before completing it");

    StaffTask claimed = tasks(t).claim(id, "agent-a");
    assertThat(tasks(t).claim(id, "agent-a")).as("claiming your own claim again").isEqualTo(claimed);
    assertThatThrownBy(() -> tasks(t).claim(id, "agent-b"))
        .isInstanceOf(StaffTaskStateException.class)
        .hasMessage("staff task " + id + " is CLAIMED by agent 'agent-a'; only an OPEN task can be claimed")
        .satisfies(e -> assertThat(((StaffTaskStateException) e).claimedBy()).contains("agent-a"));
    assertThatThrownBy(() -> tasks(t).revealAddress(id, "agent-b"))
        .hasMessage("staff task " + id + " is CLAIMED by agent 'agent-a';"
            + " only the agent holding the claim may reveal its address");
    assertThatThrownBy(() -> tasks(t).complete(id, "agent-b", CallOutcome.answered()))
        .hasMessage("staff task " + id + " is CLAIMED by agent 'agent-a', not by 'agent-b'");
    assertThatThrownBy(() -> tasks(t).release(id, "agent-b"))
        .hasMessage("staff task " + id + " is CLAIMED by agent 'agent-a'; only that agent can release it");
    assertThat(tasks(t).revealAddress(id, "agent-a")).isEqualTo(Address.phone(phone(1)));

    StaffTask released = tasks(t).release(id, "agent-a");
    assertThat(released.state()).isEqualTo(StaffTaskState.OPEN);
    assertThat(released.claimedBy()).isEmpty();
    assertThat(tasks(t).release(id, "agent-a").state()).as("releasing again is a no-op").isEqualTo(StaffTaskState.OPEN);
    assertThatThrownBy(() -> tasks(t).revealAddress(id, "agent-a")).isInstanceOf(StaffTaskStateException.class);
    assertThat(tasks(t).claimNext(QUEUE, "agent-b")).get().extracting(StaffTask::id).isEqualTo(id);
    assertThat(tasks(t).revealAddress(id, "agent-b")).isEqualTo(Address.phone(phone(1)));
  }

  @Test
  @DisplayName("staff call: invalid input and configuration fail with the field or setting named")
  void staffTaskValidation() {
    Touchbase t = startWithCalls("node-a", b -> b.cadence(callFirst("agent-call")));
    t.contacts().upsert(member("u1", phone(1)));
    t.cadences().enroll(ContactId.of("u1"), CALLS);
    idle(t);
    StaffTaskId id = tasksOf(t, "u1").get(0).id();
    assertThatThrownBy(() -> tasks(t).claimNext(" ", "agent-1")).hasMessage("queue must not be blank");
    assertThatThrownBy(() -> tasks(t).claimNext(QUEUE, "")).hasMessage("agent must not be blank");
    assertThatThrownBy(() -> tasks(t).claimNext(QUEUE, null)).hasMessage("agent must not be null");
    assertThatThrownBy(() -> tasks(t).claim(null, "agent-1")).hasMessage("taskId must not be null");
    assertThatThrownBy(() -> tasks(t).claim(id, "agent 1")).hasMessageStartingWith("agent must start with a letter");
    assertThatThrownBy(() -> tasks(t).list(null)).hasMessage("query must not be null");
    assertThatThrownBy(() -> tasks(t).complete(id, "agent-1", null)).hasMessage("outcome must not be null");
    assertThatThrownBy(() -> tasks(t).claim(StaffTaskId.of(999_999), "agent-1"))
        .isInstanceOf(StaffTaskNotFoundException.class).hasMessage("taskId: no staff task with id 999999");
    assertThat(tasks(t).find(StaffTaskId.of(999_999))).isEmpty();
    tasks(t).claim(id, "agent-1");
    assertThatThrownBy(() -> tasks(t).complete(id, "agent-1", CallOutcome.callBack(START)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outcome.callBackAt must be after the current time " + START + ", but was " + START);
    assertThat(tasks(t).find(id).orElseThrow().state()).as("nothing recorded").isEqualTo(StaffTaskState.CLAIMED);
    assertThat(kinds(t, "u1")).containsExactly(TouchpointKind.TASK_CREATED);

    assertThatThrownBy(() -> startWithCalls("bad-1", b -> b.channel(ChannelConfig.builder("mixed")
        .provider("staff-call").provider("recording-voice").build())))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("Channel 'mixed'")
        .hasMessageContaining("'staff-call' can not be combined with other providers");
    assertThatThrownBy(() -> startWithCalls("bad-2", b -> b.channel(ChannelConfig.builder("slow-call")
        .provider("staff-call", p -> p.setting("deadline", "two days")).build())))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("setting 'deadline'");
    assertThatThrownBy(() -> startWithCalls("bad-3", b -> b.channel(ChannelConfig.builder("odd-call")
        .provider("staff-call", p -> p.setting("queue", "call queue")).build())))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("setting 'queue' must start with");
  }

  @Test
  @DisplayName("staff call: each new task is announced to the queue's agents on the alert channel, recorded either way")
  void newTasksAreAnnounced() {
    AddressKind userId = AddressKind.of("wecom-userid");
    RecordingChannel.Provider alerts = RecordingChannel.provider("recording-wecom-app", ChannelType.WECOM, userId);
    Touchbase t = startWithCalls("node-a", b -> b.addChannelProvider(alerts)
        .channel("staff-alerts", "recording-wecom-app")
        .channel(ChannelConfig.builder("alerted-call").provider("staff-call", p -> p.setting("queue", "vip")
            .setting("deadline", "PT24H").setting("alertChannel", "staff-alerts").setting("alertContact", "agents-vip"))
            .build())
        .template("staff-task-waiting", "Task {{taskId}} waits in {{queue}} until {{deadline}}.")
        .cadence(callFirst("alerted-call", "sms")));
    Address agentsAddress = Address.of(userId, "zhangsan");
    t.contacts().upsert(Contact.builder("agents-vip").address(agentsAddress).build());
    t.contacts().upsert(member("u1", phone(1)));
    t.cadences().enroll(ContactId.of("u1"), CALLS);
    idle(t);

    // The alert goes out after the task's transaction, so after the scheduler may count as idle.
    awaitTouchpoint(t, "agents-vip", TouchpointKind.SENT);
    StaffTask task = tasksOf(t, "u1").get(0);
    assertThat(alerts.channel().sent()).singleElement().satisfies(m -> {
      assertThat(m.to()).isEqualTo(agentsAddress);
      assertThat(m.contactId()).isEqualTo(ContactId.of("agents-vip"));
      assertThat(m.templateId()).isEqualTo("staff-task-waiting");
      assertThat(m.text()).contains("Task " + task.id().value() + " waits in vip until " + task.deadline() + ".");
      assertThat(m.variables()).containsEntry("queue", "vip").containsEntry("cadence", CALLS)
          .containsEntry("round", "1").containsEntry("contactId", "u1");
    });
    Touchpoint sent = last(t, "agents-vip", TouchpointKind.SENT);
    assertThat(sent.channel()).contains("staff-alerts");
    assertThat(sent.reason()).contains("staff task " + task.id().value() + " is waiting in queue 'vip'");
    assertThat(sent.attributes()).containsEntry("taskId", Long.toString(task.id().value()));

    alerts.channel().failNext(ChannelException.permanent("81013", "no such member"));
    t.contacts().upsert(member("u2", phone(2)));
    t.cadences().enroll(ContactId.of("u2"), CALLS);
    idle(t);
    awaitTouchpoint(t, "agents-vip", TouchpointKind.FAILED);
    assertThat(tasksOf(t, "u2")).as("the task stands whatever the alert did").hasSize(1);
    assertThat(last(t, "agents-vip", TouchpointKind.FAILED).reason()).hasValueSatisfying(r -> assertThat(r)
        .contains("staff task " + tasksOf(t, "u2").get(0).id().value() + " is waiting in queue 'vip'; alert failed:")
        .contains("81013 no such member"));

    assertThatThrownBy(() -> startWithCalls("bad-1", b -> b.channel(ChannelConfig.builder("half-call")
        .provider("staff-call", p -> p.setting("alertChannel", "dry-sms")).build())))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'alertChannel' and 'alertContact' go together");
    assertThatThrownBy(() -> startWithCalls("bad-2", b -> b.channel(ChannelConfig.builder("lost-call")
        .provider("staff-call", p -> p.setting("alertChannel", "pager").setting("alertContact", "agents")).build())))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("Channel 'lost-call'")
        .hasMessageContaining("names 'pager', which is not a configured channel");
  }

  @Test
  @DisplayName("staff call: a later attempt that is no longer allowed (consent withdrawn) is cancelled, not handed out")
  void retryRecheckedWhenDue() {
    Touchbase t = startWithCalls("node-a", b -> b.cadence(callFirst("agent-call", "sms")));
    t.contacts().upsert(member("u1", phone(1)));
    t.cadences().enroll(ContactId.of("u1"), CALLS);
    idle(t);
    tasks(t).complete(tasks(t).claimNext(QUEUE, "agent-1").orElseThrow().id(), "agent-1", CallOutcome.noAnswer());
    clock.advance(Duration.ofHours(1));
    t.contacts().recordConsent(ContactId.of("u1"),
        Consent.optOut(ChannelType.PHONE, Purpose.MARKETING, clock.instant(), "customer service ticket"));
    clock.advance(Duration.ofHours(3));
    idle(t);

    assertThat(tasks(t).claimNext(QUEUE, "agent-1")).isEmpty();
    assertThat(tasksOf(t, "u1").get(1).state()).isEqualTo(StaffTaskState.CANCELLED);
    assertThat(tasksOf(t, "u1").get(1).endReason()).get().asString()
        .startsWith("call no longer allowed").contains("opted out of marketing on phone");
    assertThat(kinds(t, "u1")).containsExactly(TouchpointKind.TASK_CREATED, TouchpointKind.CALL_NOT_ANSWERED,
        TouchpointKind.TASK_CREATED, TouchpointKind.TASK_CANCELLED, TouchpointKind.SENT);
    assertThat(sms.sent()).extracting(OutboundMessage::templateId).containsExactly("call-script");
  }

  @Test
  @DisplayName("staff call: 200 open tasks and 8 agents claiming at once: every task claimed exactly once")
  void concurrentClaims() throws Exception {
    Touchbase t = startWithCalls("node-a", b -> b.cadence(callFirst("agent-call")));
    assertEveryTaskClaimedOnce(List.of(t), 200, 8);
  }

  /** Opens {@code tasks} call tasks and lets {@code agents} threads, spread over the instances, claim them all. */
  protected void assertEveryTaskClaimedOnce(List<Touchbase> instances, int count, int agents) throws Exception {
    Touchbase first = instances.get(0);
    for (int i = 1; i <= count; i++) {
      first.contacts().upsert(member("c" + i, phone(i)));
      first.cadences().enroll(ContactId.of("c" + i), CALLS);
    }
    instances.forEach(EngineContractTest::idle);
    assertThat(tasks(first).list(StaffTaskQuery.builder().state(StaffTaskState.OPEN).limit(1_000).build()))
        .hasSize(count);

    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(agents);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<List<StaffTask>>> futures = new ArrayList<>();
    try {
      for (int a = 0; a < agents; a++) {
        String agent = "agent-" + a;
        Touchbase via = instances.get(a % instances.size());
        futures.add(pool.submit(() -> {
          go.await();
          List<StaffTask> mine = new ArrayList<>();
          for (Optional<StaffTask> next = tasks(via).claimNext(QUEUE, agent); next.isPresent();
              next = tasks(via).claimNext(QUEUE, agent)) {
            mine.add(next.get());
          }
          return mine;
        }));
      }
      go.countDown();
      Map<StaffTaskId, String> claimedBy = new java.util.HashMap<>();
      int total = 0;
      for (java.util.concurrent.Future<List<StaffTask>> f : futures) {
        for (StaffTask task : f.get(60, TimeUnit.SECONDS)) {
          total++;
          assertThat(claimedBy.put(task.id(), task.claimedBy().orElseThrow()))
              .as("task %s handed out twice", task.id()).isNull();
        }
      }
      assertThat(total).isEqualTo(count);
      List<StaffTask> claimed =
          tasks(first).list(StaffTaskQuery.builder().state(StaffTaskState.CLAIMED).limit(1_000).build());
      assertThat(claimed).hasSize(count)
          .allSatisfy(task -> assertThat(task.claimedBy()).contains(claimedBy.get(task.id())));
      assertThat(new java.util.HashSet<>(claimedBy.values())).as("the agents shared the work").hasSizeGreaterThan(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /** A plain JDBC connection to the database under test, for fabricating crash states. */
  protected Connection connect() throws Exception {
    if (database instanceof Database.Jdbc j) {
      return DriverManager.getConnection(j.url(), j.user(), j.password());
    }
    Database.H2InMemory m = (Database.H2InMemory) database;
    return DriverManager.getConnection("jdbc:h2:mem:" + m.name() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  protected Set<String> instancesThatDispatched(Connection c) throws Exception {
    Set<String> out = new java.util.HashSet<>();
    try (var rs = c.createStatement().executeQuery("select distinct instance_name from tb_dispatch")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
