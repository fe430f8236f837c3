package io.touchbase.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ChannelConfig;
import io.touchbase.api.ConfigurationException;
import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.callback.CallbackResponse;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.ConsentStatus;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.EngineControl;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ChannelProviderLoader;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupRequest;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.spi.channel.SharedTokens;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.RecordingChannel;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the engine does for channels such as WeChat's, run against every supported database by the
 * subclasses: tokens shared through the database, addresses scoped to an app id, send quotas kept
 * from callbacks, and opt-outs that name one of our dispatches. The channels are test providers
 * that declare these things through the SPI, as the real WeChat and email modules do.
 */
public abstract class ChannelRulesContractTest {
  static final Instant START = Instant.parse("2026-03-02T02:00:00Z"); // 10:00 in Shanghai
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String APP = "wx123";

  protected MutableClock clock;
  protected Database database;
  private final List<Touchbase> opened = new ArrayList<>();

  /** A new empty database of the kind under test. */
  protected abstract Database newDatabase();

  @BeforeEach
  void setUp() {
    clock = MutableClock.at(START);
    database = newDatabase();
  }

  @AfterEach
  void tearDown() {
    opened.forEach(Touchbase::close);
  }

  /**
   * A provider like WeChat's: it sends to openids of its app id, may ask a send quota per template
   * ({@code quotaKeys}: template id to quota key), and reports quota changes and opt-outs through
   * callbacks verified by the header {@code X-Token: s3cret}. A callback body holds one event per
   * line, fields separated by {@code ;}:
   *
   * <ul>
   *   <li>{@code quota=GRANTED|REVOKED|USED;to=<openid>;key=<key>;event=<id>}
   *   <li>{@code block=<openid>} (an opt-out of marketing by address)
   *   <li>{@code optin=<openid>;purpose=<purpose>} (an opt-in the user made at the provider)
   *   <li>{@code unsubscribe=<dispatch id>} (an opt-out of marketing through one of our messages)
   * </ul>
   */
  static final class ScopedProvider implements ChannelProvider {
    final String id;
    final ChannelType type;
    final List<AddressKind> kinds;
    final Optional<String> scope;
    final Map<String, String> quotaKeys;
    final RecordingChannel recording;
    /** Every look-up asked of the channel, in order. */
    final List<LookupRequest> lookups = new CopyOnWriteArrayList<>();
    volatile Optional<SharedTokens> tokens = Optional.empty();

    ScopedProvider(String id, ChannelType type, Optional<String> scope, Map<String, String> quotaKeys,
        AddressKind... kinds) {
      this.id = id;
      this.type = type;
      this.kinds = List.of(kinds);
      this.scope = scope;
      this.quotaKeys = Map.copyOf(quotaKeys);
      this.recording = RecordingChannel.provider(id, type, kinds).create(null);
    }

    static ScopedProvider wechat(String id, String appId, Map<String, String> quotaKeys) {
      return new ScopedProvider(id, ChannelType.WECHAT, Optional.of(appId), quotaKeys, AddressKind.WECHAT_OPENID);
    }

    @Override public String id() { return id; }
    @Override public ChannelType channelType() { return type; }
    @Override public List<AddressKind> requiredAddressKinds() { return kinds; }

    @Override
    public Channel create(ChannelContext context) {
      tokens = context.service(SharedTokens.class);
      return new Channel() {
        @Override public SendResult send(OutboundMessage m) { return recording.send(m); }
        @Override public Optional<String> addressScope() { return scope; }
        @Override public LookupResult lookup(LookupRequest request) {
          lookups.add(request);
          return recording.lookup(request.dispatchId());
        }
        @Override public Optional<String> sendQuotaKey(String templateId) {
          return Optional.ofNullable(quotaKeys.get(templateId));
        }
        @Override public Optional<CallbackHandler> callbackHandler() {
          return Optional.of(ScopedProvider.this::handle);
        }
      };
    }

    private CallbackResult handle(CallbackRequest request) {
      if (!request.header("X-Token").orElse("").equals("s3cret")) {
        throw CallbackRejectedException.unverified("bad token");
      }
      List<ChannelEvent> events = new ArrayList<>();
      for (String line : request.bodyText().split("\n")) {
        Map<String, String> f = new HashMap<>();
        for (String kv : line.split(";")) {
          String[] p = kv.split("=", 2);
          f.put(p[0], p[1]);
        }
        Instant at = Instant.parse("2026-03-01T00:00:00Z");
        if (f.containsKey("quota")) {
          events.add(new ChannelEvent.SendQuotaChange(Address.wechatOpenId(APP, f.get("to")),
              f.get("key"), ChannelEvent.QuotaChange.valueOf(f.get("quota")), at, f.get("event")));
        } else if (f.containsKey("optin")) {
          events.add(new ChannelEvent.OptIn(Address.wechatOpenId(APP, f.get("optin")),
              Purpose.valueOf(f.get("purpose")), at, id + ":follow"));
        } else if (f.containsKey("block")) {
          events.add(new ChannelEvent.OptOut(Address.wechatOpenId(APP, f.get("block")),
              Purpose.MARKETING, at, id + ":user block"));
        } else {
          events.add(new ChannelEvent.DispatchOptOut(DispatchId.of(f.get("unsubscribe")),
              Purpose.MARKETING, at, id + ":one-click"));
        }
      }
      return new CallbackResult(events, CallbackResponse.ok("text/plain", "success"));
    }
  }

  protected Touchbase start(String instance, Consumer<Touchbase.Builder> custom) {
    Touchbase.Builder b = Touchbase.builder()
        .database(database)
        .clock(clock)
        .instanceName(instance)
        .channelProviderLoader(ChannelProviderLoader.of())
        .quietHours(QuietHours.none())
        .defaultZone(SHANGHAI)
        .pollingInterval(Duration.ofMillis(20))
        .schedulerThreads(2)
        .retryBackoff(Duration.ofMinutes(1));
    custom.accept(b);
    Touchbase t = b.build();
    opened.add(t);
    return t;
  }

  static EngineControl control(Touchbase t) {
    return t.unwrap(EngineControl.class).orElseThrow();
  }

  static void idle(Touchbase t) {
    assertThat(control(t).awaitIdle(Duration.ofSeconds(20))).as("engine became idle").isTrue();
  }

  /** A plain JDBC connection to the database under test. */
  protected Connection connect() throws Exception {
    if (database instanceof Database.Jdbc j) {
      return DriverManager.getConnection(j.url(), j.user(), j.password());
    }
    Database.H2InMemory m = (Database.H2InMemory) database;
    return DriverManager.getConnection("jdbc:h2:mem:" + m.name() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  // ---- shared tokens ------------------------------------------------------------------------

  @Test
  @DisplayName("channels of two engines on one database are offered the same tokens, kept in that database")
  void channelsShareTokensThroughTheDatabase() throws Exception {
    ScopedProvider pa = ScopedProvider.wechat("wechat-a", APP, Map.of());
    ScopedProvider pb = ScopedProvider.wechat("wechat-b", APP, Map.of());
    start("node-a", b -> b.addChannelProvider(pa).channel("wechat", "wechat-a"));
    start("node-b", b -> b.addChannelProvider(pb).channel("wechat", "wechat-b"));
    SharedTokens a = pa.tokens.orElseThrow();
    SharedTokens b = pb.tokens.orElseThrow();
    int[] fetches = {0};
    SharedTokens.TokenSource source = () -> new SharedTokens.IssuedToken("t" + ++fetches[0], START.plusSeconds(7200));
    assertThat(a.token("wechat:" + APP, source)).isEqualTo("t1");
    assertThat(b.token("wechat:" + APP, source)).isEqualTo("t1");
    assertThat(b.replace("wechat:" + APP, "t1", source)).isEqualTo("t2");
    assertThat(a.replace("wechat:" + APP, "t1", source)).isEqualTo("t2");
    assertThat(fetches[0]).isEqualTo(2);
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select token_key, fetched_by from tb_provider_token")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("wechat:" + APP);
      assertThat(rs.getString(2)).isEqualTo("node-b");
      assertThat(rs.next()).isFalse();
    }
  }

  // ---- scoped addresses ---------------------------------------------------------------------

  protected ScopedProvider wechat;
  protected RecordingChannel.Provider smsProvider;

  static final String NOTICE = "order-notice";

  /** An engine with channel {@code wechat} (app {@link #APP}) and channel {@code sms}, and templates. */
  protected Touchbase startWithWechat(Map<String, String> quotaKeys, Consumer<Touchbase.Builder> custom) {
    wechat = ScopedProvider.wechat("wechat-test", APP, quotaKeys);
    smsProvider = RecordingChannel.provider("recording-sms", ChannelType.SMS, AddressKind.PHONE);
    return start("node-a", b -> {
      b.addChannelProvider(wechat).addChannelProvider(smsProvider)
          .channel("wechat", "wechat-test")
          .channel("sms", "recording-sms")
          .template(NOTICE, "Your order {{order}} has shipped.")
          .template("promo", "Members save {{offer}} this week.");
      custom.accept(b);
    });
  }

  static CadenceDefinition notice(String... channels) {
    return CadenceDefinition.builder("notice")
        .purpose(Purpose.TRANSACTIONAL)
        .round(r -> r.channels(channels).template(NOTICE).variable("order", "A-1001"))
        .build();
  }

  static List<Touchpoint> timeline(Touchbase t, String contactId) {
    return t.touchpoints().timeline(ContactId.of(contactId));
  }

  static ContactId id(String contactId) {
    return ContactId.of(contactId);
  }

  @Test
  @DisplayName("a scoped channel sends to its app's openid; another app's does not count, and the reason names the app")
  void scopedAddresses() {
    Touchbase t = startWithWechat(Map.of(), b -> b.cadence(notice("wechat", "sms")));
    t.contacts().upsert(Contact.builder("both")
        .address(Address.wechatOpenId("wx000", "o-other-app"))
        .address(Address.wechatOpenId(APP, "o-our-app"))
        .phone("+8613800000001").build());
    t.contacts().upsert(Contact.builder("other-app")
        .address(Address.wechatOpenId("wx000", "o-other-2"))
        .phone("+8613800000002").build());
    t.contacts().upsert(Contact.builder("nothing")
        .address(Address.wechatOpenId("wx000", "o-other-3")).build());
    for (String who : List.of("both", "other-app", "nothing")) {
      t.cadences().enroll(id(who), "notice");
    }
    idle(t);

    assertThat(wechat.recording.sent()).singleElement().satisfies(m -> {
      assertThat(m.contactId()).isEqualTo(id("both"));
      assertThat(m.to()).isEqualTo(Address.wechatOpenId(APP, "o-our-app"));
    });
    String noOpenId = "channel 'wechat': contact has no wechat-openid address for app wx123";
    assertThat(smsProvider.channel().sent()).singleElement()
        .satisfies(m -> assertThat(m.contactId()).isEqualTo(id("other-app")));
    assertThat(timeline(t, "other-app")).singleElement().satisfies(tp -> {
      assertThat(tp.kind()).isEqualTo(TouchpointKind.SENT);
      assertThat(tp.channel()).hasValue("sms");
      assertThat(tp.reason()).hasValue(noOpenId);
    });
    assertThat(timeline(t, "both")).singleElement().satisfies(tp -> assertThat(tp.reason()).isEmpty());
    assertThat(timeline(t, "nothing")).singleElement().satisfies(tp -> {
      assertThat(tp.kind()).isEqualTo(TouchpointKind.SUPPRESSED);
      assertThat(tp.reason()).hasValue(noOpenId + "; channel 'sms': contact has no phone address");
    });
  }

  @Test
  @DisplayName("a channel whose providers declare different app ids fails the build, naming the channel")
  void differentScopesInOneChannel() {
    ScopedProvider first = ScopedProvider.wechat("wechat-one", APP, Map.of());
    ScopedProvider second = ScopedProvider.wechat("wechat-two", "wx999", Map.of());
    assertThatThrownBy(() -> start("node-a", b -> b
            .addChannelProvider(first).addChannelProvider(second)
            .channel(ChannelConfig.builder("wechat").provider("wechat-one").provider("wechat-two").build())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Channel 'wechat': its providers declare different address scopes")
        .hasMessageContaining("wechat-one=wx123").hasMessageContaining("wechat-two=wx999");
  }

  @Test
  @DisplayName("an interrupted send on a scoped channel is looked up by the openid of the channel's app")
  void interruptedSendLookedUpByScopedAddress() throws Exception {
    CadenceDefinition later = CadenceDefinition.builder("later")
        .purpose(Purpose.TRANSACTIONAL)
        .round(r -> r.waitFor(Duration.ofDays(1)).channel("wechat").template(NOTICE).variable("order", "A-1"))
        .build();
    Touchbase t = startWithWechat(Map.of(), b -> b.cadence(later));
    Address ours = Address.wechatOpenId(APP, "o-our-app");
    t.contacts().upsert(Contact.builder("u1")
        .address(Address.wechatOpenId("wx000", "o-other-app")).address(ours).build());
    long enrollment = t.cadences().enroll(id("u1"), "later").id().value();
    t.close();
    // The process died after the provider accepted the message and before the engine recorded it.
    clock.advance(Duration.ofDays(1));
    Instant now = clock.instant();
    try (Connection c = connect(); var ps = c.prepareStatement("update scheduled_tasks set picked = true,"
        + " picked_by = 'dead-node', last_heartbeat = ?, execution_time = ?, version = version + 1"
        + " where task_instance = ?")) {
      ps.setTimestamp(1, Timestamp.from(now.minusSeconds(1)));
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setString(3, Long.toString(enrollment));
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    String dispatch = "e" + enrollment + "r1a1";
    ScopedProvider before = wechat;
    before.recording.send(new OutboundMessage(DispatchId.of(dispatch), "wechat", id("u1"), ours,
        Purpose.TRANSACTIONAL, NOTICE, Map.of(), Optional.empty(), Optional.empty()));
    ScopedProvider after = ScopedProvider.wechat("wechat-test", APP, Map.of());
    Touchbase recovered = start("node-b", b -> b.addChannelProvider(after)
        .addChannelProvider(RecordingChannel.provider("recording-sms", ChannelType.SMS, AddressKind.PHONE))
        .channel("wechat", "wechat-test").channel("sms", "recording-sms")
        .template(NOTICE, "Your order {{order}} has shipped.").cadence(later)
        .heartbeatInterval(Duration.ofMillis(100)).attributionWindow(Duration.ZERO));
    // The new instance's channel answers from what the old one sent.
    after.recording.send(before.recording.sent().get(0));
    idle(recovered);
    clock.advance(Duration.ofMinutes(5));
    idle(recovered);

    assertThat(after.lookups).singleElement().satisfies(r -> {
      assertThat(r.dispatchId().value()).isEqualTo(dispatch);
      assertThat(r.to()).isEqualTo(ours);
    });
    assertThat(after.recording.sent()).as("nothing sent again").hasSize(1);
    assertThat(timeline(recovered, "u1")).singleElement().satisfies(tp -> {
      assertThat(tp.kind()).isEqualTo(TouchpointKind.SENT);
      assertThat(tp.attributes()).containsEntry("recovered", "true");
    });
  }

  // ---- send quotas --------------------------------------------------------------------------

  static final String QUOTA_KEY = "tpl-ship";

  /** Three transactional rounds a day apart, each on wechat, else sms. */
  static CadenceDefinition notices() {
    return CadenceDefinition.builder("notices")
        .purpose(Purpose.TRANSACTIONAL)
        .round(r -> r.channels("wechat", "sms").template(NOTICE).variable("order", "A-1"))
        .round(r -> r.waitFor(Duration.ofDays(1)).channels("wechat", "sms").template(NOTICE).variable("order", "A-2"))
        .round(r -> r.waitFor(Duration.ofDays(1)).channels("wechat", "sms").template(NOTICE).variable("order", "A-3"))
        .build();
  }

  protected Touchbase startWithQuotas() {
    return startWithWechat(Map.of(NOTICE, QUOTA_KEY), b -> b.cadence(notices()).attributionWindow(Duration.ZERO));
  }

  static CallbackResponse callback(Touchbase t, String body) {
    return t.callbacks().handle(CallbackRequest.builder("wechat").url("https://shop.example/hooks/wechat")
        .header("X-Token", "s3cret").body(body).build());
  }

  static String quota(String change, String event) {
    return "quota=" + change + ";to=o-1;key=" + QUOTA_KEY + ";event=" + event;
  }

  static Contact subscriber() {
    return Contact.builder("u1")
        .address(Address.wechatOpenId(APP, "o-1")).phone("+8613800000001").build();
  }

  /** The count stored for the subscriber's openid, as the next round would read it. */
  protected int remaining() throws Exception {
    try (Connection c = connect(); var ps = c.prepareStatement("select remaining from tb_send_quota where address_kind"
        + " = 'wechat-openid' and address_scope = ? and address = 'o-1' and quota_key = ?")) {
      ps.setString(1, APP);
      ps.setString(2, QUOTA_KEY);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  protected void runRounds(Touchbase t, int days) {
    idle(t);
    for (int d = 0; d < days; d++) {
      clock.advance(Duration.ofDays(1));
      idle(t);
    }
  }

  static final String NO_QUOTA =
      "channel 'wechat': no send quota left for 'tpl-ship' (needs the recipient's subscription)";

  /** Each round's channel and the reason on its SENT or SUPPRESSED touchpoint. */
  static List<String> rounds(Touchbase t) {
    return timeline(t, "u1").stream()
        .map(tp -> tp.round().getAsInt() + " " + tp.kind() + " " + tp.channel().orElse("-") + " "
            + tp.reason().orElse(""))
        .toList();
  }

  @Test
  @DisplayName("send quota: none left falls back to the round's next channel, the reason on the touchpoint")
  void noQuotaFallsBack() throws Exception {
    Touchbase t = startWithQuotas();
    t.contacts().upsert(subscriber());
    t.cadences().enroll(id("u1"), "notices");
    idle(t);
    assertThat(wechat.recording.sent()).isEmpty();
    assertThat(smsProvider.channel().sent()).hasSize(1);
    assertThat(rounds(t)).containsExactly("1 SENT sms " + NO_QUOTA);
  }

  @Test
  @DisplayName("send quota: two grants (one pushed twice), before the contact exists, allow two sends; then fallback")
  void grantsCountOnceEach() throws Exception {
    Touchbase t = startWithQuotas();
    assertThat(callback(t, quota("GRANTED", "g1")).status()).isEqualTo(200);
    assertThat(callback(t, quota("GRANTED", "g1") + "\n" + quota("GRANTED", "g2")).status()).isEqualTo(200);
    assertThat(callback(t, quota("GRANTED", "g2")).status()).isEqualTo(200);
    assertThat(remaining()).isEqualTo(2);
    t.contacts().upsert(subscriber());
    t.cadences().enroll(id("u1"), "notices");
    runRounds(t, 2);
    assertThat(wechat.recording.sent()).extracting(m -> m.variables().get("order")).containsExactly("A-1", "A-2");
    assertThat(smsProvider.channel().sent()).extracting(m -> m.variables().get("order")).containsExactly("A-3");
    assertThat(rounds(t)).containsExactly("1 SENT wechat ", "2 SENT wechat ", "3 SENT sms " + NO_QUOTA);
    assertThat(remaining()).isZero();
  }

  @Test
  @DisplayName("send quota: a provider refusal for want of quota sets the count to 0 and the round falls back")
  void providerRefusalResetsQuota() throws Exception {
    Touchbase t = startWithQuotas();
    callback(t, quota("GRANTED", "g1") + "\n" + quota("GRANTED", "g2"));
    assertThat(remaining()).isEqualTo(2);
    wechat.recording.failNext(ChannelException.noQuotaLeft("43101", "user refused the subscribe template"));
    t.contacts().upsert(subscriber());
    t.cadences().enroll(id("u1"), "notices");
    runRounds(t, 2);
    assertThat(remaining()).as("the provider knows better than our count").isZero();
    assertThat(wechat.recording.sent()).as("not asked again after the refusal").isEmpty();
    assertThat(smsProvider.channel().sent()).extracting(m -> m.variables().get("order"))
        .containsExactly("A-1", "A-2", "A-3");
    assertThat(rounds(t)).containsExactly(
        "1 FAILED wechat wechat-test: 43101 user refused the subscribe template; no send quota left for"
            + " 'tpl-ship': the count is now 0",
        "1 SENT sms channel 'wechat' already failed this round: wechat-test: 43101 user refused the subscribe"
            + " template; no send quota left for 'tpl-ship': the count is now 0",
        "2 SENT sms " + NO_QUOTA,
        "3 SENT sms " + NO_QUOTA);
  }

  @Test
  @DisplayName("send quota: a revocation takes every grant back")
  void revokedLeavesNone() throws Exception {
    Touchbase t = startWithQuotas();
    callback(t, quota("GRANTED", "g1") + "\n" + quota("GRANTED", "g2") + "\n" + quota("REVOKED", "r1"));
    assertThat(remaining()).isZero();
    callback(t, quota("GRANTED", "g1"));
    assertThat(remaining()).as("a grant pushed again after the revocation is still the same grant").isZero();
    t.contacts().upsert(subscriber());
    t.cadences().enroll(id("u1"), "notices");
    idle(t);
    assertThat(wechat.recording.sent()).isEmpty();
    assertThat(rounds(t)).containsExactly("1 SENT sms " + NO_QUOTA);
  }

  @Test
  @DisplayName("send quota: the report of our own send counts once; a send made elsewhere uses one")
  void usedCountsOncePerMessage() throws Exception {
    Touchbase t = startWithQuotas();
    callback(t, quota("GRANTED", "g1") + "\n" + quota("GRANTED", "g2") + "\n" + quota("GRANTED", "g3"));
    t.contacts().upsert(subscriber());
    t.cadences().enroll(id("u1"), "notices");
    idle(t);
    String messageId = timeline(t, "u1").get(0).providerMessageId().orElseThrow();
    assertThat(remaining()).as("our send used one").isEqualTo(2);
    callback(t, quota("USED", "msg:" + messageId));
    assertThat(remaining()).as("the provider's report of that send").isEqualTo(2);
    callback(t, quota("USED", "msg:sent-from-the-console"));
    callback(t, quota("USED", "msg:sent-from-the-console"));
    assertThat(remaining()).as("another send, reported twice").isEqualTo(1);
    runRounds(t, 2);
    assertThat(rounds(t)).containsExactly("1 SENT wechat ", "2 SENT wechat ", "3 SENT sms " + NO_QUOTA);
    callback(t, quota("USED", "msg:one-more"));
    assertThat(remaining()).as("never below zero").isZero();
  }

  @Test
  @DisplayName("send quota: with no other channel the round is suppressed with every reason")
  void noQuotaAndNoOtherChannelSuppresses() throws Exception {
    Touchbase t = startWithQuotas();
    t.contacts().upsert(Contact.builder("u1")
        .address(Address.wechatOpenId(APP, "o-1")).build());
    t.cadences().enroll(id("u1"), "notices");
    idle(t);
    assertThat(rounds(t))
        .containsExactly("1 SUPPRESSED - " + NO_QUOTA + "; channel 'sms': contact has no phone address");
  }

  // ---- opt-outs by dispatch, idempotent opt-outs ----------------------------------------------

  /** Two marketing rounds two days apart on wechat only. */
  static CadenceDefinition promo() {
    return CadenceDefinition.builder("promo")
        .purpose(Purpose.MARKETING)
        .round(r -> r.channel("wechat").template("promo").variable("offer", "10%"))
        .round(r -> r.waitFor(Duration.ofDays(2)).channel("wechat").template("promo").variable("offer", "20%"))
        .build();
  }

  /** The subscriber, opted in to marketing on WeChat a month ago. */
  static Contact marketingSubscriber() {
    return subscriber().toBuilder().consent(Consent.optIn(ChannelType.WECHAT,
        Purpose.MARKETING, START.minus(Duration.ofDays(30)), "signup form")).build();
  }

  protected int optOutRows() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select count(*) from tb_consent where contact_id = 'u1' and status = 'OPTED_OUT'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static List<TouchpointKind> kinds(Touchbase t) {
    return timeline(t, "u1").stream().map(Touchpoint::kind).toList();
  }

  @Test
  @DisplayName("an opt-out through one of our messages, posted twice, records one; the next round is suppressed")
  void optOutByDispatch() throws Exception {
    Touchbase t = startWithWechat(Map.of(), b -> b.cadence(promo()));
    t.contacts().upsert(marketingSubscriber());
    t.cadences().enroll(id("u1"), "promo");
    idle(t);
    String dispatch = timeline(t, "u1").get(0).dispatchId().orElseThrow();
    assertThat(callback(t, "unsubscribe=" + dispatch).status()).isEqualTo(200);
    assertThat(callback(t, "unsubscribe=" + dispatch).status()).isEqualTo(200);
    assertThat(optOutRows()).isEqualTo(1);
    assertThat(t.contacts().find(id("u1")).orElseThrow()
        .consent(ChannelType.WECHAT, Purpose.MARKETING)).get().satisfies(k -> {
          assertThat(k.status()).isEqualTo(ConsentStatus.OPTED_OUT);
          assertThat(k.source()).isEqualTo("wechat-test:one-click");
        });
    clock.advance(Duration.ofDays(2));
    idle(t);
    assertThat(kinds(t)).containsExactly(TouchpointKind.SENT, TouchpointKind.UNSUBSCRIBED, TouchpointKind.SUPPRESSED);
    Touchpoint unsubscribed = timeline(t, "u1").get(1);
    assertThat(unsubscribed.dispatchId()).hasValue(dispatch);
    assertThat(unsubscribed.channel()).hasValue("wechat");
    assertThat(unsubscribed.round()).hasValue(1);
    assertThat(unsubscribed.reason()).hasValue("wechat-test:one-click");
    assertThat(timeline(t, "u1").get(2).reason())
        .hasValue("channel 'wechat': contact opted out of marketing on wechat (wechat-test:one-click)");
    assertThat(wechat.recording.sent()).hasSize(1);
  }

  @Test
  @DisplayName("an opt-out through an unknown dispatch records nothing")
  void optOutByUnknownDispatch() throws Exception {
    Touchbase t = startWithWechat(Map.of(), b -> b.cadence(promo()));
    t.contacts().upsert(marketingSubscriber());
    t.cadences().enroll(id("u1"), "promo");
    idle(t);
    assertThat(callback(t, "unsubscribe=e999r1a1").status()).isEqualTo(200);
    assertThat(optOutRows()).isZero();
    clock.advance(Duration.ofDays(2));
    idle(t);
    assertThat(kinds(t)).containsExactly(TouchpointKind.SENT, TouchpointKind.SENT);
  }

  @Test
  @DisplayName("a block pushed again, then an opt-out by dispatch, leave one opt-out and one UNSUBSCRIBED touchpoint")
  void repeatedOptOutsRecordOnce() throws Exception {
    Touchbase t = startWithWechat(Map.of(), b -> b.cadence(promo()));
    t.contacts().upsert(marketingSubscriber());
    t.cadences().enroll(id("u1"), "promo");
    idle(t);
    String dispatch = timeline(t, "u1").get(0).dispatchId().orElseThrow();
    callback(t, "block=o-1");
    callback(t, "block=o-1");
    callback(t, "unsubscribe=" + dispatch);
    assertThat(optOutRows()).isEqualTo(1);
    clock.advance(Duration.ofDays(2));
    idle(t);
    assertThat(kinds(t)).containsExactly(TouchpointKind.SENT, TouchpointKind.UNSUBSCRIBED, TouchpointKind.SUPPRESSED);
    assertThat(timeline(t, "u1").get(1).reason()).hasValue("wechat-test:user block");
    assertThat(timeline(t, "u1").get(2).reason()).get().asString().contains("opted out of marketing on wechat");
  }

  @Test
  @DisplayName("an opt-in the provider reports restores the purpose once; from an unknown address it records nothing")
  void providerOptInRestoresOnce() throws Exception {
    Touchbase t = startWithWechat(Map.of(), b -> b.cadence(promo()));
    t.contacts().upsert(marketingSubscriber());
    t.cadences().enroll(id("u1"), "promo");
    idle(t);
    callback(t, "block=o-1");
    assertThat(t.contacts().find(id("u1")).orElseThrow().consent(ChannelType.WECHAT, Purpose.MARKETING))
        .get().extracting(Consent::status).isEqualTo(ConsentStatus.OPTED_OUT);
    callback(t, "optin=o-1;purpose=MARKETING");
    callback(t, "optin=o-1;purpose=MARKETING");
    callback(t, "optin=o-unknown;purpose=MARKETING");
    assertThat(t.contacts().find(id("u1")).orElseThrow().consent(ChannelType.WECHAT, Purpose.MARKETING))
        .get().satisfies(k -> {
          assertThat(k.status()).isEqualTo(ConsentStatus.OPTED_IN);
          assertThat(k.source()).isEqualTo("wechat-test:follow");
        });
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select count(*) from tb_consent where contact_id = 'u1' and source = 'wechat-test:follow'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("the repeated opt-in records nothing new").isEqualTo(1);
    }
    clock.advance(Duration.ofDays(2));
    idle(t);
    assertThat(kinds(t)).containsExactly(TouchpointKind.SENT, TouchpointKind.UNSUBSCRIBED, TouchpointKind.SENT);
  }
}
