package io.touchbase.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ChannelConfig;
import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.task.CallOutcome;
import io.touchbase.api.task.StaffTask;
import io.touchbase.api.task.StaffTaskKind;
import io.touchbase.api.task.StaffTaskQuery;
import io.touchbase.api.task.StaffTaskState;
import io.touchbase.api.task.StaffTaskStateException;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.EngineControl;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ChannelProviderLoader;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.spi.channel.StaffConfirmation;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.RecordingChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sends that wait for a staff member's confirmation, such as WeCom customer-contact messages:
 * the engine opens a {@code CONFIRM_MESSAGE} task, polls the provider, records the send when the
 * staff member sent it, and at the deadline withdraws it and falls back to the round's next
 * channel. Run against every supported database by the subclasses, with a scripted provider.
 */
public abstract class StaffConfirmationContractTest {
  static final Instant START = Instant.parse("2026-03-02T02:00:00Z"); // 10:00 in Shanghai
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String CORP = "ww-corp";
  static final Duration POLL = Duration.ofMinutes(10);
  static final Duration DEADLINE = Duration.ofHours(1);

  protected MutableClock clock;
  private Database database;
  private final List<Touchbase> opened = new ArrayList<>();
  private ConfirmedProvider wecom;
  private RecordingChannel.Provider sms;

  /** A new empty database of the kind under test. */
  protected abstract Database newDatabase();

  @BeforeEach
  void setUp() {
    clock = MutableClock.at(START);
    database = newDatabase();
    wecom = new ConfirmedProvider();
    sms = RecordingChannel.provider("recording-sms", ChannelType.SMS, AddressKind.PHONE);
  }

  @AfterEach
  void tearDown() {
    opened.forEach(Touchbase::close);
  }

  /**
   * A provider like {@code wecom-customer}: each send answers {@code q-<n>} and is only queued
   * for a staff member; {@link #answer} scripts what a status poll says.
   */
  static final class ConfirmedProvider implements ChannelProvider {
    final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    final List<StaffConfirmation.ConfirmationRequest> polls = new CopyOnWriteArrayList<>();
    final List<StaffConfirmation.ConfirmationRequest> cancels = new CopyOnWriteArrayList<>();
    volatile Function<StaffConfirmation.ConfirmationRequest, StaffConfirmation.ConfirmationStatus> answer =
        r -> StaffConfirmation.ConfirmationStatus.pending("staff has not sent it");
    volatile boolean cancelFails;
    private final AtomicInteger sequence = new AtomicInteger();

    @Override public String id() { return "wecom-like"; }
    @Override public ChannelType channelType() { return ChannelType.WECOM; }
    @Override public List<AddressKind> requiredAddressKinds() { return List.of(AddressKind.WECOM_EXTERNAL_USER_ID); }

    @Override
    public Channel create(ChannelContext context) {
      StaffConfirmation confirmation = new StaffConfirmation() {
        @Override public Duration deadline() { return DEADLINE; }
        @Override public Duration pollInterval() { return POLL; }

        @Override
        public ConfirmationStatus status(ConfirmationRequest request) {
          polls.add(request);
          return answer.apply(request);
        }

        @Override
        public void cancel(ConfirmationRequest request) {
          cancels.add(request);
          if (cancelFails) {
            throw ChannelException.retryable("cancel-failed", "WeCom-like cancel failed");
          }
        }
      };
      return new Channel() {
        @Override
        public SendResult send(OutboundMessage message) {
          sent.add(message);
          return SendResult.of("q-" + sequence.incrementAndGet());
        }

        @Override public Optional<String> addressScope() { return Optional.of(CORP); }
        @Override public Optional<StaffConfirmation> staffConfirmation() { return Optional.of(confirmation); }
      };
    }
  }

  static StaffConfirmation.ConfirmationStatus sentBy(String staff) {
    return new StaffConfirmation.ConfirmationStatus(StaffConfirmation.ConfirmationStatus.State.SENT,
        Optional.of(staff), Optional.of(START.plus(Duration.ofMinutes(15))), "sent by the staff member");
  }

  /** Round 1 on WeCom, else SMS; round 2 a day later on SMS. */
  static CadenceDefinition reminder(String... roundOneChannels) {
    return CadenceDefinition.builder("reminder")
        .purpose(Purpose.TRANSACTIONAL)
        .exitOn("order.paid")
        .round(r -> r.channels(roundOneChannels).template("notice").variable("order", "A-1001"))
        .round(r -> r.waitFor(Duration.ofDays(1)).channel("sms").template("notice").variable("order", "A-1001"))
        .build();
  }

  private Touchbase start(CadenceDefinition cadence) {
    Touchbase t = Touchbase.builder()
        .database(database)
        .clock(clock)
        .instanceName("node-a")
        .channelProviderLoader(ChannelProviderLoader.of())
        .quietHours(QuietHours.none())
        .defaultZone(SHANGHAI)
        .pollingInterval(Duration.ofMillis(20))
        .schedulerThreads(2)
        .addChannelProvider(wecom)
        .addChannelProvider(sms)
        .channel(ChannelConfig.builder("wecom").provider("wecom-like").build())
        .channel("sms", "recording-sms")
        .template("notice", "Your order {{order}} is waiting for you.")
        .cadence(cadence)
        .build();
    opened.add(t);
    return t;
  }

  private static void enrollCustomer(Touchbase t) {
    t.contacts().upsert(Contact.builder("c1")
        .address(Address.wecomExternalUserId(CORP, "wm-external-1"))
        .address(Address.phone("+8613800138000"))
        .build());
    t.cadences().enroll(ContactId.of("c1"), "reminder");
  }

  /** Moves the clock in poll-sized steps, letting the engine run what falls due at each. */
  private void advance(Touchbase t, Duration by) {
    Instant until = clock.instant().plus(by);
    while (clock.instant().isBefore(until)) {
      Duration step = Duration.between(clock.instant(), until);
      clock.advance(step.compareTo(POLL) < 0 ? step : POLL);
      idle(t);
    }
  }

  private static void idle(Touchbase t) {
    assertThat(t.unwrap(EngineControl.class).orElseThrow().awaitIdle(Duration.ofSeconds(20)))
        .as("engine became idle").isTrue();
  }

  private static List<Touchpoint> roundOne(Touchbase t) {
    return t.touchpoints().timeline(ContactId.of("c1")).stream()
        .filter(tp -> tp.round().equals(OptionalInt.of(1))).toList();
  }

  private static StaffTask onlyTask(Touchbase t) {
    List<StaffTask> tasks = t.staffTasks().list(StaffTaskQuery.builder().contact(ContactId.of("c1")).build());
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  @Test
  @DisplayName("an accepted send becomes an open CONFIRM_MESSAGE task that agents can list but not take")
  void acceptedSendOpensConfirmationTask() {
    Touchbase t = start(reminder("wecom", "sms"));
    enrollCustomer(t);
    idle(t);

    assertThat(wecom.sent).hasSize(1);
    assertThat(sms.channel().sent()).isEmpty();
    List<Touchpoint> round = roundOne(t);
    assertThat(round).extracting(Touchpoint::kind).containsExactly(TouchpointKind.TASK_CREATED);
    Touchpoint created = round.get(0);
    assertThat(created.channel()).contains("wecom");
    assertThat(created.provider()).contains("wecom-like");
    assertThat(created.providerMessageId()).contains("q-1");
    assertThat(created.dispatchId()).isPresent();
    assertThat(created.reason()).hasValueSatisfying(r -> assertThat(r).contains("waiting for a staff member"));
    assertThat(created.attributes()).containsEntry("deadline", START.plus(DEADLINE).toString())
        .containsKey("taskId");

    StaffTask task = onlyTask(t);
    assertThat(task.kind()).isEqualTo(StaffTaskKind.CONFIRM_MESSAGE);
    assertThat(task.state()).isEqualTo(StaffTaskState.OPEN);
    assertThat(task.queue()).isEqualTo("wecom");
    assertThat(task.deadline()).isEqualTo(START.plus(DEADLINE));
    assertThat(t.staffTasks().claimNext("wecom", "agent-1")).isEmpty();
    assertThatThrownBy(() -> t.staffTasks().claim(task.id(), "agent-1"))
        .isInstanceOf(StaffTaskStateException.class).hasMessageContaining("is a CONFIRM_MESSAGE task");
    assertThatThrownBy(() -> t.staffTasks().complete(task.id(), "agent-1", CallOutcome.noAnswer()))
        .isInstanceOf(StaffTaskStateException.class).hasMessageContaining("can not be completed here");
    assertThatThrownBy(() -> t.staffTasks().revealAddress(task.id(), "agent-1"))
        .isInstanceOf(StaffTaskStateException.class).hasMessageContaining("can not be revealed here");
    assertThat(wecom.polls).as("nothing polled before the first interval").isEmpty();
  }

  @Test
  @DisplayName("the round is sent when the staff member sends it, and moves on without the fallback")
  void sentWhenStaffConfirms() {
    Touchbase t = start(reminder("wecom", "sms"));
    enrollCustomer(t);
    idle(t);

    advance(t, POLL);
    assertThat(wecom.polls).hasSize(1);
    assertThat(wecom.polls.get(0).providerMessageId()).isEqualTo("q-1");
    assertThat(wecom.polls.get(0).to()).isEqualTo(Address.wecomExternalUserId(CORP, "wm-external-1"));
    assertThat(roundOne(t)).extracting(Touchpoint::kind).containsExactly(TouchpointKind.TASK_CREATED);

    wecom.answer = r -> sentBy("staff-zhang");
    advance(t, POLL);
    assertThat(wecom.polls).hasSize(2);
    List<Touchpoint> round = roundOne(t);
    assertThat(round).extracting(Touchpoint::kind)
        .containsExactly(TouchpointKind.TASK_CREATED, TouchpointKind.SENT);
    Touchpoint sent = round.get(1);
    assertThat(sent.channel()).contains("wecom");
    assertThat(sent.providerMessageId()).contains("q-1");
    assertThat(sent.occurredAt()).isEqualTo(START.plus(Duration.ofMinutes(15)));
    assertThat(sent.attributes()).containsEntry("confirmedBy", "staff-zhang");
    StaffTask task = onlyTask(t);
    assertThat(task.state()).isEqualTo(StaffTaskState.COMPLETED);
    assertThat(task.claimedBy()).contains("staff-zhang");

    advance(t, POLL.multipliedBy(3));
    assertThat(wecom.polls).as("no poll after the answer").hasSize(2);
    assertThat(wecom.cancels).isEmpty();
    assertThat(sms.channel().sent()).as("round 1 needs no fallback").isEmpty();

    clock.advance(Duration.ofDays(1));
    idle(t);
    assertThat(sms.channel().sent()).as("round 2").hasSize(1);
  }

  @Test
  @DisplayName("not sent by the deadline: withdrawn at the provider, and the round falls back to SMS with the reason")
  void deadlineWithdrawsAndFallsBack() {
    Touchbase t = start(reminder("wecom", "sms"));
    enrollCustomer(t);
    idle(t);

    advance(t, DEADLINE.minus(POLL));
    assertThat(wecom.polls).hasSize(5);
    assertThat(wecom.cancels).isEmpty();
    assertThat(sms.channel().sent()).isEmpty();

    advance(t, POLL);
    assertThat(wecom.polls).hasSize(6);
    assertThat(wecom.cancels).extracting(StaffConfirmation.ConfirmationRequest::providerMessageId)
        .containsExactly("q-1");
    assertThat(sms.channel().sent()).hasSize(1);
    List<Touchpoint> round = roundOne(t);
    assertThat(round).extracting(Touchpoint::kind)
        .containsExactly(TouchpointKind.TASK_CREATED, TouchpointKind.TASK_EXPIRED, TouchpointKind.SENT);
    Touchpoint expired = round.get(1);
    assertThat(expired.channel()).contains("wecom");
    assertThat(expired.providerMessageId()).contains("q-1");
    assertThat(expired.reason()).hasValueSatisfying(r -> assertThat(r)
        .contains("not sent by staff by its deadline " + START.plus(DEADLINE))
        .contains("withdrawn at the provider")
        .endsWith("; falling back to the round's next channel"));
    assertThat(round.get(2).channel()).contains("sms");
    assertThat(onlyTask(t).state()).isEqualTo(StaffTaskState.EXPIRED);

    advance(t, POLL.multipliedBy(3));
    assertThat(wecom.polls).as("no poll after the deadline").hasSize(6);
    assertThat(wecom.sent).as("WeCom is not used again in the round").hasSize(1);
  }

  @Test
  @DisplayName("not sent by the provider's answer: a FAILED touchpoint with its reason, then the fallback")
  void notSentFallsBack() {
    Touchbase t = start(reminder("wecom", "sms"));
    enrollCustomer(t);
    idle(t);
    wecom.answer = r -> new StaffConfirmation.ConfirmationStatus(StaffConfirmation.ConfirmationStatus.State.NOT_SENT,
        Optional.of("staff-li"), Optional.empty(), "the customer is not a contact of the staff member");

    advance(t, POLL);
    List<Touchpoint> round = roundOne(t);
    assertThat(round).extracting(Touchpoint::kind)
        .containsExactly(TouchpointKind.TASK_CREATED, TouchpointKind.FAILED, TouchpointKind.SENT);
    assertThat(round.get(1).reason()).contains("not sent: the customer is not a contact of the staff member"
        + "; falling back to the round's next channel");
    assertThat(round.get(1).attributes()).containsEntry("staff", "staff-li");
    assertThat(round.get(2).channel()).contains("sms");
    assertThat(wecom.cancels).as("nothing to withdraw").isEmpty();
    assertThat(onlyTask(t).state()).isEqualTo(StaffTaskState.COMPLETED);
  }

  @Test
  @DisplayName("with no channel left the expired round moves on to the next round")
  void expiredWithoutFallbackMovesOn() {
    Touchbase t = start(reminder("wecom"));
    enrollCustomer(t);
    idle(t);

    advance(t, DEADLINE);
    List<Touchpoint> round = roundOne(t);
    assertThat(round).extracting(Touchpoint::kind)
        .containsExactly(TouchpointKind.TASK_CREATED, TouchpointKind.TASK_EXPIRED);
    assertThat(round.get(1).reason()).hasValueSatisfying(r -> assertThat(r).endsWith("; moving on"));
    assertThat(sms.channel().sent()).isEmpty();

    clock.advance(Duration.ofDays(1));
    idle(t);
    assertThat(sms.channel().sent()).as("round 2").hasSize(1);
  }

  @Test
  @DisplayName("a goal while the message waits for staff cancels the task and withdraws the message")
  void goalWithdrawsQueuedMessage() {
    Touchbase t = start(reminder("wecom", "sms"));
    enrollCustomer(t);
    idle(t);
    advance(t, POLL);

    t.events().record(ContactId.of("c1"), "order.paid");
    assertThat(t.cadences().enrollments(ContactId.of("c1")).get(0).state()).isEqualTo(EnrollmentState.CONVERTED);
    assertThat(wecom.cancels).as("withdrawn after the commit").extracting(
        StaffConfirmation.ConfirmationRequest::providerMessageId).containsExactly("q-1");
    List<Touchpoint> round = roundOne(t);
    assertThat(round).extracting(Touchpoint::kind)
        .containsExactly(TouchpointKind.TASK_CREATED, TouchpointKind.TASK_CANCELLED);
    assertThat(round.get(1).reason()).hasValueSatisfying(r -> assertThat(r)
        .contains("enrollment converted").endsWith("the queued message is withdrawn at the provider"));
    assertThat(onlyTask(t).state()).isEqualTo(StaffTaskState.CANCELLED);

    advance(t, DEADLINE);
    assertThat(wecom.polls).as("no poll after the goal").hasSize(1);
    assertThat(sms.channel().sent()).isEmpty();
  }

  @Test
  @DisplayName("a provider that can not be asked is asked again, and given up some polls after the deadline")
  void unansweredPollsGiveUpAfterTheDeadline() {
    Touchbase t = start(reminder("wecom", "sms"));
    enrollCustomer(t);
    idle(t);
    wecom.answer = r -> {
      throw ChannelException.retryable("-1", "WeCom-like system busy");
    };
    wecom.cancelFails = true;

    advance(t, DEADLINE);
    assertThat(wecom.cancels).as("an unanswered poll is not the end at the deadline").isEmpty();
    assertThat(sms.channel().sent()).isEmpty();

    advance(t, POLL.multipliedBy(3));
    assertThat(wecom.cancels).hasSize(1);
    assertThat(sms.channel().sent()).hasSize(1);
    Touchpoint expired = roundOne(t).get(1);
    assertThat(expired.kind()).isEqualTo(TouchpointKind.TASK_EXPIRED);
    assertThat(expired.reason()).hasValueSatisfying(r -> assertThat(r)
        .contains("the provider could not be asked (WeCom-like system busy)")
        .contains("withdrawal at the provider failed: WeCom-like cancel failed"));
  }
}
