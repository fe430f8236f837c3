package io.touchbase.core.internal.engine;

import io.touchbase.api.event.TouchbaseListener;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on what committed: withdraws the queued messages the transaction gave up on, then tells
 * listeners. A listener that throws is logged and ignored.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final List<TouchbaseListener> listeners;
  private final Consumer<Effects.Withdrawal> withdrawer;

  /**
   * @param withdrawer withdraws one queued message at its provider; must not throw
   */
  public Notifier(List<TouchbaseListener> listeners, Consumer<Effects.Withdrawal> withdrawer) {
    this.listeners = List.copyOf(listeners);
    this.withdrawer = withdrawer;
  }

  public void publish(Effects effects) {
    effects.withdrawals().forEach(withdrawer);
    if (listeners.isEmpty()) {
      return;
    }
    for (TouchbaseListener l : listeners) {
      try {
        effects.appended().forEach(l::onTouchpoint);
        effects.endedEnrollments().forEach(l::onEnrollmentEnded);
      } catch (RuntimeException e) {
        log.warn("Listener {} threw; ignored", l.getClass().getName(), e);
      }
    }
  }
}
