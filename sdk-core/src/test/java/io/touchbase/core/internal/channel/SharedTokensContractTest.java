package io.touchbase.core.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.touchbase.api.Database;
import io.touchbase.core.internal.store.DataSources;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.Dialect;
import io.touchbase.core.internal.store.Migrations;
import io.touchbase.core.internal.store.TokenStore;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.SharedTokens;
import io.touchbase.spi.channel.SharedTokens.IssuedToken;
import io.touchbase.testkit.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@link DatabaseSharedTokens} against every supported database, with two instances on two pools
 * of one database as two engines would have them.
 */
public abstract class SharedTokensContractTest {
  private static final Instant START = Instant.parse("2026-03-02T02:00:00Z");
  private static final String KEY = "wechat:wx1234";

  private final MutableClock clock = MutableClock.at(START);
  private final List<DataSources.Opened> pools = new ArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private Database database;
  private Db first;
  private DatabaseSharedTokens a;
  private DatabaseSharedTokens b;

  /** A new empty database of the kind under test. */
  protected abstract Database newDatabase();

  @BeforeEach
  void setUp() {
    database = newDatabase();
    first = pool();
    Migrations.migrate(first.dataSource());
    a = new DatabaseSharedTokens(first, new TokenStore(), clock, "node-a");
    b = instance("node-b");
  }

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
    pools.forEach(DataSources.Opened::closeIfOwned);
  }

  private Db pool() {
    DataSources.Opened opened = DataSources.open(database, 4, "tokens-" + pools.size());
    pools.add(opened);
    return new Db(opened.dataSource(), Dialect.detect(opened.dataSource()));
  }

  /** Another instance on its own pool. */
  private DatabaseSharedTokens instance(String name) {
    return new DatabaseSharedTokens(pool(), new TokenStore(), clock, name);
  }

  /**
   * A provider that issues {@code tok-1}, {@code tok-2} ... valid for two hours, slowly enough that
   * concurrent callers pile up behind the first, and records how many fetches ever overlapped.
   */
  private static final class CountingSource implements SharedTokens.TokenSource {
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger mostInside = new AtomicInteger();
    private final MutableClock clock;

    CountingSource(MutableClock clock) {
      this.clock = clock;
    }

    @Override
    public IssuedToken fetch() {
      int now = inside.incrementAndGet();
      mostInside.accumulateAndGet(now, Math::max);
      try {
        int n = fetches.incrementAndGet();
        Thread.sleep(100); // widens the window in which a second fetch could start
        return new IssuedToken("tok-" + n, clock.instant().plus(Duration.ofHours(2)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        inside.decrementAndGet();
      }
    }
  }

  /** Runs {@code call} on {@code perInstance} threads of each instance, all released at once. */
  private List<String> atOnce(int perInstance, Function<DatabaseSharedTokens, String> call) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 2 * perInstance; i++) {
      DatabaseSharedTokens on = i % 2 == 0 ? a : b;
      results.add(threads.submit(() -> {
        go.await();
        return call.apply(on);
      }));
    }
    go.countDown();
    List<String> values = new ArrayList<>();
    for (Future<String> f : results) {
      values.add(f.get(60, TimeUnit.SECONDS));
    }
    return values;
  }

  private record Row(String value, Instant expiresAt, String fetchedBy) {}

  private Optional<Row> row() throws Exception {
    try (Connection c = first.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "select token_value, expires_at, fetched_by from tb_provider_token where token_key = ?")) {
      ps.setString(1, KEY);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Row(rs.getString(1), Db.instant(rs, "expires_at"), rs.getString(3)))
            : Optional.empty();
      }
    }
  }

  @Test
  @DisplayName("many threads on two instances asking at once cause one fetch, and all get its token")
  void concurrentCallersShareOneFetch() throws Exception {
    CountingSource source = new CountingSource(clock);
    List<String> values = atOnce(8, on -> on.token(KEY, source));
    assertThat(values).hasSize(16).containsOnly("tok-1");
    assertThat(source.fetches).hasValue(1);
    assertThat(source.mostInside).hasValue(1);
    Row stored = row().orElseThrow();
    assertThat(stored.value()).isEqualTo("tok-1");
    assertThat(stored.expiresAt()).isEqualTo(START.plus(Duration.ofHours(2)));
    assertThat(stored.fetchedBy()).isIn("node-a", "node-b");
    assertThat(instance("node-c").token(KEY, source)).isEqualTo("tok-1");
    assertThat(source.fetches).hasValue(1);
  }

  @Test
  @DisplayName("both instances replacing the same rejected token cause one more fetch; a stale rejection none")
  void replaceOnceForOneRejectedToken() throws Exception {
    CountingSource source = new CountingSource(clock);
    assertThat(a.token(KEY, source)).isEqualTo("tok-1");
    assertThat(b.token(KEY, source)).isEqualTo("tok-1");
    List<String> values = atOnce(8, on -> on.replace(KEY, "tok-1", source));
    assertThat(values).hasSize(16).containsOnly("tok-2");
    assertThat(source.fetches).hasValue(2);
    assertThat(source.mostInside).hasValue(1);
    // A caller that still held tok-1 gets the new token without a fetch, and both instances use it.
    assertThat(a.replace(KEY, "tok-1", source)).isEqualTo("tok-2");
    assertThat(a.token(KEY, source)).isEqualTo("tok-2");
    assertThat(b.token(KEY, source)).isEqualTo("tok-2");
    assertThat(source.fetches).hasValue(2);
    assertThat(row().orElseThrow().value()).isEqualTo("tok-2");
  }

  @Test
  @DisplayName("a failing source stores nothing, leaves a stored token as it was, and its error reaches the caller")
  void failingSourceStoresNothing() throws Exception {
    ChannelException busy = ChannelException.retryable("-1", "system busy");
    SharedTokens.TokenSource failing = () -> {
      throw busy;
    };
    assertThatThrownBy(() -> a.token(KEY, failing)).isSameAs(busy);
    assertThat(row().map(Row::value)).isEmpty();

    CountingSource source = new CountingSource(clock);
    assertThat(a.token(KEY, source)).isEqualTo("tok-1");
    Row before = row().orElseThrow();
    assertThatThrownBy(() -> b.replace(KEY, "tok-1", failing)).isSameAs(busy);
    assertThat(row()).contains(before);
    assertThat(b.replace(KEY, "tok-1", source)).isEqualTo("tok-2");
    assertThat(source.fetches).hasValue(2);
  }

  @Test
  @DisplayName("a token is used until one minute before its expiry by the engine clock, then fetched again once")
  void expiryByTheEngineClock() throws Exception {
    CountingSource source = new CountingSource(clock);
    assertThat(a.token(KEY, source)).isEqualTo("tok-1");
    assertThat(b.token(KEY, source)).isEqualTo("tok-1");
    clock.advance(Duration.ofMinutes(119).minusSeconds(1));
    assertThat(a.token(KEY, source)).isEqualTo("tok-1");
    assertThat(b.token(KEY, source)).isEqualTo("tok-1");
    assertThat(source.fetches).hasValue(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(a.token(KEY, source)).isEqualTo("tok-2");
    // b's own copy expired too; it finds a's new token in the database.
    assertThat(b.token(KEY, source)).isEqualTo("tok-2");
    assertThat(source.fetches).hasValue(2);
    assertThat(row().orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
  }

  @Test
  @DisplayName("while an instance's copy is valid it reads no database")
  void validCopyNeedsNoRead() throws Exception {
    CountingSource source = new CountingSource(clock);
    assertThat(a.token(KEY, source)).isEqualTo("tok-1");
    try (Connection c = first.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("update tb_provider_token set token_value = ? where token_key = ?")) {
      ps.setString(1, "written-elsewhere");
      ps.setString(2, KEY);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    assertThat(a.token(KEY, source)).isEqualTo("tok-1");
    assertThat(instance("node-c").token(KEY, source)).isEqualTo("written-elsewhere");
    assertThat(source.fetches).hasValue(1);
  }

  @Test
  @DisplayName("keys are checked, and token values appear in no log line")
  void keysCheckedAndTokensNotLogged() {
    CountingSource source = new CountingSource(clock);
    assertThatThrownBy(() -> a.token(" ", source)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key");
    assertThatThrownBy(() -> a.token("k".repeat(201), source)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key must be at most 200 characters, but was 201");
    Logger logger = (Logger) LoggerFactory.getLogger(DatabaseSharedTokens.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      a.token(KEY, source);
      b.replace(KEY, "tok-1", source);
      a.replace(KEY, "tok-1", source);
    } finally {
      logger.detachAppender(lines);
    }
    assertThat(lines.list).isNotEmpty()
        .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("tok-"));
    assertThat(a.toString()).doesNotContain("tok-");
  }
}
