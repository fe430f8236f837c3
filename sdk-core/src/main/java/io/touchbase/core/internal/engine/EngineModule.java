package io.touchbase.core.internal.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.touchbase.core.internal.cadence.CadenceRegistry;
import io.touchbase.core.internal.cadence.CadenceSteps;
import io.touchbase.core.internal.cadence.RoundRunner;
import io.touchbase.core.internal.cadence.RoundTask;
import io.touchbase.core.internal.channel.ChannelRegistry;
import io.touchbase.core.internal.channel.DatabaseSharedTokens;
import io.touchbase.core.internal.dispatch.Dispatcher;
import io.touchbase.core.internal.json.CadenceJson;
import io.touchbase.core.internal.json.JsonCodec;
import io.touchbase.core.internal.policy.RoundPolicies;
import io.touchbase.core.internal.store.CadenceStore;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.DataSources;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.Dialect;
import io.touchbase.core.internal.store.DispatchStore;
import io.touchbase.core.internal.store.EnrollmentStore;
import io.touchbase.core.internal.store.GroupCommit;
import io.touchbase.core.internal.store.SchedulerRows;
import io.touchbase.core.internal.store.SendQuotaStore;
import io.touchbase.core.internal.store.StaffTaskStore;
import io.touchbase.core.internal.store.TokenStore;
import io.touchbase.core.internal.store.TouchpointStore;
import io.touchbase.core.internal.task.MessageConfirmations;
import io.touchbase.core.internal.task.StaffAlerts;
import io.touchbase.core.internal.task.StaffTaskFlow;
import io.touchbase.core.internal.template.TemplateRenderer;
import io.touchbase.spi.channel.SharedTokens;
import io.touchbase.spi.engine.TouchbaseConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;

/**
 * Wires the engine. Users never see Guice: {@code Touchbase.builder()} builds this module through
 * {@link CoreEngineProvider}.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class EngineModule extends AbstractModule {
  /** db-scheduler waits this long for running rounds when the engine closes. */
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

  private final TouchbaseConfig config;
  private final DataSources.Opened dataSource;
  private final Dialect dialect;

  EngineModule(TouchbaseConfig config, DataSources.Opened dataSource, Dialect dialect) {
    this.config = config;
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  @Override
  protected void configure() {
    bind(TouchbaseConfig.class).toInstance(config);
    bind(Clock.class).toInstance(config.clock());
    bind(DataSources.Opened.class).toInstance(dataSource);
    bind(Db.class).toInstance(new Db(dataSource.dataSource(), dialect));
    bind(JsonCodec.class).toInstance(new JsonCodec());
    bind(DispatchStore.class).toInstance(new DispatchStore());
    bind(EnrollmentStore.class).toInstance(new EnrollmentStore());
    bind(CadenceStore.class).toInstance(new CadenceStore());
    bind(SchedulerRows.class).toInstance(new SchedulerRows(RoundTask.NAME));
    bind(Dispatcher.class).toInstance(new Dispatcher());
    bind(StaffTaskStore.class).toInstance(new StaffTaskStore());
    bind(SendQuotaStore.class).toInstance(new SendQuotaStore());
  }

  @Provides @Singleton ContactStore contactStore(JsonCodec json) {
    return new ContactStore(json);
  }

  @Provides @Singleton TouchpointStore touchpointStore(JsonCodec json) {
    return new TouchpointStore(json);
  }

  @Provides @Singleton CadenceJson cadenceJson(JsonCodec json) {
    return new CadenceJson(json);
  }

  /**
   * The HTTP client shared by every channel. OkHttp's silent retry after a dropped connection is
   * off: the send APIs are not idempotent, and a POST the provider already received must not go
   * out twice behind the engine's back; the engine decides what to retry.
   */
  @Provides @Singleton OkHttpClient okHttpClient() {
    return new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(10))
        .callTimeout(Duration.ofSeconds(15))
        .build();
  }

  /** Provider tokens shared by the instances on this database, offered to channels as {@link SharedTokens}. */
  @Provides @Singleton SharedTokens sharedTokens(Db db, Clock clock) {
    return new DatabaseSharedTokens(db, new TokenStore(), clock, config.instanceName());
  }

  @Provides @Singleton ChannelRegistry channels(Clock clock, OkHttpClient http, JsonCodec json, SharedTokens tokens) {
    Map<Class<?>, Object> services =
        Map.of(OkHttpClient.class, http, ObjectMapper.class, json.mapper(), SharedTokens.class, tokens);
    return ChannelRegistry.create(config, clock, services);
  }

  @Provides @Singleton TemplateRenderer templates() {
    return new TemplateRenderer(config.templates());
  }

  @Provides @Singleton RoundPolicies policies(ChannelRegistry channels, SendQuotaStore quotas) {
    return new RoundPolicies(channels, config.marketingConsent(), config.quietHours(), config.defaultZone(), quotas);
  }

  @Provides @Singleton Notifier notifier(MessageConfirmations confirmations, StaffAlerts alerts) {
    return new Notifier(config.listeners(), confirmations::withdraw, alerts::send);
  }

  @Provides @Singleton StaffAlerts staffAlerts(Db db, Clock clock, ChannelRegistry channels, ContactStore contacts,
      TemplateRenderer templates, Dispatcher dispatcher, TouchpointStore touchpoints) {
    return new StaffAlerts(db, clock, channels, contacts, templates, dispatcher, touchpoints);
  }

  @Provides @Singleton CadenceRegistry cadenceRegistry(
      Db db, CadenceStore store, CadenceJson json, ChannelRegistry channels, Clock clock) {
    return new CadenceRegistry(db, store, json, channels, clock);
  }

  @Provides @Singleton CadenceSteps cadenceSteps(EnrollmentStore enrollments, ContactStore contacts,
      StaffTaskStore tasks, DispatchStore dispatches, RoundPolicies policies) {
    return new CadenceSteps(enrollments, contacts, tasks, dispatches, policies, config.attributionWindow());
  }

  @Provides @Singleton StaffTaskFlow staffTaskFlow(ChannelRegistry channels, StaffTaskStore tasks,
      EnrollmentStore enrollments, ContactStore contacts, DispatchStore dispatches, RoundPolicies policies,
      CadenceSteps steps) {
    return new StaffTaskFlow(channels, tasks, enrollments, contacts, dispatches, policies, steps);
  }

  @Provides @Singleton MessageConfirmations messageConfirmations(ChannelRegistry channels,
      CadenceRegistry cadences, StaffTaskStore tasks, EnrollmentStore enrollments, DispatchStore dispatches,
      SendQuotaStore quotas, CadenceSteps steps, StaffTaskFlow flow) {
    return new MessageConfirmations(channels, cadences, tasks, enrollments, dispatches, quotas, steps, flow);
  }

  @Provides @Singleton RoundRunner roundRunner(Db db, Clock clock, EnrollmentStore enrollments,
      DispatchStore dispatches, ContactStore contacts, TouchpointStore touchpoints, CadenceRegistry cadences,
      RoundPolicies policies, TemplateRenderer templates, ChannelRegistry channels, Dispatcher dispatcher,
      Notifier notifier, CadenceSteps steps, StaffTaskFlow staffTasks, SchedulerRows schedulerRows,
      SendQuotaStore quotas, MessageConfirmations confirmations) {
    // A batch takes at most every scheduler thread's round. Two batches at a time keep the database
    // busy while one commits: with one, the rounds waited on each commit's flush. H2 runs in
    // process, with no round trip or flush wait to share, and its rounds were no faster grouped.
    GroupCommit records = new GroupCommit(db, dialect == Dialect.POSTGRESQL ? config.schedulerThreads() : 1, 2);
    return new RoundRunner(db, clock, enrollments, dispatches, contacts, touchpoints, cadences, policies,
        templates, channels, dispatcher, notifier,
        new RoundRunner.Settings(config.instanceName(), config.maxSendAttempts(), config.retryBackoff(),
            config.inDoubtPolicy()),
        steps, staffTasks, schedulerRows, quotas, confirmations, records);
  }

  @Provides @Singleton Scheduler scheduler(RoundRunner runner, Clock clock, Db db, SchedulerRows schedulerRows) {
    // The task is built before the scheduler it asks to look for due wake-ups.
    AtomicReference<Scheduler> built = new AtomicReference<>();
    Runnable dueNow = () -> {
      Scheduler s = built.get();
      if (s != null) {
        s.triggerCheckForDueExecutions();
      }
    };
    CustomTask<Void> task = RoundTask.create(runner, clock, db, schedulerRows, dueNow);
    EngineSchedulerBuilder b = new EngineSchedulerBuilder(dataSource.dataSource(), List.of(task));
    b.threads(config.schedulerThreads())
        .pollingInterval(config.pollingInterval())
        .heartbeatInterval(config.heartbeatInterval())
        .schedulerName(new SchedulerName.Fixed(config.instanceName()))
        .enableImmediateExecution()
        .shutdownMaxWait(SHUTDOWN_WAIT)
        .failureLogging(LogLevel.WARN, true);
    if (dialect == Dialect.POSTGRESQL) {
      b.jdbcCustomization(new PostgreSqlJdbcCustomization(false, false));
      b.pollUsingLockAndFetch(0.5, 3.0);
    } else {
      b.jdbcCustomization(new DefaultJdbcCustomization(false));
      // H2 locks every matching row before applying a limit, so lock-and-fetch collapses there.
      b.pollUsingFetchAndLockOnExecute(0.5, 3.0);
    }
    b.useClock(clock::instant);
    Scheduler scheduler = b.build();
    built.set(scheduler);
    return scheduler;
  }

  @Provides @Singleton TouchbaseEngine engine(Db db, Clock clock, ContactStore contactStore,
      TouchpointStore touchpointStore, EnrollmentStore enrollmentStore, DispatchStore dispatchStore,
      CadenceRegistry cadenceRegistry, SchedulerRows schedulerRows, RoundPolicies policies,
      ChannelRegistry channels, Notifier notifier, Scheduler scheduler, OkHttpClient http, CadenceSteps steps,
      StaffTaskStore staffTaskStore, StaffTaskFlow staffTaskFlow, SendQuotaStore quotas) {
    return new TouchbaseEngine(
        config.instanceName(),
        new ContactsService(db, contactStore, clock,
            new ContactMerges(contactStore, enrollmentStore, touchpointStore, staffTaskStore, schedulerRows, steps),
            touchpointStore, notifier),
        new TouchpointsService(db, touchpointStore, contactStore),
        new CadencesService(db, clock, cadenceRegistry, enrollmentStore, contactStore, schedulerRows, policies,
            touchpointStore, notifier, scheduler::triggerCheckForDueExecutions, steps),
        new EventsService(db, clock, contactStore, enrollmentStore, cadenceRegistry, schedulerRows,
            touchpointStore, notifier, steps, staffTaskStore),
        new CallbacksService(db, clock, channels, dispatchStore, enrollmentStore, contactStore, touchpointStore,
            notifier, new UnsubscribeKeywords(config.unsubscribeKeywords()), quotas),
        new StaffTasksService(db, clock, staffTaskStore, enrollmentStore, cadenceRegistry, staffTaskFlow,
            schedulerRows, touchpointStore, notifier, scheduler::triggerCheckForDueExecutions, contactStore),
        scheduler, channels, http, dataSource, db, schedulerRows, clock);
  }

  /**
   * Gives db-scheduler the engine clock for due times and heartbeats. Set after the polling
   * interval, so the poller keeps waiting in real time even when a test clock stands still.
   */
  private static final class EngineSchedulerBuilder extends SchedulerBuilder {
    EngineSchedulerBuilder(javax.sql.DataSource dataSource, List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks) {
      super(dataSource, tasks);
    }

    void useClock(com.github.kagkarlsson.scheduler.Clock engineClock) {
      this.clock = engineClock;
    }
  }
}
