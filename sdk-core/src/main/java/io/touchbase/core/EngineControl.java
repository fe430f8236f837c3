package io.touchbase.core;

import java.time.Duration;

/**
 * Operational controls of an sdk-core engine, for tests, demos and tools. Obtain it with {@code
 * touchbase.unwrap(EngineControl.class)}.
 *
 * <pre>{@code
 * clock.advance(Duration.ofDays(7));
 * touchbase.unwrap(EngineControl.class).orElseThrow().awaitIdle(Duration.ofSeconds(10));
 * }</pre>
 */
public interface EngineControl {

  /**
   * Wakes the scheduler and waits until no round is due by the engine clock and none is running,
   * on any instance sharing the database. Use it after moving a test clock forward.
   *
   * @return true when idle, false when {@code timeout} passed first
   */
  boolean awaitIdle(Duration timeout);

  /** This instance's name in the database and logs. */
  String instanceName();
}
