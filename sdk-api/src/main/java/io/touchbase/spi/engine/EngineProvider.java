package io.touchbase.spi.engine;

import io.touchbase.api.Touchbase;

/**
 * Binds {@link Touchbase#builder()} to an engine implementation, found through {@link
 * java.util.ServiceLoader}; {@code touchbase-sdk-core} provides one. Not for plugin authors.
 */
public interface EngineProvider {

  /** A short name for messages, e.g. {@code touchbase-sdk-core}. */
  String name();

  /**
   * Builds and starts an engine: migrates the database, creates the configured channels and
   * starts the scheduler.
   *
   * @throws io.touchbase.api.ConfigurationException when the configuration cannot work
   */
  Touchbase create(TouchbaseConfig config);
}
