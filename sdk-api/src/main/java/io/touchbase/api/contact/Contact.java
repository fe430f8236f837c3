package io.touchbase.api.contact;

import io.touchbase.api.internal.Checks;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One customer, keyed by the host's own user id. Immutable; build one with {@link
 * #builder(ContactId)} and change a copy with {@link #toBuilder()}. {@link #toString()} masks every
 * address.
 *
 * @param id the host's user id
 * @param addresses how channels reach the contact; at most one per kind and scope
 * @param attributes template variables and host data, e.g. {@code name}, {@code tier}
 * @param tags free labels, e.g. {@code vip}
 * @param timeZone the contact's zone for quiet hours and "at 10:00 local" waits; empty means the
 *     engine's default zone
 * @param locale the contact's language for templates; empty means the template's default
 * @param lifecycleStage the host's lifecycle stage, e.g. {@code member}, {@code lapsed}; empty if
 *     none
 * @param consents the consent in force per channel type and purpose (newest wins)
 */
public record Contact(
    ContactId id,
    List<Address> addresses,
    Map<String, String> attributes,
    Set<String> tags,
    Optional<ZoneId> timeZone,
    Optional<Locale> locale,
    Optional<String> lifecycleStage,
    List<Consent> consents) {

  public Contact {
    Checks.notNull(id, "contact.id");
    Checks.notNull(addresses, "contact.addresses");
    Checks.notNull(attributes, "contact.attributes");
    Checks.notNull(tags, "contact.tags");
    Checks.notNull(timeZone, "contact.timeZone");
    Checks.notNull(locale, "contact.locale");
    Checks.notNull(lifecycleStage, "contact.lifecycleStage");
    Checks.notNull(consents, "contact.consents");
    for (int i = 0; i < addresses.size(); i++) {
      Checks.notNull(addresses.get(i), "contact.addresses[" + i + "]");
    }
    for (int i = 0; i < consents.size(); i++) {
      Checks.notNull(consents.get(i), "contact.consents[" + i + "]");
    }
    addresses = List.copyOf(addresses);
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < addresses.size(); i++) {
      Address a = addresses.get(i);
      if (!keys.add(a.kind().id() + "|" + a.scope())) {
        throw new IllegalArgumentException(
            "contact.addresses["
                + i
                + "] repeats kind '"
                + a.kind()
                + "'"
                + (a.scope().isEmpty() ? "" : " for scope '" + a.scope() + "'")
                + ": a contact has at most one address per kind and scope");
      }
    }
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      Checks.name(e.getKey(), "contact.attributes key");
      Checks.notNull(e.getValue(), "contact.attributes[" + e.getKey() + "]");
    }
    attributes = Map.copyOf(attributes);
    for (String tag : tags) {
      Checks.name(tag, "contact.tags[]");
    }
    tags = Set.copyOf(tags);
    lifecycleStage.ifPresent(s -> Checks.name(s, "contact.lifecycleStage"));
    consents = List.copyOf(consents);
  }

  public static Builder builder(ContactId id) {
    return new Builder(id);
  }

  public static Builder builder(String id) {
    return new Builder(ContactId.of(id));
  }

  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.addresses.addAll(addresses);
    b.attributes.putAll(attributes);
    b.tags.addAll(tags);
    b.timeZone = timeZone.orElse(null);
    b.locale = locale.orElse(null);
    b.lifecycleStage = lifecycleStage.orElse(null);
    b.consents.addAll(consents);
    return b;
  }

  /** The address of the given kind, the first one if several scopes hold one. */
  public Optional<Address> address(AddressKind kind) {
    return addresses.stream().filter(a -> a.kind().equals(kind)).findFirst();
  }

  /** The consent in force for a channel type and purpose, if the contact ever gave one. */
  public Optional<Consent> consent(ChannelType type, Purpose purpose) {
    Consent found = null;
    for (Consent c : consents) {
      if (c.channelType().equals(type)
          && c.purpose() == purpose
          && (found == null || !c.changedAt().isBefore(found.changedAt()))) {
        found = c;
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public String toString() {
    return "Contact{id="
        + id
        + ", addresses="
        + addresses.stream().map(Address::toString).collect(Collectors.joining(", ", "[", "]"))
        + ", attributes="
        + attributes.keySet()
        + ", tags="
        + tags
        + timeZone.map(z -> ", timeZone=" + z).orElse("")
        + locale.map(l -> ", locale=" + l.toLanguageTag()).orElse("")
        + lifecycleStage.map(s -> ", lifecycleStage=" + s).orElse("")
        + ", consents="
        + consents.size()
        + "}";
  }

  /** Builds a {@link Contact}. Not thread-safe. */
  public static final class Builder {
    private final ContactId id;
    private final List<Address> addresses = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private ZoneId timeZone;
    private Locale locale;
    private String lifecycleStage;
    private final List<Consent> consents = new ArrayList<>();

    private Builder(ContactId id) {
      this.id = Checks.notNull(id, "contact.id");
    }

    /** Adds an address, replacing one of the same kind and scope. */
    public Builder address(Address address) {
      Checks.notNull(address, "address");
      addresses.removeIf(
          a -> a.kind().equals(address.kind()) && a.scope().equals(address.scope()));
      addresses.add(address);
      return this;
    }

    public Builder phone(String e164) {
      return address(Address.phone(e164));
    }

    public Builder email(String email) {
      return address(Address.email(email));
    }

    public Builder removeAddress(AddressKind kind) {
      addresses.removeIf(a -> a.kind().equals(kind));
      return this;
    }

    public Builder attribute(String name, String value) {
      attributes.put(Checks.name(name, "attribute name"), Checks.notNull(value, "attributes[" + name + "]"));
      return this;
    }

    public Builder attributes(Map<String, String> values) {
      values.forEach(this::attribute);
      return this;
    }

    public Builder tag(String tag) {
      tags.add(Checks.name(tag, "tag"));
      return this;
    }

    public Builder timeZone(ZoneId zone) {
      this.timeZone = Checks.notNull(zone, "timeZone");
      return this;
    }

    public Builder locale(Locale locale) {
      this.locale = Checks.notNull(locale, "locale");
      return this;
    }

    public Builder lifecycleStage(String stage) {
      this.lifecycleStage = Checks.name(stage, "lifecycleStage");
      return this;
    }

    public Builder consent(Consent consent) {
      consents.add(Checks.notNull(consent, "consent"));
      return this;
    }

    public Contact build() {
      return new Contact(
          id,
          addresses,
          attributes,
          tags,
          Optional.ofNullable(timeZone),
          Optional.ofNullable(locale),
          Optional.ofNullable(lifecycleStage),
          consents);
    }
  }
}
