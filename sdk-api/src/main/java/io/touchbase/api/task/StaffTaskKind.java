package io.touchbase.api.task;

/** What a person is asked to do. */
public enum StaffTaskKind {
  /** Phone the contact and report the outcome as a {@link CallOutcome}. */
  CALL,
  /**
   * Send, in the provider's own client, a message the engine queued there (a WeCom
   * customer-contact message). The engine learns the outcome from the provider, not from an
   * agent: such a task is listed, but can not be claimed, released, revealed or completed through
   * {@link StaffTasks}. It ends COMPLETED when the provider reports the message sent or not sent,
   * EXPIRED at its deadline (the message is then withdrawn at the provider and the round falls
   * back to its next channel), or CANCELLED when the enrollment ends first.
   */
  CONFIRM_MESSAGE
}
