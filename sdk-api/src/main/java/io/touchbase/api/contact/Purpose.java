package io.touchbase.api.contact;

/** Why a message is sent; consent and quiet hours apply per purpose. */
public enum Purpose {
  /** Service messages the customer expects: order, delivery, membership status. */
  TRANSACTIONAL,
  /** Promotion and re-engagement. Needs consent and respects quiet hours. */
  MARKETING
}
