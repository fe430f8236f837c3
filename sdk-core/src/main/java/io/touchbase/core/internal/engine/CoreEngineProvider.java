package io.touchbase.core.internal.engine;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.github.kagkarlsson.scheduler.Scheduler;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.core.internal.store.DataSources;
import io.touchbase.core.internal.store.Dialect;
import io.touchbase.core.internal.store.Migrations;
import io.touchbase.spi.engine.EngineProvider;
import io.touchbase.spi.engine.TouchbaseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sdk-core's engine, found by {@code Touchbase.builder()} through ServiceLoader. Opens the
 * database, migrates it, wires the engine, registers configured cadences, then starts polling.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class CoreEngineProvider implements EngineProvider {
  private static final Logger log = LoggerFactory.getLogger(CoreEngineProvider.class);

  /** Guice wraps what our providers throw; the user should see our exception, not Guice's. */
  private static RuntimeException ownCause(
      java.util.Collection<com.google.inject.spi.Message> messages, RuntimeException wrapper) {
    for (com.google.inject.spi.Message m : messages) {
      for (Throwable t = m.getCause(); t != null; t = t.getCause()) {
        if (t instanceof io.touchbase.api.TouchbaseException || t instanceof IllegalArgumentException) {
          return (RuntimeException) t;
        }
      }
    }
    return wrapper;
  }

  @Override
  public String name() {
    return "touchbase-sdk-core";
  }

  @Override
  public Touchbase create(TouchbaseConfig config) {
    DataSources.Opened ds =
        DataSources.open(config.database(), Math.max(10, config.schedulerThreads() + 6), "touchbase-" + config.instanceName());
    try {
      Dialect dialect = Dialect.detect(ds.dataSource());
      Migrations.migrate(ds.dataSource());
      Injector injector = Guice.createInjector(Stage.PRODUCTION, new EngineModule(config, ds, dialect));
      TouchbaseEngine engine = injector.getInstance(TouchbaseEngine.class);
      try {
        for (CadenceDefinition d : config.cadences()) {
          engine.cadences().register(d);
        }
        injector.getInstance(Scheduler.class).start();
      } catch (RuntimeException e) {
        engine.close();
        throw e;
      }
      log.info("Touchbase instance '{}' started on {} ({} channels, {} cadences)",
          config.instanceName(), dialect, config.channels().size(), config.cadences().size());
      return engine;
    } catch (com.google.inject.ProvisionException e) {
      ds.closeIfOwned();
      throw ownCause(e.getErrorMessages(), e);
    } catch (com.google.inject.CreationException e) {
      ds.closeIfOwned();
      throw ownCause(e.getErrorMessages(), e);
    } catch (RuntimeException e) {
      ds.closeIfOwned();
      throw e;
    }
  }
}
