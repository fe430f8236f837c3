package io.touchbase.testkit;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The default message of {@link ChannelProviderContractTest} and what must never leak. */
final class ContractMessages {
  static final String PHONE = "+8613800138000";
  static final String EMAIL = "jane.doe@example.com";
  static final String OPAQUE_ID = "contract-test-user";
  static final String SCOPE = "app-1";
  // Short values would match ordinary text by chance ("key" in "apiKey"), not by leaking.
  private static final int MIN_CHECKED_LENGTH = 6;

  private ContractMessages() {}

  static OutboundMessage message(DispatchId id, String channel, AddressKind kind) {
    return new OutboundMessage(
        id,
        channel,
        ContactId.of("contract-contact"),
        address(kind),
        Purpose.TRANSACTIONAL,
        "contract-test",
        Map.of("name", "Contract"),
        Optional.of("Hello Contract"),
        Optional.empty());
  }

  static Address address(AddressKind kind) {
    if (kind.equals(AddressKind.PHONE)) {
      return Address.phone(PHONE);
    }
    if (kind.equals(AddressKind.EMAIL)) {
      return Address.email(EMAIL);
    }
    return new Address(kind, OPAQUE_ID, kind.scoped() ? SCOPE : "");
  }

  /** Secret values and the recipient's full address: text that no toString or message may hold. */
  static List<String> sensitive(Map<String, String> secrets, Address to) {
    List<String> values = new ArrayList<>();
    secrets.values().stream().filter(v -> v.strip().length() >= MIN_CHECKED_LENGTH).forEach(values::add);
    values.add(to.value());
    return values;
  }
}
