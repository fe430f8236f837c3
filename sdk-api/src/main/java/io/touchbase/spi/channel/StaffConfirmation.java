package io.touchbase.spi.channel;

import io.touchbase.api.contact.Address;
import io.touchbase.api.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a channel's accepted sends wait for a staff member to confirm them before they reach the
 * contact, such as a WeCom customer-contact message: the provider queues it in the staff
 * member's client, and it goes out only when they press send. The engine treats such a send as a
 * staff task: it asks {@link #status} every {@link #pollInterval()} until the message is sent or
 * refused, and at the {@link #deadline()} it {@linkplain #cancel withdraws} the message and falls
 * back to the round's next channel. Must be thread-safe.
 */
public interface StaffConfirmation {

  /** How long a staff member has to confirm, counted from the accepted send. */
  Duration deadline();

  /** How often the engine asks the provider; at least a minute is polite to most APIs. */
  Duration pollInterval();

  /**
   * Asks the provider whether the staff member sent the message.
   *
   * @throws ChannelException when the provider could not be asked; the engine asks again later
   */
  ConfirmationStatus status(ConfirmationRequest request);

  /**
   * Withdraws a message that was not confirmed in time, so that it can not go out after the
   * round has fallen back to another channel. Best effort; the default does nothing.
   *
   * @throws ChannelException when the provider could not be asked; the engine records the
   *     fallback anyway and says the withdrawal failed
   */
  default void cancel(ConfirmationRequest request) {}

  /**
   * One send awaiting confirmation.
   *
   * @param dispatchId our dispatch id of the send
   * @param providerMessageId the provider's id for the queued message
   * @param to the contact's address
   * @param acceptedAt when the provider accepted the send
   */
  record ConfirmationRequest(DispatchId dispatchId, String providerMessageId, Address to, Instant acceptedAt) {
    public ConfirmationRequest {
      Checks.notNull(dispatchId, "dispatchId");
      Checks.notBlank(providerMessageId, "providerMessageId");
      Checks.notNull(to, "to");
      Checks.notNull(acceptedAt, "acceptedAt");
    }
  }

  /**
   * What the provider says about a send awaiting confirmation.
   *
   * @param state where it stands
   * @param staffId the staff member who sent or refused it, when the provider says
   * @param at when it was sent, when the provider says
   * @param detail a short explanation for the touchpoint, such as why it was not sent (the engine
   *     writes {@code not sent: <detail>}); no personal data
   */
  record ConfirmationStatus(State state, Optional<String> staffId, Optional<Instant> at, String detail) {
    public ConfirmationStatus {
      Checks.notNull(state, "state");
      Checks.notNull(staffId, "staffId");
      Checks.notNull(at, "at");
      Checks.notNull(detail, "detail");
    }

    /** Not sent yet; ask again later. */
    public static ConfirmationStatus pending(String detail) {
      return new ConfirmationStatus(State.PENDING, Optional.empty(), Optional.empty(), detail);
    }

    /** Where a confirmation stands. */
    public enum State {
      /** The staff member has not acted yet. */
      PENDING,
      /** The staff member sent it: the message reached the contact. */
      SENT,
      /** It will not be sent: refused, the contact can not receive it, or the provider dropped it. */
      NOT_SENT
    }
  }
}
