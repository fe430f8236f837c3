package io.touchbase.core.internal.engine;

import io.touchbase.api.touchpoint.TouchpointKind;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which a dispatch's statuses can follow each other: sent, then one outcome
 * (delivered, failed, answered, not answered), then opened, then clicked. Providers may report
 * out of order (Twilio says so); a report at or below what a dispatch already has never moves its
 * history backwards, and a second, different outcome does not overwrite the first.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class DeliveryProgress {
  private static final Map<TouchpointKind, Integer> STEP = Map.of(
      TouchpointKind.SENT, 0,
      TouchpointKind.IN_DOUBT, 0,
      TouchpointKind.DELIVERED, 1,
      TouchpointKind.FAILED, 1,
      TouchpointKind.CALL_ANSWERED, 1,
      TouchpointKind.CALL_NOT_ANSWERED, 1,
      TouchpointKind.OPENED, 2,
      TouchpointKind.CLICKED, 3);

  private DeliveryProgress() {}

  /**
   * Why a report of {@code kind} must be ignored, given the kinds a dispatch already has; empty
   * when it moves the dispatch forward.
   */
  static Optional<String> staleBecause(TouchpointKind kind, Set<TouchpointKind> recorded) {
    if (recorded.contains(kind)) {
      return Optional.of("duplicate");
    }
    Integer step = STEP.get(kind);
    if (step == null) {
      return Optional.empty();
    }
    for (TouchpointKind k : recorded) {
      Integer has = STEP.get(k);
      if (has != null && has >= step && has > 0) {
        return Optional.of("out of order: already " + k);
      }
    }
    return Optional.empty();
  }
}
