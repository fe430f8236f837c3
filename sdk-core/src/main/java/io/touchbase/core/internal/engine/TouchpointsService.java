package io.touchbase.core.internal.engine;

import io.touchbase.api.contact.ContactId;
import io.touchbase.api.internal.Checks;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.api.touchpoint.TouchpointQuery;
import io.touchbase.api.touchpoint.Touchpoints;
import io.touchbase.core.internal.store.ContactStore;
import io.touchbase.core.internal.store.Db;
import io.touchbase.core.internal.store.TouchpointStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The touchpoints API over {@link TouchpointStore}. A contact id in a query may be an alias of a
 * merged contact: it stands for the survivor, and the survivor's history is read under every id it
 * may be stored under (its own and its aliases').
 *
 * <p>This class is internal and is hence not for public use.
 */
final class TouchpointsService implements Touchpoints {
  private final Db db;
  private final TouchpointStore store;
  private final ContactStore contacts;

  TouchpointsService(Db db, TouchpointStore store, ContactStore contacts) {
    this.db = db;
    this.store = store;
    this.contacts = contacts;
  }

  @Override
  public List<Touchpoint> timeline(ContactId contactId) {
    Checks.notNull(contactId, "contactId");
    return db.read("read timeline", c -> store.timeline(c, idsOf(c, contactId)));
  }

  @Override
  public List<Touchpoint> query(TouchpointQuery query) {
    Checks.notNull(query, "query");
    return db.read("query touchpoints", c -> store.query(c, query, idsOf(c, query)));
  }

  @Override
  public Map<TouchpointKind, Long> count(TouchpointQuery query) {
    Checks.notNull(query, "query");
    return db.read("count touchpoints", c -> store.count(c, query, idsOf(c, query)));
  }

  private List<String> idsOf(Connection c, TouchpointQuery query) throws SQLException {
    return query.contactId().isPresent() ? idsOf(c, query.contactId().get()) : List.of();
  }

  /** The survivor an id stands for, with its aliases; the id itself when it names no contact. */
  private List<String> idsOf(Connection c, ContactId id) throws SQLException {
    return contacts.withAliases(c, contacts.resolve(c, id).orElse(id));
  }
}
