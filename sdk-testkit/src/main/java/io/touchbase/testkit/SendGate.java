package io.touchbase.testkit;

import io.touchbase.spi.channel.ChannelException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds sends while shut and counts the sends it holds, so a test can act while a send is in
 * flight and know that it is.
 */
final class SendGate {
  private CountDownLatch latch;
  private int held;

  synchronized void shut() {
    if (latch == null) {
      latch = new CountDownLatch(1);
    }
  }

  void open() {
    CountDownLatch l;
    synchronized (this) {
      l = latch;
      latch = null;
    }
    if (l != null) {
      l.countDown();
    }
  }

  /** Returns at once while open; otherwise waits until {@link #open()}. */
  void pass() {
    CountDownLatch l;
    synchronized (this) {
      l = latch;
      if (l == null) {
        return;
      }
      held++;
      notifyAll(); // wakes awaitHeld
    }
    try {
      l.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ChannelException.retryable("interrupted", "send interrupted while held", e);
    } finally {
      synchronized (this) {
        held--;
      }
    }
  }

  synchronized boolean awaitHeld(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (held < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
