package io.touchbase.api.task;

import java.util.Locale;

/** How a staff call went, as the agent reports it. */
public enum CallResult {
  /** The contact answered and the call took place. */
  ANSWERED,
  /** Nobody answered. */
  NO_ANSWER,
  /** The line was busy or the call was rejected. */
  BUSY,
  /** The contact asked to be called back at a given time. */
  CALL_BACK,
  /** The number does not belong to the contact or does not exist. */
  WRONG_NUMBER,
  /** The contact refused: no more calls of this kind. */
  REFUSED,
  /** The contact did what the cadence is for (renewed, paid, ...) during the call. */
  CONVERTED;

  /** The result in lower-kebab form, as touchpoint reasons carry it: {@code no-answer}. */
  public String kebab() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
