package io.touchbase.core.internal.engine;

import io.touchbase.api.contact.ContactId;
import io.touchbase.api.internal.Checks;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.api.touchpoint.TouchpointQuery;
import io.touchbase.api.touchpoint.Touchpoints;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.TouchpointStore;
import java.util.List;
import java.util.Map;

/**
 * The touchpoints API over {@link TouchpointStore}.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class TouchpointsService implements Touchpoints {
  private final Db db;
  private final TouchpointStore store;

  TouchpointsService(Db db, TouchpointStore store) {
    this.db = db;
    this.store = store;
  }

  @Override
  public List<Touchpoint> timeline(ContactId contactId) {
    Checks.notNull(contactId, "contactId");
    return db.read("read timeline", c -> store.timeline(c, contactId));
  }

  @Override
  public List<Touchpoint> query(TouchpointQuery query) {
    Checks.notNull(query, "query");
    return db.read("query touchpoints", c -> store.query(c, query));
  }

  @Override
  public Map<TouchpointKind, Long> count(TouchpointQuery query) {
    Checks.notNull(query, "query");
    return db.read("count touchpoints", c -> store.count(c, query));
  }
}
