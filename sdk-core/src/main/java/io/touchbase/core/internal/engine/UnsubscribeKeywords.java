package io.touchbase.core.internal.engine;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recognises a reply that asks to unsubscribe: the whole reply, trimmed of spaces and punctuation
 * (ASCII and full-width), equals a configured keyword ignoring case. A keyword inside a longer
 * reply does not count, so that "T" does not unsubscribe "Thanks".
 *
 * <p>This class is internal and is hence not for public use.
 */
final class UnsubscribeKeywords {
  private final Set<String> keywords;

  UnsubscribeKeywords(Set<String> keywords) {
    this.keywords = keywords.stream().map(UnsubscribeKeywords::normalize).collect(Collectors.toUnmodifiableSet());
  }

  /** The keyword the reply consists of, normalised, if it is one. */
  Optional<String> match(String reply) {
    String n = normalize(reply);
    return keywords.contains(n) ? Optional.of(n) : Optional.empty();
  }

  private static String normalize(String s) {
    return s.replaceAll("^[\\p{Z}\\s\\p{P}]+|[\\p{Z}\\s\\p{P}]+$", "").toUpperCase(Locale.ROOT);
  }
}
