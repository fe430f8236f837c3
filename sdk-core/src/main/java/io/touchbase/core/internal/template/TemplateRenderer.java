package io.touchbase.core.internal.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders the configured templates with jmustache. Text is not HTML-escaped (SMS and voice are
 * plain text); a placeholder without a value is an error, never a blank in a customer's message.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class TemplateRenderer {
  private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false);

  private final Map<String, io.touchbase.api.Template> templates;
  private final Map<String, Template> compiled = new ConcurrentHashMap<>();

  public TemplateRenderer(List<io.touchbase.api.Template> templates) {
    this.templates =
        templates.stream().collect(Collectors.toUnmodifiableMap(io.touchbase.api.Template::id, Function.identity()));
    // Compile everything up front so a syntax error fails the build, not a round.
    for (io.touchbase.api.Template t : templates) {
      compile(t.id(), t.body());
      t.localized().values().forEach(text -> compile(t.id(), text));
    }
  }

  public boolean has(String templateId) {
    return templates.containsKey(templateId);
  }

  /**
   * Renders a template, or empty when no template with this id is configured (providers with
   * pre-approved templates need only the id and variables).
   *
   * @throws IllegalArgumentException naming the template and the missing variable
   */
  public Optional<String> render(String templateId, Locale locale, Map<String, String> variables) {
    io.touchbase.api.Template t = templates.get(templateId);
    if (t == null) {
      return Optional.empty();
    }
    String text = t.bodyFor(locale);
    try {
      return Optional.of(compiled.computeIfAbsent(text, s -> compile(templateId, s)).execute(variables));
    } catch (MustacheException.Context e) {
      throw new IllegalArgumentException(
          "template '" + templateId + "': variable '" + e.key + "' has no value", e);
    } catch (MustacheException e) {
      throw new IllegalArgumentException("template '" + templateId + "': " + e.getMessage(), e);
    }
  }

  private Template compile(String id, String text) {
    try {
      return compiled.computeIfAbsent(text, COMPILER::compile);
    } catch (MustacheException e) {
      throw new io.touchbase.api.ConfigurationException(
          "templates: template '" + id + "' does not compile: " + e.getMessage(), e);
    }
  }
}
