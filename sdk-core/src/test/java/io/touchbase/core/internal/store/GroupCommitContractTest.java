package io.touchbase.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.Database;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupCommit} against every supported database: works that wait together commit in one
 * transaction, and a batch that fails leaves each caller its own outcome.
 */
abstract class GroupCommitContractTest {
  private DataSources.Opened pool;
  private Db db;
  private ExecutorService callers;
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  /** A new empty database of the kind under test. */
  protected abstract Database newDatabase();

  @BeforeEach
  void setUp() throws Exception {
    pool = DataSources.open(newDatabase(), 4, "group-commit");
    db = new Db(pool.dataSource(), Dialect.detect(pool.dataSource()));
    try (Connection c = pool.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("create table t (k varchar(16) primary key, tx bigint not null)");
    }
    callers = Executors.newCachedThreadPool();
  }

  @AfterEach
  void tearDown() throws Exception {
    callers.shutdownNow();
    callers.awaitTermination(10, TimeUnit.SECONDS);
    pool.closeIfOwned();
  }

  /** Inserts {@code k} and returns it with the work's run count; fails when {@code k} starts with "bad". */
  private Db.SqlWork<String> insert(String k) {
    return c -> {
      runs.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
      Db.writeLater(c, "insert into t (k, tx) values (?, ?)", Db.ANY_COUNT, k, transactionOf(c));
      if (k.startsWith("bad")) {
        throw new IllegalStateException("refused " + k);
      }
      return k + "#" + runs.get(k).get();
    };
  }

  /** One number per transaction: the connection's identity is enough, a batch uses one. */
  private static long transactionOf(Connection c) {
    return System.identityHashCode(c);
  }

  /**
   * Starts {@code first} on a batch of its own, blocked until released, then queues {@code others}
   * behind it, so that they form the next batch.
   */
  private List<Future<String>> queuedBehindBlocked(GroupCommit group, CountDownLatch release, List<String> others)
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    results.add(callers.submit(() -> group.run("first", c -> {
      started.countDown();
      awaitRelease(release);
      return insert("first").run(c);
    })));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    // One at a time, each queued before the next is submitted: the tests rely on the queue's order.
    for (String k : others) {
      results.add(callers.submit(() -> group.run("next", insert(k))));
      int queued = results.size() - 1;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (group.waiting() < queued && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(group.waiting()).isEqualTo(queued);
    }
    return results;
  }

  private static void awaitRelease(CountDownLatch release) {
    try {
      if (!release.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Long> stored() {
    Map<String, Long> rows = new ConcurrentHashMap<>();
    db.read("rows", c -> Db.list(c, "select k, tx from t", rs -> rows.put(rs.getString(1), rs.getLong(2))));
    return rows;
  }

  @Test
  @DisplayName("works that wait while a batch runs commit together, each caller getting its own result")
  void waitingWorksShareOneTransaction() throws Exception {
    GroupCommit group = new GroupCommit(db, 10, 1);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<String>> results = queuedBehindBlocked(group, release, List.of("a", "b", "c"));
    release.countDown();

    List<String> answers = new ArrayList<>();
    for (Future<String> f : results) {
      answers.add(f.get(10, TimeUnit.SECONDS));
    }
    assertThat(answers).containsExactly("first#1", "a#1", "b#1", "c#1");
    assertThat(group.stats()).isEqualTo(new GroupCommit.Stats(1, 3));
    Map<String, Long> rows = stored();
    assertThat(rows).containsOnlyKeys("first", "a", "b", "c");
    assertThat(rows.get("a")).isEqualTo(rows.get("b")).isEqualTo(rows.get("c"));
  }

  @Test
  @DisplayName("a batch takes at most maxBatch works; the rest form the next")
  void batchesAreBounded() throws Exception {
    GroupCommit group = new GroupCommit(db, 2, 1);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<String>> results = queuedBehindBlocked(group, release, List.of("a", "b", "c", "d", "e"));
    release.countDown();
    for (Future<String> f : results) {
      f.get(10, TimeUnit.SECONDS);
    }
    // a+b, c+d together; e alone, as its own transaction
    assertThat(group.stats()).isEqualTo(new GroupCommit.Stats(2, 4));
    assertThat(stored()).hasSize(6);
  }

  @Test
  @DisplayName("a work that fails in a batch rolls the batch back; the others commit alone and it fails alone")
  void failedBatchRunsEachWorkAlone() throws Exception {
    GroupCommit group = new GroupCommit(db, 10, 1);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<String>> results = queuedBehindBlocked(group, release, List.of("a", "bad", "c"));
    release.countDown();

    assertThat(results.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("first#1");
    assertThat(results.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("a#2");
    assertThat(results.get(3).get(10, TimeUnit.SECONDS)).isEqualTo("c#1"); // the batch stopped at "bad" before it
    assertThatThrownBy(() -> results.get(2).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class)
        .cause().hasMessage("refused bad");
    assertThat(runs.get("bad")).hasValue(2);
    assertThat(group.stats()).isEqualTo(new GroupCommit.Stats(0, 0));
    Map<String, Long> rows = stored();
    assertThat(rows).containsOnlyKeys("first", "a", "c");
    assertThat(rows.get("a")).isNotEqualTo(rows.get("c"));
  }

  @Test
  @DisplayName("a work that runs alone fails once, as its own transaction would")
  void aloneFailsOnce() {
    GroupCommit group = new GroupCommit(db, 10, 2);
    assertThat(group.run("one", insert("x"))).isEqualTo("x#1");
    assertThatThrownBy(() -> group.run("dup", insert("x")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("dup failed");
    assertThatThrownBy(() -> group.run("bad", insert("bad1")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(runs.get("x")).hasValue(2);
    assertThat(runs.get("bad1")).hasValue(1);
    assertThat(stored()).containsOnlyKeys("x");
  }

  @Test
  @DisplayName("a caller interrupted while its work waits still gets its outcome, and keeps the interrupt")
  void interruptedCallerKeepsItsOutcome() throws Exception {
    GroupCommit group = new GroupCommit(db, 10, 1);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<String>> results = queuedBehindBlocked(group, release, List.of());
    AtomicInteger interruptKept = new AtomicInteger();
    Thread waiter = new Thread(() -> {
      group.run("next", insert("w"));
      interruptKept.set(Thread.currentThread().isInterrupted() ? 1 : -1);
    });
    waiter.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (group.waiting() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    waiter.interrupt();
    release.countDown();
    results.get(0).get(10, TimeUnit.SECONDS);
    waiter.join(10_000);

    assertThat(interruptKept).hasValue(1);
    assertThat(stored()).containsOnlyKeys("first", "w");
  }

  @Test
  @DisplayName("with maxBatch 1 nothing waits: a work commits while another is still running")
  void maxBatchOneRunsAtOnce() throws Exception {
    GroupCommit group = new GroupCommit(db, 1, 1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<String> blocked = callers.submit(() -> group.run("first", c -> {
      started.countDown();
      awaitRelease(release);
      return insert("first").run(c);
    }));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(callers.submit(() -> group.run("next", insert("a"))).get(10, TimeUnit.SECONDS)).isEqualTo("a#1");
    assertThat(blocked).isNotDone();
    release.countDown();
    assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo("first#1");
    assertThat(group.stats()).isEqualTo(new GroupCommit.Stats(0, 0));
  }

  @Test
  @DisplayName("many callers at once: every work commits exactly once")
  void manyCallers() throws Exception {
    GroupCommit group = new GroupCommit(db, 8, 2);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String k = "k" + i;
      results.add(callers.submit(() -> group.run("many", insert(k))));
    }
    for (Future<String> f : results) {
      assertThat(f.get(30, TimeUnit.SECONDS)).endsWith("#1");
    }
    assertThat(stored()).hasSize(400);
  }
}
