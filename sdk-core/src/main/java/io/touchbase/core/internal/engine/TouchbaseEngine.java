package io.touchbase.core.internal.engine;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.Cadences;
import io.touchbase.api.callback.Callbacks;
import io.touchbase.api.contact.Contacts;
import io.touchbase.api.event.Events;
import io.touchbase.api.task.StaffTasks;
import io.touchbase.api.touchpoint.Touchpoints;
import io.touchbase.core.EngineControl;
import io.touchbase.core.internal.channel.ChannelRegistry;
import io.touchbase.core.internal.store.DataSources;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.SchedulerRows;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running engine: the facade the host holds, and its orderly shutdown.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class TouchbaseEngine implements Touchbase, EngineControl {
  private static final Logger log = LoggerFactory.getLogger(TouchbaseEngine.class);

  private final String instanceName;
  private final Contacts contacts;
  private final Touchpoints touchpoints;
  private final Cadences cadences;
  private final Events events;
  private final Callbacks callbacks;
  private final StaffTasks staffTasks;
  private final Scheduler scheduler;
  private final ChannelRegistry channels;
  private final OkHttpClient http;
  private final DataSources.Opened dataSource;
  private final Db db;
  private final SchedulerRows schedulerRows;
  private final Clock clock;
  private final AtomicBoolean closed = new AtomicBoolean();

  TouchbaseEngine(String instanceName, Contacts contacts, Touchpoints touchpoints, Cadences cadences, Events events,
      Callbacks callbacks, StaffTasks staffTasks, Scheduler scheduler, ChannelRegistry channels, OkHttpClient http,
      DataSources.Opened dataSource, Db db, SchedulerRows schedulerRows, Clock clock) {
    this.instanceName = instanceName;
    this.contacts = contacts;
    this.touchpoints = touchpoints;
    this.cadences = cadences;
    this.events = events;
    this.callbacks = callbacks;
    this.staffTasks = staffTasks;
    this.scheduler = scheduler;
    this.channels = channels;
    this.http = http;
    this.dataSource = dataSource;
    this.db = db;
    this.schedulerRows = schedulerRows;
    this.clock = clock;
  }

  @Override
  public Contacts contacts() {
    return contacts;
  }

  @Override
  public Touchpoints touchpoints() {
    return touchpoints;
  }

  @Override
  public Cadences cadences() {
    return cadences;
  }

  @Override
  public Events events() {
    return events;
  }

  @Override
  public Callbacks callbacks() {
    return callbacks;
  }

  @Override
  public StaffTasks staffTasks() {
    return staffTasks;
  }

  @Override
  public String instanceName() {
    return instanceName;
  }

  @Override
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      scheduler.triggerCheckForDueExecutions();
      int due = db.read("count due rounds", c -> schedulerRows.countDue(c, clock.instant()));
      if (due == 0) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("Touchbase instance '{}' stopping", instanceName);
    try {
      scheduler.stop();
    } finally {
      channels.close();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      dataSource.closeIfOwned();
    }
    log.info("Touchbase instance '{}' stopped", instanceName);
  }

  @Override
  public String toString() {
    return "Touchbase{instance=" + instanceName + "}";
  }
}
