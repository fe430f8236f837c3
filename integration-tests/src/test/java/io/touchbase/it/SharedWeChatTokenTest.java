package io.touchbase.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchbase.api.ChannelConfig;
import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.event.TouchbaseListener;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.EngineControl;
import io.touchbase.core.engine.TestDatabase;
import io.touchbase.it.FakeWeChat.Exchange;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.logging.PiiLeakAppender;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two engine instances on one PostgreSQL database, each with the real {@code wechat-template}
 * provider, against one fake WeChat API: they share one access token through the database, so
 * one {@code stable_token} request serves both; and when WeChat refuses the token with 40001,
 * one {@code stable_token} request between them gets the next one, also when both instances meet
 * the refusal at the same moment.
 *
 * <p>Which instance sends is decided by the test: the instances poll for due rounds only once an
 * hour, so a round runs on the instance whose own call (an enrolment, {@code awaitIdle}) made it
 * look. Each instance's listener records the dispatch ids it sent, which the requests carry as
 * {@code client_msg_id}.
 */
class SharedWeChatTokenTest {
  static final Instant START = Instant.parse("2026-03-02T02:00:00Z"); // Monday 10:00 in Shanghai
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String CHANNEL = "wechat-template";
  static final String CADENCE = "points-expiring";
  static final String TEMPLATE = "points-expiring";
  static final String ENGINE_A = "engine-a";
  static final String ENGINE_B = "engine-b";
  static final int CONTACTS = 8;
  static final String TOKEN_1 = FakeWeChat.TOKENS.get(0);
  static final String TOKEN_2 = FakeWeChat.TOKENS.get(1);
  /** providers.md §4.1: appid and secret in the JSON body, never in the URL; no forced refresh. */
  static final String TOKEN_REQUEST = "{\"grant_type\":\"client_credential\",\"appid\":\"" + FakeWeChat.APP_ID
      + "\",\"secret\":\"" + FakeWeChat.APP_SECRET + "\",\"force_refresh\":false}";
  static final Duration WAIT = Duration.ofSeconds(20);
  static final ObjectMapper JSON = new ObjectMapper();

  static {
    // No log line may hold the app secret, an access token or an openid.
    PiiLeakAppender.forbid(FakeWeChat.APP_SECRET);
    PiiLeakAppender.forbid(FakeWeChat.TOKENS.toArray(String[]::new));
    for (int n = 1; n <= CONTACTS; n++) {
      PiiLeakAppender.forbid(openid(n));
    }
  }

  private final Map<String, Set<String>> sentBy = new ConcurrentHashMap<>();
  private final List<Touchbase> opened = new ArrayList<>();
  private MutableClock clock;
  private FakeWeChat wechat;
  private Touchbase a;
  private Touchbase b;

  @BeforeEach
  void setUp() throws IOException {
    clock = MutableClock.at(START);
    wechat = new FakeWeChat();
    Database database = TestDatabase.postgres();
    // B first: its start-up look for due rounds is long over once A is built and contacts are enrolled.
    b = start(database, ENGINE_B);
    a = start(database, ENGINE_A);
  }

  @AfterEach
  void tearDown() throws IOException {
    opened.forEach(Touchbase::close);
    wechat.close();
  }

  private Touchbase start(Database database, String instance) {
    Touchbase t = Touchbase.builder()
        .database(database)
        .instanceName(instance)
        .clock(clock)
        .defaultZone(SHANGHAI)
        .quietHours(QuietHours.none())
        // Only this instance's own calls make it look for due rounds in these tests.
        .pollingInterval(Duration.ofHours(1))
        .addListener(new TouchbaseListener() {
          @Override
          public void onTouchpoint(Touchpoint touchpoint) {
            if (touchpoint.kind() == TouchpointKind.SENT) {
              sentBy.computeIfAbsent(instance, i -> ConcurrentHashMap.newKeySet())
                  .add(touchpoint.dispatchId().orElseThrow());
            }
          }
        })
        .channel(ChannelConfig.builder(CHANNEL)
            .provider("wechat-template", p -> p.setting("appId", FakeWeChat.APP_ID)
                .setting("baseUrl", wechat.baseUrl())
                .setting("template." + TEMPLATE + ".code", FakeWeChat.TEMPLATE_CODE)
                .setting("template." + TEMPLATE + ".params", "keyword1:name,keyword2:points")
                .secret("appSecret", FakeWeChat.APP_SECRET))
            .build())
        .cadence(CadenceDefinition.builder(CADENCE)
            .purpose(Purpose.TRANSACTIONAL)
            .round(r -> r.channel(CHANNEL).template(TEMPLATE).variable("points", "1200"))
            .build())
        .build();
    opened.add(t);
    return t;
  }

  static String openid(int n) {
    return String.format("oTbQx7Lm2Vn9Rk4Wp1Zs6Yd%05d", n);
  }

  static String contact(int n) {
    return "m" + n;
  }

  /** Upserts member {@code n} with an openid of the app and enrols them through {@code t}. */
  static String enroll(Touchbase t, int n) {
    t.contacts().upsert(Contact.builder(contact(n))
        .address(Address.wechatOpenId(FakeWeChat.APP_ID, openid(n)))
        .attribute("name", "会员" + n)
        .timeZone(SHANGHAI)
        .build());
    t.cadences().enroll(ContactId.of(contact(n)), CADENCE);
    return contact(n);
  }

  static void idle(Touchbase t) {
    assertThat(t.unwrap(EngineControl.class).orElseThrow().awaitIdle(WAIT)).isTrue();
  }

  /** The contact's one touchpoint, which must be SENT on the WeChat channel. */
  private Touchpoint sent(int n) {
    List<Touchpoint> timeline = a.touchpoints().timeline(ContactId.of(contact(n)));
    assertThat(timeline).as("touchpoints of %s", contact(n)).singleElement().satisfies(tp -> {
      assertThat(tp.kind()).isEqualTo(TouchpointKind.SENT);
      assertThat(tp.channel()).hasValue(CHANNEL);
      assertThat(tp.provider()).hasValue("wechat-template");
    });
    return timeline.get(0);
  }

  private String dispatch(int n) {
    return sent(n).dispatchId().orElseThrow();
  }

  /** The template sends of one dispatch, in arrival order. */
  private List<Exchange> sendsOf(String dispatchId) {
    return wechat.sends().stream().filter(s -> clientMsgId(s).equals(dispatchId)).toList();
  }

  private static String clientMsgId(Exchange send) {
    try {
      return JSON.readTree(send.body()).path("client_msg_id").asText();
    } catch (IOException e) {
      throw new AssertionError("a send whose body is not JSON", e);
    }
  }

  private Set<String> sentBy(String instance) {
    return sentBy.getOrDefault(instance, Set.of());
  }

  private static void assertTokenRequest(Exchange r) {
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.query()).as("nothing in the URL of a token request").isEmpty();
    assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(r.body()).isEqualTo(TOKEN_REQUEST);
  }

  /** Member {@code n}'s send, exact, carrying {@code token}, and what it was answered. */
  private static void assertSend(Exchange s, int n, String dispatchId, String token, int errcode) {
    assertThat(s.method()).isEqualTo("POST");
    assertThat(s.query()).hasValue("access_token=" + token);
    assertThat(s.contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(s.body()).isEqualTo("{\"touser\":\"" + openid(n) + "\",\"template_id\":\"" + FakeWeChat.TEMPLATE_CODE
        + "\",\"client_msg_id\":\"" + dispatchId + "\",\"data\":{\"keyword1\":{\"value\":\"会员" + n + "\"},"
        + "\"keyword2\":{\"value\":\"1200\"}}}");
    assertThat(s.errcode()).isEqualTo(errcode);
  }

  /** Member {@code n} was sent once, by {@code instance}, with {@code token} at the first try. */
  private void assertSentAtOnce(int n, String instance, String token) {
    assertThat(sentBy(instance)).as("sent by %s", instance).contains(sentAtOnce(n, token));
  }

  /** Member {@code n} was sent once, with {@code token} at the first try; returns the dispatch id. */
  private String sentAtOnce(int n, String token) {
    Touchpoint tp = sent(n);
    String dispatchId = tp.dispatchId().orElseThrow();
    List<Exchange> sends = sendsOf(dispatchId);
    assertThat(sends).as("sends of %s", contact(n)).hasSize(1);
    assertSend(sends.get(0), n, dispatchId, token, 0);
    assertThat(tp.providerMessageId()).isEqualTo(sends.get(0).msgid());
    return dispatchId;
  }

  /**
   * Member {@code n} was sent by {@code instance}: first with the refused token 1, answered 40001,
   * then once more with token 2, accepted.
   */
  private void assertSentAfterRefusal(int n, String instance) {
    Touchpoint tp = sent(n);
    String dispatchId = tp.dispatchId().orElseThrow();
    assertThat(sentBy(instance)).as("sent by %s", instance).contains(dispatchId);
    List<Exchange> sends = sendsOf(dispatchId);
    assertThat(sends).as("sends of %s", contact(n)).hasSize(2);
    assertSend(sends.get(0), n, dispatchId, TOKEN_1, 40001);
    assertSend(sends.get(1), n, dispatchId, TOKEN_2, 0);
    assertThat(tp.providerMessageId()).isEqualTo(sends.get(1).msgid());
  }

  @Test
  @DisplayName("two instances send with one token, and after a 40001 one refresh serves both")
  void oneTokenThenOneRefresh() {
    enroll(a, 1);
    enroll(a, 2);
    idle(a);
    enroll(b, 3);
    enroll(b, 4);
    idle(b);

    assertThat(wechat.tokenRequests()).as("one token for both instances").singleElement()
        .satisfies(SharedWeChatTokenTest::assertTokenRequest);
    assertThat(wechat.sends()).hasSize(4);
    assertSentAtOnce(1, ENGINE_A, TOKEN_1);
    assertSentAtOnce(2, ENGINE_A, TOKEN_1);
    assertSentAtOnce(3, ENGINE_B, TOKEN_1);
    assertSentAtOnce(4, ENGINE_B, TOKEN_1);
    assertThat(sentBy(ENGINE_A)).hasSize(2);
    assertThat(sentBy(ENGINE_B)).hasSize(2);

    // WeChat ends token 1: A's next send is refused, A fetches token 2 and sends once more.
    wechat.invalidateToken();
    enroll(a, 5);
    idle(a);
    assertThat(wechat.tokenRequests()).as("one refresh").hasSize(2)
        .allSatisfy(SharedWeChatTokenTest::assertTokenRequest);
    assertSentAfterRefusal(5, ENGINE_A);

    // B still holds token 1: refused once, it takes token 2 from the database without asking WeChat.
    enroll(b, 6);
    idle(b);
    assertSentAfterRefusal(6, ENGINE_B);
    assertThat(wechat.tokenRequests()).as("B fetched nothing").hasSize(2);

    // From now on both send with token 2 at once.
    enroll(b, 7);
    idle(b);
    enroll(a, 8);
    idle(a);
    assertSentAtOnce(7, ENGINE_B, TOKEN_2);
    assertSentAtOnce(8, ENGINE_A, TOKEN_2);
    assertThat(wechat.tokenRequests()).hasSize(2);
    assertThat(wechat.sends()).as("4 with token 1, 2 refused and sent again, 2 with token 2").hasSize(10);
    assertThat(sentBy(ENGINE_A)).containsExactlyInAnyOrder(dispatch(1), dispatch(2), dispatch(5), dispatch(8));
    assertThat(sentBy(ENGINE_B)).containsExactlyInAnyOrder(dispatch(3), dispatch(4), dispatch(6), dispatch(7));
  }

  @Test
  @DisplayName("both instances meet the 40001 at the same moment: still one refresh")
  void concurrentRefusalsOneRefresh() throws Exception {
    enroll(a, 1);
    idle(a);
    enroll(b, 2);
    idle(b);
    assertSentAtOnce(1, ENGINE_A, TOKEN_1);
    assertSentAtOnce(2, ENGINE_B, TOKEN_1);

    // Both instances now hold token 1. WeChat ends it, and answers their next sends only once both arrived.
    wechat.invalidateToken();
    wechat.holdRefusedSends(2);
    enroll(a, 3);
    assertThat(wechat.awaitHeldSend(WAIT)).as("A's send arrived").isTrue();
    enroll(b, 4);
    assertThat(wechat.awaitHeldSend(WAIT)).as("B's send arrived").isTrue();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> idle = pool.invokeAll(List.<Callable<Boolean>>of(
          () -> a.unwrap(EngineControl.class).orElseThrow().awaitIdle(WAIT),
          () -> b.unwrap(EngineControl.class).orElseThrow().awaitIdle(WAIT)));
      for (Future<Boolean> f : idle) {
        assertThat(f.get()).isTrue();
      }
      assertThat(wechat.answeredTogether()).as("both refusals were answered at once").isEqualTo(2);
      assertThat(wechat.tokenRequests()).as("one refresh between the two instances").hasSize(2)
          .allSatisfy(SharedWeChatTokenTest::assertTokenRequest);
      assertSentAfterRefusal(3, ENGINE_A);
      assertSentAfterRefusal(4, ENGINE_B);

      // Rounds enrolled and run on both instances at once, from two threads, all with token 2.
      CyclicBarrier together = new CyclicBarrier(2);
      List<Future<Boolean>> rounds = pool.invokeAll(List.<Callable<Boolean>>of(
          () -> enrollAndRun(together, a, 5, 6),
          () -> enrollAndRun(together, b, 7, 8)));
      for (Future<Boolean> f : rounds) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    for (int n = 5; n <= 8; n++) {
      sentAtOnce(n, TOKEN_2);
    }
    assertThat(wechat.tokenRequests()).as("still one refresh").hasSize(2);
    assertThat(sentBy.values().stream().mapToInt(Set::size).sum()).isEqualTo(8);
  }

  private static Boolean enrollAndRun(CyclicBarrier together, Touchbase t, int first, int second) throws Exception {
    together.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    enroll(t, first);
    enroll(t, second);
    return t.unwrap(EngineControl.class).orElseThrow().awaitIdle(WAIT);
  }
}
