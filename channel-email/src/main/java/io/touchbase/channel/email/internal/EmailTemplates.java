package io.touchbase.channel.email.internal;

import io.touchbase.api.ConfigurationException;
import io.touchbase.spi.channel.ChannelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The email templates of one channel, from its settings: {@code template.<id>.subject}, {@code
 * .html} and {@code .text}, each also as {@code .<part>.resource} naming a UTF-8 classpath
 * resource, with per-locale variants {@code template.<id>.<languageTag>.<part>}. A message's
 * variant is the most specific one for its locale: the exact language tag, then the tag without
 * its last subtags ({@code zh-Hans-CN}, {@code zh-Hans}, {@code zh}), then the default. Every
 * variant has all three parts and every template a default variant; both are checked when the
 * channel is created. Immutable and thread-safe.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class EmailTemplates {
  static final String PREFIX = "template.";
  private static final String RESOURCE = ".resource";
  private static final String DEFAULT_LOCALE = "";
  private static final Pattern TEMPLATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

  /** A part of an email, named as in the settings. */
  enum Part {
    SUBJECT, HTML, TEXT;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A template id's parts for one locale (or the default, {@code ""}). */
  record Variant(String templateId, String locale, Map<Part, TextTemplate> parts) {
    Set<String> variables() {
      Set<String> names = new LinkedHashSet<>();
      parts.values().forEach(t -> names.addAll(t.variables()));
      return names;
    }

    /**
     * Renders the three parts: values are HTML-escaped in the HTML part and kept on one line in
     * the subject.
     *
     * @throws ChannelException ({@code missing-template-variable}, permanent) naming a variable the
     *     message does not carry
     */
    Email render(Map<String, String> values) {
      String subject = TextTemplate.oneLine(part(Part.SUBJECT, values, TextTemplate::oneLine)).strip();
      return new Email(subject, part(Part.HTML, values, TextTemplate::escapeHtml),
          part(Part.TEXT, values, UnaryOperator.identity()));
    }

    private String part(Part part, Map<String, String> values, UnaryOperator<String> escape) {
      TextTemplate.Rendered r = parts.get(part).render(values, escape);
      return r.text().orElseThrow(() -> ChannelException.permanent("missing-template-variable",
          "Template '" + templateId + "' (" + (locale.isEmpty() ? "default" : locale) + " " + part.key()
              + ") reads variable '" + r.missingVariable().orElseThrow() + "', which the message does not carry"));
    }
  }

  /** A rendered email. {@link #toString()} shows no content. */
  record Email(String subject, String html, String text) {
    @Override
    public String toString() {
      return "Email{subjectChars=" + subject.length() + ", htmlChars=" + html.length() + ", textChars="
          + text.length() + "}";
    }
  }

  // template id -> locale ("" or a lower-case tag) -> variant
  private final Map<String, Map<String, Variant>> templates;

  private EmailTemplates(Map<String, Map<String, Variant>> templates) {
    this.templates = templates;
  }

  /**
   * Reads every {@code template.*} setting.
   *
   * @param loader where {@code .resource} settings are looked up
   * @throws ConfigurationException naming the setting that is malformed, missing or names a
   *     resource that does not exist
   */
  static EmailTemplates from(Map<String, String> settings, ClassLoader loader) {
    Map<String, Map<String, Map<Part, TextTemplate>>> found = new TreeMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(settings).entrySet()) {
      if (!e.getKey().startsWith(PREFIX)) {
        continue;
      }
      Key key = Key.parse(e.getKey());
      String source = key.resource() ? resource(loader, e.getKey(), e.getValue()) : e.getValue();
      Map<Part, TextTemplate> parts = found.computeIfAbsent(key.templateId(), k -> new TreeMap<>())
          .computeIfAbsent(key.locale(), k -> new EnumMap<>(Part.class));
      if (parts.put(key.part(), TextTemplate.parse(source, e.getKey())) != null) {
        throw new ConfigurationException("settings '" + key.setting(false) + "' and '" + key.setting(true)
            + "' both set the same template part; keep one");
      }
    }
    Map<String, Map<String, Variant>> templates = new TreeMap<>();
    found.forEach((id, locales) -> {
      if (!locales.containsKey(DEFAULT_LOCALE)) {
        throw new ConfigurationException("setting '" + PREFIX + id + ".subject' is required: template '" + id
            + "' has locale variants but no default");
      }
      Map<String, Variant> variants = new TreeMap<>();
      locales.forEach((locale, parts) -> {
        for (Part part : Part.values()) {
          if (!parts.containsKey(part)) {
            throw new ConfigurationException("setting '" + new Key(id, locale, part, false).setting(false)
                + "' is required: an email template needs a subject, an HTML and a text part");
          }
        }
        variants.put(locale, new Variant(id, locale, Collections.unmodifiableMap(parts)));
      });
      templates.put(id, Collections.unmodifiableMap(variants));
    });
    return new EmailTemplates(Collections.unmodifiableMap(templates));
  }

  private static String resource(ClassLoader loader, String setting, String name) {
    String path = name.strip().startsWith("/") ? name.strip().substring(1) : name.strip();
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new ConfigurationException(
            "setting '" + setting + "' names classpath resource '" + path + "', which does not exist");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource '" + path + "' of setting '" + setting + "'", e);
    }
  }

  /** The variant for a locale: exact tag, shorter tags, then the default. Empty for an unknown id. */
  Optional<Variant> find(String templateId, Optional<Locale> locale) {
    Map<String, Variant> variants = templates.get(templateId);
    if (variants == null) {
      return Optional.empty();
    }
    if (locale.isPresent()) {
      String tag = locale.get().toLanguageTag().toLowerCase(Locale.ROOT);
      while (!tag.isEmpty() && !tag.equals("und")) {
        Variant v = variants.get(tag);
        if (v != null) {
          return Optional.of(v);
        }
        int dash = tag.lastIndexOf('-');
        tag = dash < 0 ? "" : tag.substring(0, dash);
      }
    }
    return Optional.of(variants.get(DEFAULT_LOCALE));
  }

  /** Every variable any variant of the template reads; empty when there is no such template. */
  Optional<Set<String>> requiredVariables(String templateId) {
    Map<String, Variant> variants = templates.get(templateId);
    if (variants == null) {
      return Optional.empty();
    }
    Set<String> names = new LinkedHashSet<>();
    variants.values().forEach(v -> names.addAll(v.variables()));
    return Optional.of(Collections.unmodifiableSet(names));
  }

  /** The template ids, for {@code toString()}. */
  Set<String> ids() {
    return templates.keySet();
  }

  /** A parsed {@code template.*} setting key. */
  private record Key(String templateId, String locale, Part part, boolean resource) {
    static Key parse(String setting) {
      String rest = setting.substring(PREFIX.length());
      boolean resource = rest.endsWith(RESOURCE);
      if (resource) {
        rest = rest.substring(0, rest.length() - RESOURCE.length());
      }
      int dot = rest.lastIndexOf('.');
      Optional<Part> part = dot < 1 ? Optional.empty() : partOf(rest.substring(dot + 1));
      if (part.isEmpty()) {
        throw new ConfigurationException("setting '" + setting
            + "' must be template.<id>[.<languageTag>].<subject|html|text>[.resource]");
      }
      String middle = rest.substring(0, dot);
      String id = middle;
      String locale = DEFAULT_LOCALE;
      int last = middle.lastIndexOf('.');
      // A last segment shaped like a language tag is the locale: template ids should avoid one.
      if (last > 0 && LANGUAGE_TAG.matcher(middle.substring(last + 1)).matches()) {
        id = middle.substring(0, last);
        locale = middle.substring(last + 1).toLowerCase(Locale.ROOT);
      }
      if (!TEMPLATE_ID.matcher(id).matches()) {
        throw new ConfigurationException("setting '" + setting + "' names template id '" + id
            + "', which must start with a letter or digit and hold only letters, digits, '.', '_', ':' or '-'");
      }
      return new Key(id, locale, part.get(), resource);
    }

    private static Optional<Part> partOf(String name) {
      for (Part p : Part.values()) {
        if (p.key().equals(name)) {
          return Optional.of(p);
        }
      }
      return Optional.empty();
    }

    String setting(boolean asResource) {
      return PREFIX + templateId + (locale.isEmpty() ? "" : "." + locale) + "." + part.key()
          + (asResource ? RESOURCE : "");
    }
  }
}
