package io.touchbase.core.internal.dispatch;

import io.touchbase.core.internal.channel.ConfiguredChannel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a message to a channel's providers in failover order. A retryable failure moves on to the
 * next provider; a permanent failure, a deferral or an opt-out stops, because another provider
 * would meet the same answer. When no provider was called at all, because each one's guard refused
 * ({@link ProviderGuard#refusedCall}: breaker open, rate limit, bulkhead), the outcome is a deferral
 * until the earliest guard lets calls through again, not a failed attempt: an open breaker holds
 * rounds back instead of using up their attempts.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  public SendOutcome send(ConfiguredChannel channel, OutboundMessage message) {
    List<String> notes = new ArrayList<>();
    SendOutcome.Failed last = null;
    SendOutcome.Failed unknown = null;
    boolean called = false;
    Instant refusedUntil = null;
    for (ConfiguredChannel.Bound p : channel.providers()) {
      if (!p.provider().requiredAddressKinds().contains(message.to().kind())) {
        notes.add(p.providerId() + ": cannot send to " + message.to().kind() + " addresses");
        continue;
      }
      try {
        SendResult r = p.guard().call(() -> p.channel().send(message));
        if (r == null) {
          throw ChannelException.retryable("no-result", "provider returned no result");
        }
        return new SendOutcome.Accepted(p.providerId(), r, notes);
      } catch (ChannelException e) {
        String why = p.providerId() + ": " + e.providerCode() + " " + e.getMessage()
            + (e.mayHaveBeenSent() ? " (may have been sent)" : "");
        if (ProviderGuard.CIRCUIT_OPEN.equals(e.providerCode())) {
          // The breaker's opening was logged once; each round it holds back says so on its touchpoint.
          log.debug("Channel '{}' provider '{}' refused dispatch {}: {}",
              channel.name(), p.providerId(), message.dispatchId(), e.getMessage());
        } else {
          log.warn("Channel '{}' provider '{}' failed dispatch {}: {} {} ({})",
              channel.name(), p.providerId(), message.dispatchId(), e.providerCode(), e.getMessage(), e.outcome());
        }
        last = new SendOutcome.Failed(p.providerId(), e.outcome(), e.providerCode(), join(notes, why),
            e.retryAt().orElse(null), e.mayHaveBeenSent(), e.noQuotaLeft());
        if (!e.retryable()) {
          return last;
        }
        if (ProviderGuard.refusedCall(e.providerCode())) {
          Instant until = p.guard().retryAfterRefusal(e.providerCode());
          refusedUntil = refusedUntil == null || until.isBefore(refusedUntil) ? until : refusedUntil;
        } else {
          called = true;
        }
        if (e.mayHaveBeenSent() && unknown == null) {
          unknown = last;
        }
        notes.add(why);
      } catch (RuntimeException e) {
        // A plugin bug: we cannot tell whether the provider got the message, so it is treated like
        // a send that may have gone through and bounded by the attempt limit.
        String why = p.providerId() + ": unexpected " + e.getClass().getSimpleName();
        log.warn("Channel '{}' provider '{}' threw unexpectedly on dispatch {}",
            channel.name(), p.providerId(), message.dispatchId(), e);
        called = true;
        last = new SendOutcome.Failed(
            p.providerId(), ChannelException.Outcome.RETRY, "unexpected", join(notes, why), null, true);
        if (unknown == null) {
          unknown = last;
        }
        notes.add(why);
      }
    }
    if (last == null) {
      return new SendOutcome.Failed(
          channel.providers().get(0).providerId(), ChannelException.Outcome.PERMANENT, "no-provider",
          String.join("; ", notes), null, false);
    }
    if (!called) {
      return new SendOutcome.Failed(last.provider(), ChannelException.Outcome.DEFER, last.code(),
          last.reason() + "; no provider was called", refusedUntil, false);
    }
    if (unknown != null) {
      // Every provider failed and one of them may have sent it: name that one, so that the engine
      // asks it before sending again.
      return new SendOutcome.Failed(unknown.provider(), unknown.outcome(), unknown.code(), last.reason(), null, true);
    }
    return last;
  }

  private static String join(List<String> notes, String last) {
    if (notes.isEmpty()) {
      return last;
    }
    List<String> all = new ArrayList<>(notes);
    all.add(last);
    return String.join("; ", all);
  }
}
