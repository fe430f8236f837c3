package io.touchbase.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.callback.CallbackResponse;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.core.EngineControl;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import io.touchbase.spi.channel.SharedTokens;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.RecordingChannel;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
          events.add(new ChannelEvent.SendQuotaChange(io.touchbase.api.contact.Address.wechatOpenId(APP, f.get("to")),
              f.get("key"), ChannelEvent.QuotaChange.valueOf(f.get("quota")), at, f.get("event")));
        } else if (f.containsKey("block")) {
          events.add(new ChannelEvent.OptOut(io.touchbase.api.contact.Address.wechatOpenId(APP, f.get("block")),
              io.touchbase.api.contact.Purpose.MARKETING, at, id + ":user block"));
        } else {
          events.add(new ChannelEvent.DispatchOptOut(io.touchbase.spi.channel.DispatchId.of(f.get("unsubscribe")),
              io.touchbase.api.contact.Purpose.MARKETING, at, id + ":one-click"));
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
        .channelProviderLoader(io.touchbase.spi.channel.ChannelProviderLoader.of())
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
}
