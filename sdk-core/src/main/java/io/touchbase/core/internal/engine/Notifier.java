package io.touchbase.core.internal.engine;

import io.touchbase.api.event.TouchbaseListener;
import io.touchbase.api.touchpoint.Touchpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on what committed: withdraws the queued messages the transaction gave up on, announces the
 * staff tasks it created, then tells listeners (of the alerts' touchpoints too). A listener that
 * throws is logged and ignored.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final List<TouchbaseListener> listeners;
  private final Consumer<Effects.Withdrawal> withdrawer;
  private final Function<Effects.StaffAlert, Optional<Touchpoint>> alerter;

  /**
   * @param withdrawer withdraws one queued message at its provider; must not throw
   * @param alerter sends one staff alert and returns the touchpoint it recorded; must not throw
   */
  public Notifier(List<TouchbaseListener> listeners, Consumer<Effects.Withdrawal> withdrawer,
      Function<Effects.StaffAlert, Optional<Touchpoint>> alerter) {
    this.listeners = List.copyOf(listeners);
    this.withdrawer = withdrawer;
    this.alerter = alerter;
  }

  public void publish(Effects effects) {
    effects.withdrawals().forEach(withdrawer);
    List<Touchpoint> alerted = new ArrayList<>();
    for (Effects.StaffAlert a : effects.alerts()) {
      alerter.apply(a).ifPresent(alerted::add);
    }
    if (listeners.isEmpty()) {
      return;
    }
    for (TouchbaseListener l : listeners) {
      try {
        effects.appended().forEach(l::onTouchpoint);
        alerted.forEach(l::onTouchpoint);
        effects.endedEnrollments().forEach(l::onEnrollmentEnded);
      } catch (RuntimeException e) {
        log.warn("Listener {} threw; ignored", l.getClass().getName(), e);
      }
    }
  }
}
