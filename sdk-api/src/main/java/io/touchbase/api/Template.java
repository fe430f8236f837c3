package io.touchbase.api;

import io.touchbase.api.internal.Checks;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A message text with Mustache placeholders ({@code Hi {{name}}}), in a default language and
 * optionally per locale. Variables are the contact's attributes overlaid with the round's
 * variables, plus {@code contactId}. A placeholder without a value fails the round with a
 * reason rather than sending a blank.
 *
 * <p>Providers that send only pre-approved templates map the template id to their own codes in
 * channel settings; for them a Touchbase template is optional.
 *
 * @param id the template id rounds refer to
 * @param body the default text
 * @param localized texts per locale; a contact's locale picks the exact match, then its language
 */
public record Template(String id, String body, Map<Locale, String> localized) {
  public Template {
    Checks.name(id, "template.id");
    Checks.notBlank(body, "template.body");
    localized = Map.copyOf(Checks.notNull(localized, "template.localized"));
  }

  public static Template of(String id, String body) {
    return new Template(id, body, Map.of());
  }

  /** A copy with a text for {@code locale}. */
  public Template withLocale(Locale locale, String text) {
    Map<Locale, String> copy = new HashMap<>(localized);
    copy.put(Checks.notNull(locale, "locale"), Checks.notBlank(text, "template text"));
    return new Template(id, body, copy);
  }

  /**
   * The text for a locale: the exact match, then the text for the bare language ({@code zh}), then
   * the same-language text whose tag sorts first, then the default body. Deterministic.
   */
  public String bodyFor(Locale locale) {
    String exact = localized.get(locale);
    if (exact != null) {
      return exact;
    }
    String language = localized.get(Locale.forLanguageTag(locale.getLanguage()));
    if (language != null) {
      return language;
    }
    return localized.entrySet().stream()
        .filter(e -> e.getKey().getLanguage().equals(locale.getLanguage()))
        .min(java.util.Comparator.comparing(e -> e.getKey().toLanguageTag()))
        .map(Map.Entry::getValue)
        .orElse(body);
  }
}
