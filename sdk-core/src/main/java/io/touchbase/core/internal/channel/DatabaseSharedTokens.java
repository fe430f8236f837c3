package io.touchbase.core.internal.channel;

import io.touchbase.api.internal.Checks;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.TokenStore;
import io.touchbase.spi.channel.SharedTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SharedTokens} kept in the engine's database, so that every instance on it uses one token
 * per key and only one of them asks the provider for a new one at a time.
 *
 * <p>A send costs no database read while this instance's copy of the token is valid. Otherwise the
 * stored token is read, and only when that one is missing or expired (or rejected, for {@link
 * #replace}) does a refresh run, in one transaction: the row is created if missing, locked with
 * {@code select ... for update}, checked again (another instance may have refreshed it while this
 * one waited for the lock), and only then is the source asked, with the lock held, and its token
 * stored. The lock is what keeps two instances from fetching at once; within an instance, a lock per
 * key keeps the threads that would wait on the row from holding a pooled connection each. A source
 * that fails rolls the transaction back, leaving the row as it was, and its exception goes to the
 * caller.
 *
 * <p>A token is expired one minute before its expiry by the engine clock. Token values are never
 * logged.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class DatabaseSharedTokens implements SharedTokens {
  private static final Logger log = LoggerFactory.getLogger(DatabaseSharedTokens.class);
  /** A token this close to its expiry is not handed out: it could expire on its way to the provider. */
  static final Duration MARGIN = Duration.ofMinutes(1);
  private static final int MAX_KEY_LENGTH = 200;

  private final Db db;
  private final TokenStore store;
  private final Clock clock;
  private final String instanceName;
  private final Map<String, IssuedToken> copies = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> refreshing = new ConcurrentHashMap<>();

  public DatabaseSharedTokens(Db db, TokenStore store, Clock clock, String instanceName) {
    this.db = db;
    this.store = store;
    this.clock = clock;
    this.instanceName = instanceName;
  }

  @Override
  public String token(String key, TokenSource source) {
    checkKey(key);
    Checks.notNull(source, "source");
    Optional<IssuedToken> copy = valid(copies.get(key));
    if (copy.isPresent()) {
      return copy.get().value();
    }
    Optional<IssuedToken> stored = valid(db.read("read token", c -> store.find(c, key)).orElse(null));
    if (stored.isPresent()) {
      copies.put(key, stored.get());
      return stored.get().value();
    }
    return refresh(key, null, source);
  }

  @Override
  public String replace(String key, String rejected, TokenSource source) {
    checkKey(key);
    Checks.notNull(rejected, "rejected");
    Checks.notNull(source, "source");
    Optional<IssuedToken> copy = usable(copies.get(key), rejected);
    if (copy.isPresent()) {
      return copy.get().value();
    }
    // Whatever happens next, this instance's copy of the rejected token is of no further use.
    copies.computeIfPresent(key, (k, t) -> t.value().equals(rejected) ? null : t);
    return refresh(key, rejected, source);
  }

  /**
   * Fetches a token unless the stored one is valid and not {@code rejected} (null: any valid one
   * will do), under this instance's lock for the key and the row lock for the cluster.
   */
  private String refresh(String key, String rejected, TokenSource source) {
    ReentrantLock local = refreshing.computeIfAbsent(key, k -> new ReentrantLock());
    local.lock();
    try {
      // Another thread of this instance may have refreshed it while this one waited.
      Optional<IssuedToken> copy = usable(copies.get(key), rejected);
      if (copy.isPresent()) {
        return copy.get().value();
      }
      IssuedToken token = db.inTransaction("refresh token", c -> {
        store.ensureRow(c, key);
        Optional<IssuedToken> stored = usable(store.lock(c, key).orElse(null), rejected);
        if (stored.isPresent()) {
          log.debug("Token '{}' was refreshed by another instance meanwhile", key);
          return stored.get();
        }
        IssuedToken fetched = source.fetch();
        if (fetched == null) {
          throw new IllegalStateException("token source for '" + key + "' returned nothing");
        }
        store.save(c, key, fetched, clock.instant(), instanceName);
        log.info("Token '{}' fetched from the provider; expires at {}", key, fetched.expiresAt());
        return fetched;
      });
      copies.put(key, token);
      return token.value();
    } finally {
      local.unlock();
    }
  }

  /** The token, if it is valid and is not the rejected one. */
  private Optional<IssuedToken> usable(IssuedToken token, String rejected) {
    return valid(token).filter(t -> rejected == null || !t.value().equals(rejected));
  }

  private Optional<IssuedToken> valid(IssuedToken token) {
    return token != null && clock.instant().isBefore(token.expiresAt().minus(MARGIN))
        ? Optional.of(token) : Optional.empty();
  }

  private static void checkKey(String key) {
    Checks.notBlank(key, "key");
    if (key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "key must be at most " + MAX_KEY_LENGTH + " characters, but was " + key.length());
    }
  }

  @Override
  public String toString() {
    return "DatabaseSharedTokens{instance=" + instanceName + ", keys=" + copies.keySet() + "}";
  }
}
