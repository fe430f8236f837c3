package io.touchbase.core.internal.policy;

import io.touchbase.api.MarketingConsent;
import io.touchbase.api.QuietHours;
import io.touchbase.api.cadence.Round;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ConsentStatus;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.Purpose;
import io.touchbase.core.internal.cadence.DueTimes;
import io.touchbase.core.internal.channel.ChannelRegistry;
import io.touchbase.core.internal.channel.ConfiguredChannel;
import io.touchbase.core.internal.store.SendQuotaStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a due round may be sent now, on which channel and to which address: address
 * present (for scoped kinds such as openids, one of the channel's app id), consent for the purpose,
 * a send quota left where the channel needs one, quiet hours in the contact's zone for marketing.
 * Channels are tried in the round's order; each one that cannot be used adds its reason.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class RoundPolicies {
  private final ChannelRegistry channels;
  private final MarketingConsent marketingConsent;
  private final QuietHours quietHours;
  private final ZoneId defaultZone;
  private final SendQuotaStore quotas;

  public RoundPolicies(ChannelRegistry channels, MarketingConsent marketingConsent, QuietHours quietHours,
      ZoneId defaultZone, SendQuotaStore quotas) {
    this.channels = channels;
    this.quotas = quotas;
    this.marketingConsent = marketingConsent;
    this.quietHours = quietHours;
    this.defaultZone = defaultZone;
  }

  public ZoneId zoneOf(Contact contact) {
    return zoneOf(contact.timeZone());
  }

  /** The contact's own zone, or the engine's default zone when the contact has none. */
  public ZoneId zoneOf(Optional<ZoneId> contactZone) {
    return contactZone.orElse(defaultZone);
  }

  /**
   * Reads only: the send quota of a channel that needs one ({@link ConfiguredChannel#sendQuotaKey})
   * is one indexed query on {@code conn}.
   *
   * @param excluded channels that already failed this round permanently, each with why (or null)
   */
  public RoundDecision decide(Connection conn, Contact contact, Purpose purpose, Round round,
      Map<String, String> excluded, Instant now) throws SQLException {
    List<String> reasons = new ArrayList<>();
    RoundDecision.Send chosen = null;
    for (String name : round.channels()) {
      if (excluded.containsKey(name)) {
        String why = excluded.get(name);
        reasons.add("channel '" + name + "' already failed this round" + (why == null ? "" : ": " + why));
        continue;
      }
      Optional<ConfiguredChannel> channel = channels.get(name);
      if (channel.isEmpty()) {
        reasons.add("channel '" + name + "' is not configured");
        continue;
      }
      ConfiguredChannel c = channel.get();
      Optional<Address> address = c.addressFor(contact);
      if (address.isEmpty()) {
        reasons.add("channel '" + name + "': contact has no " + wanted(c) + " address" + scopeText(c));
        continue;
      }
      Optional<String> consentProblem = consentProblem(contact, c, purpose);
      if (consentProblem.isPresent()) {
        reasons.add("channel '" + name + "': " + consentProblem.get());
        continue;
      }
      // A send of a subscribe message needs the recipient's one-time subscription; without one the
      // provider would refuse it, so the round's next channel is tried as for a missing address.
      Optional<String> quotaKey = c.sendQuotaKey(round.template());
      if (quotaKey.isPresent() && quotas.remaining(conn, address.get(), quotaKey.get()) <= 0) {
        reasons.add("channel '" + name + "': no send quota left for '" + quotaKey.get()
            + "' (needs the recipient's subscription)");
        continue;
      }
      chosen = new RoundDecision.Send(c, address.get(), reasons);
      break;
    }
    if (chosen == null) {
      return new RoundDecision.Suppress(String.join("; ", reasons));
    }
    if (purpose == Purpose.MARKETING && quietHours.isEnabled()) {
      ZoneId zone = zoneOf(contact);
      LocalTime local = now.atZone(zone).toLocalTime();
      if (quietHours.contains(local)) {
        Instant until = DueTimes.nextLocal(now, quietHours.end(), zone);
        return new RoundDecision.Defer(
            until, "quiet hours " + quietHours.start() + "-" + quietHours.end() + " in " + zone);
      }
    }
    return chosen;
  }

  /**
   * Every channel of the round, not yet failed, that can reach the contact, in the round's order
   * and whatever consent and quiet hours say: where a send of this round may have gone.
   */
  public List<RoundDecision.Send> candidates(Contact contact, Round round, Set<String> excluded) {
    List<RoundDecision.Send> found = new ArrayList<>();
    for (String name : round.channels()) {
      Optional<ConfiguredChannel> channel = excluded.contains(name) ? Optional.empty() : channels.get(name);
      channel.ifPresent(c -> c.addressFor(contact).ifPresent(a -> found.add(new RoundDecision.Send(c, a))));
    }
    return found;
  }

  /** " for app wx123" when the channel takes scoped addresses of one scope; empty otherwise. */
  private static String scopeText(ConfiguredChannel c) {
    Optional<AddressKind> scoped = c.addressKinds().stream().filter(AddressKind::scoped).findFirst();
    if (scoped.isEmpty() || c.addressScope().isEmpty()) {
      return "";
    }
    String owner = scoped.get().equals(AddressKind.WECOM_EXTERNAL_USER_ID) ? "corp" : "app";
    return " for " + owner + " " + c.addressScope().get();
  }

  private Optional<String> consentProblem(Contact contact, ConfiguredChannel c, Purpose purpose) {
    var consent = contact.consent(c.type(), purpose);
    if (consent.isPresent() && consent.get().status() == ConsentStatus.OPTED_OUT) {
      return Optional.of("contact opted out of " + purpose.name().toLowerCase() + " on " + c.type()
          + " (" + consent.get().source() + ")");
    }
    if (purpose == Purpose.MARKETING
        && marketingConsent == MarketingConsent.OPT_IN_REQUIRED
        && consent.isEmpty()) {
      return Optional.of("no marketing opt-in on " + c.type());
    }
    return Optional.empty();
  }

  private static String wanted(ConfiguredChannel c) {
    return String.join(" or ", c.addressKinds().stream().map(AddressKind::id).toList());
  }
}
