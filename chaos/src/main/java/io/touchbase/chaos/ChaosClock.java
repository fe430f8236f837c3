package io.touchbase.chaos;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock run faster from a shared origin: {@code origin + (now - origin) * speed}. Every
 * process of a run is given the same origin and speed, so they agree on the time to the
 * millisecond without talking to each other, and the engine's fixed minutes (the five-minute
 * wait before an in-doubt send is looked up at the provider) pass in a fraction of the real time.
 *
 * <p>The speed is kept below db-scheduler's six missed heartbeats: a heartbeat written every
 * {@code h} of real time is {@code h * speed} old on this clock when the next one comes, and an
 * execution is taken for dead at {@code 6 h}. With speed 4 a heartbeat may be {@code h / 2} late.
 */
public final class ChaosClock extends Clock {
  private final long originMillis;
  private final int speed;

  /** A clock that runs {@code speed} times as fast as the system clock from {@code originMillis}. */
  public ChaosClock(long originMillis, int speed) {
    if (speed < 1) {
      throw new IllegalArgumentException("speed must be at least 1, was " + speed);
    }
    this.originMillis = originMillis;
    this.speed = speed;
  }

  @Override
  public long millis() {
    return originMillis + (System.currentTimeMillis() - originMillis) * speed;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException("the chaos clock is in UTC only");
  }

  @Override
  public String toString() {
    return "ChaosClock{origin=" + originMillis + ", speed=" + speed + "}";
  }
}
