package io.touchbase.core.internal.cadence;

import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.Round;
import io.touchbase.api.cadence.UnknownCadenceException;
import io.touchbase.core.internal.channel.ChannelRegistry;
import io.touchbase.core.internal.channel.ConfiguredChannel;
import io.touchbase.core.internal.json.CadenceJson;
import io.touchbase.core.internal.store.CadenceStore;
import io.touchbase.core.internal.store.Db;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered cadence versions: validated against the configured channels, stored durably, and
 * cached (a version never changes once stored).
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class CadenceRegistry {
  private final Db db;
  private final CadenceStore store;
  private final CadenceJson json;
  private final ChannelRegistry channels;
  private final Clock clock;
  private final Map<String, CadenceDefinition> byVersion = new ConcurrentHashMap<>();

  public CadenceRegistry(Db db, CadenceStore store, CadenceJson json, ChannelRegistry channels, Clock clock) {
    this.db = db;
    this.store = store;
    this.json = json;
    this.channels = channels;
    this.clock = clock;
  }

  public CadenceDefinition register(CadenceDefinition d) {
    validate(d);
    String doc = json.write(d);
    return db.inTransaction("register cadence", c -> {
      if (!store.insert(c, d.id(), d.version(), doc, clock.instant())) {
        String stored = store.find(c, d.id(), d.version()).orElseThrow();
        if (!json.read(stored).equals(d)) {
          throw new IllegalArgumentException(
              "cadence '" + d.id() + "' version " + d.version()
                  + " is already registered with a different definition; register version "
                  + (d.version() + 1) + " instead");
        }
      }
      byVersion.put(key(d.id(), d.version()), d);
      return d;
    });
  }

  private void validate(CadenceDefinition d) {
    for (int i = 0; i < d.rounds().size(); i++) {
      Round r = d.rounds().get(i);
      for (int j = 0; j < r.channels().size(); j++) {
        String name = r.channels().get(j);
        if (channels.get(name).isEmpty()) {
          throw new IllegalArgumentException(
              "rounds[" + i + "].channels[" + j + "]: unknown channel '" + name
                  + "'; configured channels: " + channels.names());
        }
        for (ConfiguredChannel.Bound b : channels.get(name).orElseThrow().providers()) {
          if (b.channel().requiredVariables(r.template()).isEmpty()) {
            throw new IllegalArgumentException(
                "rounds[" + i + "].template: channel '" + name + "' (provider '" + b.providerId()
                    + "') has no mapping for template '" + r.template() + "'; map it in the provider's settings");
          }
        }
      }
    }
  }

  /**
   * Checks that a contact has every variable the cadence's templates need on every provider that
   * may carry them, so that a missing parameter is an error at enrolment rather than a blank in a
   * customer's message.
   *
   * @param attributes the contact's attribute names
   * @throws IllegalArgumentException naming the round, channel, provider and variable
   */
  public void checkVariables(CadenceDefinition d, String contactId, Set<String> attributes) {
    for (int i = 0; i < d.rounds().size(); i++) {
      Round r = d.rounds().get(i);
      for (String name : r.channels()) {
        Optional<ConfiguredChannel> channel = channels.get(name);
        if (channel.isEmpty()) {
          continue;
        }
        for (ConfiguredChannel.Bound b : channel.get().providers()) {
          for (String variable : b.channel().requiredVariables(r.template()).orElse(Set.of())) {
            if (!attributes.contains(variable) && !r.variables().containsKey(variable)
                && !variable.equals("contactId")) {
              throw new IllegalArgumentException(
                  "contact '" + contactId + "' has no attribute '" + variable + "', which template '"
                      + r.template() + "' needs on channel '" + name + "' (provider '" + b.providerId()
                      + "') in rounds[" + i + "] of cadence '" + d.id() + "'");
            }
          }
        }
      }
    }
  }

  /** A stored version; enrollments always resolve their own version through this. */
  public CadenceDefinition get(String id, int version) {
    return find(id, version).orElseThrow(() -> new UnknownCadenceException(id));
  }

  public Optional<CadenceDefinition> find(String id, int version) {
    CadenceDefinition cached = byVersion.get(key(id, version));
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<CadenceDefinition> loaded =
        db.read("load cadence", c -> store.find(c, id, version)).map(json::read);
    loaded.ifPresent(d -> byVersion.put(key(id, version), d));
    return loaded;
  }

  /** The newest version; only its number is read, the definition comes from the cache. */
  public Optional<CadenceDefinition> latest(String id) {
    return db.read("load cadence", c -> store.latestVersion(c, id)).flatMap(v -> find(id, v));
  }

  private static String key(String id, int version) {
    return id + "#" + version;
  }
}
