package io.touchbase.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs short transactions that several threads start at about the same time as one: the works
 * waiting when a transaction begins run in it one after the other and commit together. Rounds that
 * finish together then share a commit and its round trips, which cost more than their writes.
 *
 * <p>Nobody waits for a batch to fill: a thread that finds no batch forming takes the works queued
 * so far, its own among them, and runs them at once; works that arrive meanwhile wait for the next
 * batch. At most {@code maxInFlight} batches run at a time.
 *
 * <p>A batch commits all of its works or none. When it fails, for whatever reason (one work's
 * check, a deadlock, the database going away), it is rolled back and each of its works runs again
 * alone, in its caller's thread, so that each caller sees its own outcome as if it had never been
 * batched. Works must therefore be repeatable: they read what they decide on from the connection,
 * keep nothing from an earlier run, and build what they return inside the run. Works of one batch
 * must not wait on each other's locks.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class GroupCommit {
  private final Db db;
  private final int maxBatch;
  private final int maxInFlight;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
  private int inFlight;
  private final LongAdder batches = new LongAdder();
  private final LongAdder batched = new LongAdder();

  /**
   * @param maxBatch the most works one transaction runs; with 1, every work runs at once in a
   *     transaction of its own, as {@link Db#inTransaction} would run it
   * @param maxInFlight the most batches running at a time
   */
  public GroupCommit(Db db, int maxBatch, int maxInFlight) {
    if (maxBatch < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("maxBatch and maxInFlight must be at least 1");
    }
    this.db = db;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
  }

  private enum State { QUEUED, RUNNING, COMMITTED, FAILED, RUN_ALONE }

  private static final class Pending<T> {
    final Db.SqlWork<T> work;
    State state = State.QUEUED;
    T result;
    RuntimeException failure;

    Pending(Db.SqlWork<T> work) {
      this.work = work;
    }
  }

  /**
   * Runs {@code work} in a transaction, possibly shared with other callers' works, and returns
   * what it returned once that transaction has committed.
   *
   * @throws StoreException as {@link Db#inTransaction} throws it, or whatever {@code work} throws
   *     when it ran alone
   */
  public <T> T run(String operation, Db.SqlWork<T> work) {
    if (maxBatch == 1) {
      return db.inTransaction(operation, work);
    }
    Pending<T> mine = new Pending<>(work);
    List<Pending<?>> batch;
    boolean interrupted = false;
    lock.lock();
    try {
      queue.addLast(mine);
      while (mine.state == State.QUEUED && (inFlight >= maxInFlight || queue.peekFirst() != mine)) {
        try {
          changed.await();
        } catch (InterruptedException e) {
          // The work may already be running in another caller's batch: wait for its outcome.
          interrupted = true;
        }
      }
      if (mine.state == State.QUEUED) {
        batch = new ArrayList<>();
        while (!queue.isEmpty() && batch.size() < maxBatch) {
          Pending<?> p = queue.pollFirst();
          p.state = State.RUNNING;
          batch.add(p);
        }
        inFlight++;
      } else {
        batch = List.of();
        while (mine.state == State.RUNNING) {
          changed.awaitUninterruptibly();
        }
      }
    } finally {
      lock.unlock();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (!batch.isEmpty()) {
      runBatch(operation, batch);
    }
    switch (mine.state) {
      case COMMITTED:
        return mine.result;
      case FAILED:
        throw mine.failure;
      default:
        return db.inTransaction(operation, work);
    }
  }

  /**
   * Runs a batch in one transaction. A batch of one is simply its work's own transaction; a larger
   * one that fails leaves each work to run again alone.
   */
  private void runBatch(String operation, List<Pending<?>> batch) {
    State outcome = State.RUN_ALONE;
    try {
      if (batch.size() == 1) {
        Pending<?> only = batch.get(0);
        try {
          runAlone(operation, only);
          outcome = State.COMMITTED;
        } catch (RuntimeException e) {
          only.failure = e;
          outcome = State.FAILED;
        }
      } else {
        db.inTransaction(operation, c -> {
          for (Pending<?> p : batch) {
            runInto(p, c);
          }
          return null;
        });
        outcome = State.COMMITTED;
        batches.increment();
        batched.add(batch.size());
      }
    } catch (RuntimeException e) {
      // Each work runs again alone, in its caller's thread.
    } finally {
      lock.lock();
      try {
        inFlight--;
        for (Pending<?> p : batch) {
          p.state = outcome;
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private <T> void runAlone(String operation, Pending<T> p) {
    p.result = db.inTransaction(operation, p.work);
  }

  private static <T> void runInto(Pending<T> p, Connection c) throws SQLException {
    p.result = p.work.run(c);
  }

  /**
   * Transactions that committed more than one work, and the works they committed.
   *
   * @param batches transactions shared by more than one work
   * @param works works committed in those
   */
  public record Stats(long batches, long works) {}

  public Stats stats() {
    return new Stats(batches.sum(), batched.sum());
  }

  /** Works waiting for a batch to start. */
  int waiting() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }
}
