package io.touchbase.spi.channel;

import io.touchbase.api.internal.Checks;
import java.util.Optional;

/**
 * What a provider says about a message looked up by our dispatch id.
 *
 * @param status found, not found, or cannot tell
 * @param providerMessageId the provider's id, when found
 * @param detail a short explanation for the touchpoint and the log; no personal data
 */
public record LookupResult(Status status, Optional<String> providerMessageId, String detail) {
  public LookupResult {
    Checks.notNull(status, "status");
    Checks.notNull(providerMessageId, "providerMessageId");
    Checks.notNull(detail, "detail");
    if (status == Status.FOUND && providerMessageId.isEmpty()) {
      throw new IllegalArgumentException("providerMessageId is required when status is FOUND");
    }
  }

  /** The provider has the message: it was sent. */
  public static LookupResult found(String providerMessageId) {
    return new LookupResult(Status.FOUND, Optional.of(providerMessageId), "found by dispatch id");
  }

  /** The provider definitely has no message with this id: it is safe to send again. */
  public static LookupResult notFound(String detail) {
    return new LookupResult(Status.NOT_FOUND, Optional.empty(), detail);
  }

  /** The provider cannot be asked or cannot tell. */
  public static LookupResult unknown(String detail) {
    return new LookupResult(Status.UNKNOWN, Optional.empty(), detail);
  }

  /** The answer of a look-up. */
  public enum Status {
    FOUND,
    NOT_FOUND,
    UNKNOWN
  }
}
