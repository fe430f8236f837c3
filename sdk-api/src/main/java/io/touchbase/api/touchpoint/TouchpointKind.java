package io.touchbase.api.touchpoint;

/** What happened in one interaction with a contact. */
public enum TouchpointKind {
  /** A provider accepted a message for delivery. */
  SENT(Direction.OUTBOUND),
  /** The provider reported the message delivered to the handset, inbox or app. */
  DELIVERED(Direction.OUTBOUND),
  /** Sending or delivery failed; the reason says why. */
  FAILED(Direction.OUTBOUND),
  /** The contact opened the message (email, WeChat article). */
  OPENED(Direction.INBOUND),
  /** The contact clicked a link in the message. */
  CLICKED(Direction.INBOUND),
  /** The contact replied (SMS reply, WeChat message). */
  REPLIED(Direction.INBOUND),
  /** A call reached the contact and was answered. */
  CALL_ANSWERED(Direction.OUTBOUND),
  /** A call was not answered: no answer, busy, rejected, powered off ... (see reason). */
  CALL_NOT_ANSWERED(Direction.OUTBOUND),
  /** The contact asked to receive no more messages of a purpose on a channel. */
  UNSUBSCRIBED(Direction.INBOUND),
  /** A round was not sent on purpose: no address, no consent ... (see reason). */
  SUPPRESSED(Direction.INTERNAL),
  /** A round was postponed: quiet hours, a provider's per-number window ... (see reason). */
  DEFERRED(Direction.INTERNAL),
  /**
   * A send whose outcome is unknown: the process stopped after calling the provider and before
   * recording its answer, and the provider could not be asked. Counted, never silent.
   */
  IN_DOUBT(Direction.OUTBOUND),
  /** The contact reached a cadence's goal; attributed to the round that last touched them. */
  CONVERTED(Direction.INBOUND),
  /** An event the host recorded, such as {@code order.paid}. */
  HOST_EVENT(Direction.INBOUND),
  /**
   * A round on a staff channel created a task for a person (an agent's call); the attributes
   * carry {@code taskId}, {@code queue}, {@code attempt}, {@code dueAt} and {@code deadline}.
   */
  TASK_CREATED(Direction.INTERNAL),
  /** A staff task was not completed by its deadline; the round fell back or moved on. */
  TASK_EXPIRED(Direction.INTERNAL),
  /** A staff task was withdrawn: its enrollment ended, or the call was no longer allowed (see reason). */
  TASK_CANCELLED(Direction.INTERNAL),
  /**
   * Contacts were merged ({@link io.touchbase.api.contact.Contacts#merge}): on the survivor, the
   * record of the merge (attribute {@code absorbed} names the absorbed id); on an enrollment of the
   * absorbed contact that the merge ended because the survivor walks the same cadence, the reason.
   */
  MERGED(Direction.INTERNAL);

  private final Direction direction;

  TouchpointKind(Direction direction) {
    this.direction = direction;
  }

  public Direction direction() {
    return direction;
  }

  /** Whether the touchpoint went out to, came in from, or was decided about the contact. */
  public enum Direction {
    OUTBOUND,
    INBOUND,
    INTERNAL
  }
}
