package io.touchbase.api.touchpoint;

import io.touchbase.api.contact.ContactId;
import java.util.List;
import java.util.Map;

/** The touchpoints API: an append-only log of every interaction. Thread-safe. */
public interface Touchpoints {

  /** A contact's timeline, oldest first. */
  List<Touchpoint> timeline(ContactId contactId);

  /** Touchpoints matching the query, oldest first. */
  List<Touchpoint> query(TouchpointQuery query);

  /** How many touchpoints of each kind match the query (its limit is ignored). */
  Map<TouchpointKind, Long> count(TouchpointQuery query);
}
