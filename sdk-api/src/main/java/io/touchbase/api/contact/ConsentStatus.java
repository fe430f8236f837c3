package io.touchbase.api.contact;

/** A contact's answer for one channel type and purpose. */
public enum ConsentStatus {
  OPTED_IN,
  OPTED_OUT
}
