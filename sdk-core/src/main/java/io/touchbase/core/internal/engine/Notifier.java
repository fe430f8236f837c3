package io.touchbase.core.internal.engine;

import io.touchbase.api.event.TouchbaseListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells listeners what committed. A listener that throws is logged and ignored.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final List<TouchbaseListener> listeners;

  public Notifier(List<TouchbaseListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  public void publish(Effects effects) {
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
