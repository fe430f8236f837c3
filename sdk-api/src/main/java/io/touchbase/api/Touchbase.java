package io.touchbase.api;

import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.Cadences;
import io.touchbase.api.callback.Callbacks;
import io.touchbase.api.contact.Contacts;
import io.touchbase.api.event.Events;
import io.touchbase.api.event.TouchbaseListener;
import io.touchbase.api.internal.Checks;
import io.touchbase.api.task.StaffTasks;
import io.touchbase.api.touchpoint.Touchpoints;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ChannelProviderLoader;
import io.touchbase.spi.engine.EngineProvider;
import io.touchbase.spi.engine.TouchbaseConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;

/**
 * A running Touchbase: contacts, touchpoints, cadences, host events, provider callbacks and staff
 * tasks. Build one per application at start-up with {@link #builder()}, share it, and {@link
 * #close()} it at shutdown. Thread-safe.
 *
 * <pre>{@code
 * Touchbase touchbase = Touchbase.builder()
 *     .channel(ChannelConfig.of("sms", "dry-run"))
 *     .template(Template.of("renewal-1", "Hi {{name}}, your membership ends on {{endsOn}}."))
 *     .cadence(renewal)
 *     .build();
 * }</pre>
 */
public interface Touchbase extends AutoCloseable {

  Contacts contacts();

  Touchpoints touchpoints();

  Cadences cadences();

  Events events();

  Callbacks callbacks();

  /** Tasks that rounds on staff channels create for people, such as an agent's call. */
  StaffTasks staffTasks();

  /**
   * Stops the scheduler after in-flight rounds finish, closes channels and releases the database
   * pool (unless the host owns it). Due rounds stay in the database for the next start.
   * Idempotent.
   */
  @Override
  void close();

  /**
   * This instance as an implementation type, e.g. sdk-core's {@code EngineControl} for tests.
   * Empty when it is not of that type.
   */
  default <T> Optional<T> unwrap(Class<T> type) {
    return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * Configures and starts a {@link Touchbase}. Every setter validates its argument; {@link
   * #build()} checks the whole. Not thread-safe.
   */
  final class Builder {
    /** Threads that carry out due rounds. */
    public static final int DEFAULT_SCHEDULER_THREADS = 10;
    /** How often the scheduler looks for due rounds when not woken earlier. */
    public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofSeconds(1);
    /** How often an instance proves it is alive; six missed beats mark its rounds as dead. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMinutes(1);
    /** Attempts per round and provider for retryable failures. */
    public static final int DEFAULT_MAX_SEND_ATTEMPTS = 3;
    /** Backoff before the second attempt; doubles per attempt, with jitter. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMinutes(1);
    /** How long after its last round an enrollment stays open for a goal to be attributed to it. */
    public static final Duration DEFAULT_ATTRIBUTION_WINDOW = Duration.ofDays(3);
    /**
     * Replies that opt the sender out of marketing on the channel they replied on: the common
     * Chinese carrier keywords ({@code TD}, {@code T}, {@code N}, {@code 退订}) and {@code STOP}.
     */
    public static final Set<String> DEFAULT_UNSUBSCRIBE_KEYWORDS = Set.of("TD", "T", "N", "退订", "STOP");

    private Database database = Database.h2File(Database.DEFAULT_H2_PATH);
    private Clock clock = Clock.systemUTC();
    private final List<ChannelConfig> channels = new ArrayList<>();
    private final List<Template> templates = new ArrayList<>();
    private final List<CadenceDefinition> cadences = new ArrayList<>();
    private ChannelProviderLoader channelProviderLoader = ChannelProviderLoader.serviceLoader();
    private final List<ChannelProvider> channelProviders = new ArrayList<>();
    private SecretResolver secretResolver = SecretResolver.environment();
    private final List<TouchbaseListener> listeners = new ArrayList<>();
    private int schedulerThreads = DEFAULT_SCHEDULER_THREADS;
    private Duration pollingInterval = DEFAULT_POLLING_INTERVAL;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private String instanceName;
    private InDoubtPolicy inDoubtPolicy = InDoubtPolicy.TREAT_AS_SENT;
    private QuietHours quietHours = QuietHours.DEFAULT;
    private MarketingConsent marketingConsent = MarketingConsent.OPT_IN_REQUIRED;
    private ZoneId defaultZone = ZoneId.systemDefault();
    private int maxSendAttempts = DEFAULT_MAX_SEND_ATTEMPTS;
    private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
    private Duration attributionWindow = DEFAULT_ATTRIBUTION_WINDOW;
    private Set<String> unsubscribeKeywords = DEFAULT_UNSUBSCRIBE_KEYWORDS;

    Builder() {}

    /** Where state lives; an H2 file under {@code ./touchbase-data} unless set. */
    public Builder database(Database database) {
      this.database = Checks.notNull(database, "database");
      return this;
    }

    /** The clock for every time decision; tests pass a settable clock. UTC system clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull(clock, "clock");
      return this;
    }

    /** Adds a channel. Channel names must be unique. */
    public Builder channel(ChannelConfig channel) {
      channels.add(Checks.notNull(channel, "channel"));
      return this;
    }

    /** Adds a channel bound to one provider with no settings. */
    public Builder channel(String name, String providerId) {
      return channel(ChannelConfig.of(name, providerId));
    }

    /** Adds a message template. Template ids must be unique. */
    public Builder template(Template template) {
      templates.add(Checks.notNull(template, "template"));
      return this;
    }

    public Builder template(String id, String body) {
      return template(Template.of(id, body));
    }

    /** Registers a cadence at start-up, as {@code cadences().register(..)} would. */
    public Builder cadence(CadenceDefinition cadence) {
      cadences.add(Checks.notNull(cadence, "cadence"));
      return this;
    }

    /** How channel providers are discovered; {@link ChannelProviderLoader#serviceLoader()} unless set. */
    public Builder channelProviderLoader(ChannelProviderLoader loader) {
      this.channelProviderLoader = Checks.notNull(loader, "channelProviderLoader");
      return this;
    }

    /** Adds a provider instance on top of the discovered ones, e.g. a test double. */
    public Builder addChannelProvider(ChannelProvider provider) {
      channelProviders.add(Checks.notNull(provider, "channelProvider"));
      return this;
    }

    /** Resolves secrets not given in channel configuration; the environment unless set. */
    public Builder secretResolver(SecretResolver resolver) {
      this.secretResolver = Checks.notNull(resolver, "secretResolver");
      return this;
    }

    public Builder addListener(TouchbaseListener listener) {
      listeners.add(Checks.notNull(listener, "listener"));
      return this;
    }

    /** Threads that carry out due rounds, {@value #DEFAULT_SCHEDULER_THREADS} unless set. */
    public Builder schedulerThreads(int threads) {
      this.schedulerThreads = Checks.positive(threads, "schedulerThreads");
      return this;
    }

    /** How often to look for due rounds; {@link #DEFAULT_POLLING_INTERVAL} unless set. */
    public Builder pollingInterval(Duration interval) {
      this.pollingInterval = Checks.positive(interval, "pollingInterval");
      return this;
    }

    /** Heartbeat of this instance; {@link #DEFAULT_HEARTBEAT_INTERVAL} unless set. */
    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = Checks.positive(interval, "heartbeatInterval");
      return this;
    }

    /** This instance's name in the database and logs; host name plus a random suffix unless set. */
    public Builder instanceName(String name) {
      this.instanceName = Checks.name(name, "instanceName");
      return this;
    }

    /** What to do with an in-doubt send the channel cannot look up; treat as sent unless set. */
    public Builder inDoubtPolicy(InDoubtPolicy policy) {
      this.inDoubtPolicy = Checks.notNull(policy, "inDoubtPolicy");
      return this;
    }

    /** Quiet hours for marketing rounds, {@link QuietHours#DEFAULT} unless set. */
    public Builder quietHours(QuietHours quietHours) {
      this.quietHours = Checks.notNull(quietHours, "quietHours");
      return this;
    }

    /** Consent marketing rounds need; {@link MarketingConsent#OPT_IN_REQUIRED} unless set. */
    public Builder marketingConsent(MarketingConsent consent) {
      this.marketingConsent = Checks.notNull(consent, "marketingConsent");
      return this;
    }

    /** The zone for contacts without one; the system default unless set. */
    public Builder defaultZone(ZoneId zone) {
      this.defaultZone = Checks.notNull(zone, "defaultZone");
      return this;
    }

    /** Attempts per provider for retryable failures, {@value #DEFAULT_MAX_SEND_ATTEMPTS} unless set. */
    public Builder maxSendAttempts(int attempts) {
      this.maxSendAttempts = Checks.positive(attempts, "maxSendAttempts");
      return this;
    }

    /** First retry backoff, doubled per attempt; {@link #DEFAULT_RETRY_BACKOFF} unless set. */
    public Builder retryBackoff(Duration backoff) {
      this.retryBackoff = Checks.positive(backoff, "retryBackoff");
      return this;
    }

    /**
     * How long an enrollment stays open after its last round, so that a goal reached in that time
     * is attributed to the round that last touched the contact; {@link
     * #DEFAULT_ATTRIBUTION_WINDOW} unless set, zero ends enrollments right after their last round.
     */
    public Builder attributionWindow(Duration window) {
      this.attributionWindow = Checks.notNegative(window, "attributionWindow");
      return this;
    }

    /**
     * The replies that record a marketing opt-out for the channel they came in on; {@link
     * #DEFAULT_UNSUBSCRIBE_KEYWORDS} unless set. A reply matches when, trimmed of spaces and
     * punctuation, it equals a keyword ignoring case; longer replies never match, so "T" does not
     * unsubscribe "Thanks". An empty set turns the keywords off.
     */
    public Builder unsubscribeKeywords(Set<String> keywords) {
      Checks.notNull(keywords, "unsubscribeKeywords");
      Set<String> copy = new java.util.LinkedHashSet<>();
      for (String k : keywords) {
        copy.add(Checks.notBlank(k, "unsubscribeKeywords[]").strip());
      }
      this.unsubscribeKeywords = Set.copyOf(copy);
      return this;
    }

    /** The configuration as the engine will see it. */
    public TouchbaseConfig toConfig() {
      Set<String> names = new HashSet<>();
      for (ChannelConfig c : channels) {
        if (!names.add(c.name())) {
          throw new ConfigurationException("channels: channel '" + c.name() + "' is configured twice");
        }
      }
      Set<String> templateIds = new HashSet<>();
      for (Template t : templates) {
        if (!templateIds.add(t.id())) {
          throw new ConfigurationException("templates: template '" + t.id() + "' is given twice");
        }
      }
      String name =
          instanceName != null
              ? instanceName
              : hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
      return new TouchbaseConfig(
          database,
          clock,
          channels,
          templates,
          cadences,
          channelProviderLoader,
          channelProviders,
          secretResolver,
          listeners,
          schedulerThreads,
          pollingInterval,
          heartbeatInterval,
          name,
          inDoubtPolicy,
          quietHours,
          marketingConsent,
          defaultZone,
          maxSendAttempts,
          retryBackoff,
          attributionWindow,
          unsubscribeKeywords);
    }

    /**
     * Builds and starts Touchbase: migrates the database, creates channels, registers cadences
     * and starts the scheduler.
     *
     * @throws ConfigurationException if the engine is missing from the classpath or the
     *     configuration cannot work
     */
    public Touchbase build() {
      TouchbaseConfig config = toConfig();
      return engine().create(config);
    }

    private static EngineProvider engine() {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      List<EngineProvider> found = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      Iterator<EngineProvider> it =
          ServiceLoader.load(EngineProvider.class, cl != null ? cl : Touchbase.class.getClassLoader())
              .iterator();
      while (true) {
        try {
          if (!it.hasNext()) {
            break;
          }
          found.add(it.next());
        } catch (ServiceConfigurationError e) {
          failures.add(e.getMessage());
        }
      }
      if (found.isEmpty()) {
        throw new ConfigurationException(
            "No Touchbase engine found on the classpath: add the dependency"
                + " io.touchbase:touchbase-sdk-core"
                + (failures.isEmpty() ? "" : "; engines that failed to load: " + failures));
      }
      if (found.size() > 1) {
        List<String> names = new ArrayList<>();
        found.forEach(e -> names.add(e.name()));
        throw new ConfigurationException(
            "Several Touchbase engines found on the classpath: " + names + "; keep exactly one");
      }
      return found.get(0);
    }

    private static String hostName() {
      try {
        String h = java.net.InetAddress.getLocalHost().getHostName();
        String clean = h.replaceAll("[^A-Za-z0-9._-]", "");
        return clean.isEmpty() ? "touchbase" : clean.length() > 40 ? clean.substring(0, 40) : clean;
      } catch (java.io.IOException | SecurityException e) {
        return "touchbase";
      }
    }
  }
}
