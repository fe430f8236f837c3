package io.touchbase.api;

import java.util.List;
import java.util.Objects;

/** A channel names a provider id that no {@code ChannelProvider} on the classpath declares. */
public final class UnknownChannelProviderException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String requestedId;
  private final List<String> availableIds;

  public UnknownChannelProviderException(
      String channelName, String requestedId, List<String> availableIds) {
    this(channelName, requestedId, availableIds.stream().sorted().toList(), true);
  }

  private UnknownChannelProviderException(
      String channelName, String requestedId, List<String> sortedIds, boolean sorted) {
    super(
        "Channel '"
            + channelName
            + "' names provider '"
            + requestedId
            + "', which is not on the classpath; providers found: "
            + sortedIds);
    this.requestedId = Objects.requireNonNull(requestedId, "requestedId");
    this.availableIds = sortedIds;
  }

  /** The provider id the configuration asked for. */
  public String requestedId() {
    return requestedId;
  }

  /** The provider ids that were found, sorted. */
  public List<String> availableIds() {
    return availableIds;
  }
}
