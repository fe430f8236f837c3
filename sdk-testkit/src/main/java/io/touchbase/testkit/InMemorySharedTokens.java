package io.touchbase.testkit;

import io.touchbase.spi.channel.SharedTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link SharedTokens} held in memory, for channel tests: hand it to a {@link TestChannelContext}
 * as the {@code SharedTokens} service. It keeps the engine's promises within one process (one
 * fetch at a time per key, a stored token is expired one minute before its expiry, several callers
 * replacing the same rejected token cause one fetch) and counts the fetches. Thread-safe.
 */
public final class InMemorySharedTokens implements SharedTokens {
  private static final Duration MARGIN = Duration.ofMinutes(1);

  private final Clock clock;
  private final Map<String, IssuedToken> tokens = new HashMap<>();
  private final AtomicInteger fetches = new AtomicInteger();

  /** Tokens expiring by {@code clock}. */
  public InMemorySharedTokens(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized String token(String key, TokenSource source) {
    IssuedToken stored = tokens.get(key);
    if (stored != null && clock.instant().isBefore(stored.expiresAt().minus(MARGIN))) {
      return stored.value();
    }
    return fetch(key, source);
  }

  @Override
  public synchronized String replace(String key, String rejected, TokenSource source) {
    IssuedToken stored = tokens.get(key);
    if (stored != null && !stored.value().equals(rejected) && clock.instant().isBefore(stored.expiresAt().minus(MARGIN))) {
      return stored.value();
    }
    return fetch(key, source);
  }

  /** How many times a token source was asked, over all keys. */
  public int fetches() {
    return fetches.get();
  }

  /** Stores a token as if it had been fetched, e.g. to start a test with one that is about to expire. */
  public synchronized void put(String key, IssuedToken token) {
    tokens.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(token, "token"));
  }

  private String fetch(String key, TokenSource source) {
    fetches.incrementAndGet();
    IssuedToken issued = Objects.requireNonNull(source.fetch(), "the token source returned null");
    tokens.put(key, issued);
    return issued.value();
  }

  @Override
  public String toString() {
    return "InMemorySharedTokens{keys=" + tokens.size() + ", fetches=" + fetches + "}";
  }
}
