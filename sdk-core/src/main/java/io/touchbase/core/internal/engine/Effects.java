package io.touchbase.core.internal.engine;

import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.core.internal.store.EnrollmentRow;
import io.touchbase.core.internal.store.TouchpointStore;
import io.touchbase.spi.channel.StaffConfirmation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one transaction recorded, so listeners hear of it, and queued messages it gave up on are
 * withdrawn, only after the commit.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class Effects {
  private final TouchpointStore touchpoints;
  private final List<Touchpoint> appended = new ArrayList<>();
  private final List<Enrollment> ended = new ArrayList<>();
  private final List<Withdrawal> withdrawals = new ArrayList<>();
  private final List<StaffAlert> alerts = new ArrayList<>();

  /**
   * A staff task the transaction created whose channel announces new tasks: sent once the
   * transaction has committed, never inside it.
   *
   * @param variables what the alert template may use: queue, taskId, channel, cadence, round,
   *     attempt, dueAt, deadline, contactId
   */
  public record StaffAlert(long taskId, String alertChannel, String alertContact, String template,
      Map<String, String> variables) {}

  /**
   * A message queued for a staff member's confirmation that the transaction gave up on: it is
   * withdrawn at its provider once the transaction has committed, never inside it.
   */
  public record Withdrawal(String channel, String provider, StaffConfirmation.ConfirmationRequest request) {}

  public Effects(TouchpointStore touchpoints) {
    this.touchpoints = touchpoints;
  }

  /**
   * Appends a touchpoint. It is written when the transaction next uses its connection, at the latest
   * at the commit ({@link TouchpointStore#appendLater}); {@link #appended} has it with its id then.
   */
  public void append(Connection c, TouchpointDraft draft) throws SQLException {
    int slot = appended.size();
    appended.add(null);
    touchpoints.appendLater(c, draft.build(), stored -> appended.set(slot, stored));
  }

  public void ended(EnrollmentRow e) {
    ended.add(e.toEnrollment());
  }

  public void alert(StaffAlert a) {
    alerts.add(a);
  }

  public List<StaffAlert> alerts() {
    return alerts;
  }

  public void withdraw(Withdrawal w) {
    withdrawals.add(w);
  }

  public List<Withdrawal> withdrawals() {
    return withdrawals;
  }

  /** The touchpoints appended, in order, with their ids; asked once the transaction has committed. */
  public List<Touchpoint> appended() {
    if (appended.contains(null)) {
      throw new IllegalStateException("a touchpoint appended has not been written yet");
    }
    return appended;
  }

  public List<Enrollment> endedEnrollments() {
    return ended;
  }
}
