package io.touchbase.spi.channel;

import io.touchbase.api.internal.Checks;

/**
 * Our id for one attempt to deliver one round through one provider; stable across retries of
 * the same attempt and unique across attempts. Channels pass it to providers as their
 * correlation id. At most 64 ASCII characters.
 */
public record DispatchId(String value) {
  public DispatchId {
    Checks.notBlank(value, "dispatchId");
    if (value.length() > 64 || !value.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new IllegalArgumentException(
          "dispatchId must be at most 64 printable ASCII characters, but was '" + value + "'");
    }
  }

  public static DispatchId of(String value) {
    return new DispatchId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
