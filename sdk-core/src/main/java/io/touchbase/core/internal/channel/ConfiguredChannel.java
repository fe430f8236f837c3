package io.touchbase.core.internal.channel;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Contact;
import io.touchbase.core.internal.dispatch.ProviderGuard;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A configured channel name with its providers in failover order.
 *
 * <p>This class is internal and is hence not for public use.
 */
public record ConfiguredChannel(String name, List<Bound> providers) {

  /** One provider of the channel, the channel instance it created, and the guard around it. */
  public record Bound(String providerId, ChannelProvider provider, Channel channel, ProviderGuard guard) {}

  public ChannelType type() {
    Bound first = providers.get(0);
    return first.channel().channelType().orElse(first.provider().channelType());
  }

  /** Address kinds any of the providers can send to, in preference order. */
  public List<AddressKind> addressKinds() {
    Set<AddressKind> kinds = new LinkedHashSet<>();
    for (Bound b : providers) {
      kinds.addAll(b.provider().requiredAddressKinds());
    }
    return new ArrayList<>(kinds);
  }

  /**
   * The app or corporation id of the channel's scoped addresses, as its providers declare it
   * ({@link Channel#addressScope()}); the registry refuses a channel whose providers declare
   * different ones. Empty when none declares one: then an address of a scoped kind is taken from
   * any scope.
   */
  public Optional<String> addressScope() {
    for (Bound b : providers) {
      Optional<String> scope = b.channel().addressScope();
      if (scope.isPresent()) {
        return scope;
      }
    }
    return Optional.empty();
  }

  /**
   * The contact's address this channel sends to: the first of the kinds its providers accept, in
   * their order of preference, and for scoped kinds of the channel's scope when it has one.
   */
  public Optional<Address> addressFor(Contact contact) {
    Optional<String> scope = addressScope();
    for (AddressKind k : addressKinds()) {
      for (Address a : contact.addresses()) {
        if (a.kind().equals(k) && (!k.scoped() || scope.isEmpty() || a.scope().equals(scope.get()))) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The quota key a send of {@code templateId} on this channel uses up ({@link
   * Channel#sendQuotaKey(String)}): the first one its providers declare. Empty when sends need no
   * quota.
   */
  public Optional<String> sendQuotaKey(String templateId) {
    for (Bound b : providers) {
      Optional<String> key = b.channel().sendQuotaKey(templateId);
      if (key.isPresent()) {
        return key;
      }
    }
    return Optional.empty();
  }

  public Bound provider(String providerId) {
    return providers.stream()
        .filter(b -> b.providerId().equals(providerId))
        .findFirst()
        .orElse(providers.get(0));
  }
}
