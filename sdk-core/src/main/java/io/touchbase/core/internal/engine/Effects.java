package io.touchbase.core.internal.engine;

import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.core.internal.store.EnrollmentRow;
import io.touchbase.core.internal.store.TouchpointStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one transaction recorded, so listeners hear of it only after the commit.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class Effects {
  private final TouchpointStore touchpoints;
  private final List<Touchpoint> appended = new ArrayList<>();
  private final List<Enrollment> ended = new ArrayList<>();

  public Effects(TouchpointStore touchpoints) {
    this.touchpoints = touchpoints;
  }

  public Touchpoint append(Connection c, TouchpointDraft draft) throws SQLException {
    Touchpoint t = touchpoints.append(c, draft.build());
    appended.add(t);
    return t;
  }

  public void ended(EnrollmentRow e) {
    ended.add(e.toEnrollment());
  }

  public List<Touchpoint> appended() {
    return appended;
  }

  public List<Enrollment> endedEnrollments() {
    return ended;
  }
}
