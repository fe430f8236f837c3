package io.touchbase.api;

/** What consent a marketing round needs on a channel type. Transactional rounds only need no opt-out. */
public enum MarketingConsent {
  /** The contact must have opted in to marketing on the channel type (the default). */
  OPT_IN_REQUIRED,
  /** The contact must not have opted out; for jurisdictions and relationships that allow it. */
  UNLESS_OPTED_OUT
}
