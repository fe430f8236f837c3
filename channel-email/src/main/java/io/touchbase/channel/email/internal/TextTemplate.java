package io.touchbase.channel.email.internal;

import io.touchbase.api.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One part of an email template (subject, HTML or text) with {@code {{variable}}} placeholders,
 * parsed once. Rendering never leaves a placeholder blank: a variable the message lacks is
 * reported instead. Immutable and thread-safe.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class TextTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.:-]+)\\s*}}");

  private final List<String> literals;
  private final List<String> variables;

  private TextTemplate(List<String> literals, List<String> variables) {
    this.literals = List.copyOf(literals);
    this.variables = List.copyOf(variables);
  }

  /**
   * Parses a template.
   *
   * @param setting the setting it came from, for the error
   * @throws ConfigurationException if a {@code {{} opens no well-formed placeholder (a typo would
   *     otherwise reach customers as literal braces)
   */
  static TextTemplate parse(String source, String setting) {
    List<String> literals = new ArrayList<>();
    List<String> variables = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(source);
    int at = 0;
    while (m.find()) {
      literals.add(checkedLiteral(source.substring(at, m.start()), setting));
      variables.add(m.group(1));
      at = m.end();
    }
    literals.add(checkedLiteral(source.substring(at), setting));
    return new TextTemplate(literals, variables);
  }

  private static String checkedLiteral(String literal, String setting) {
    if (literal.contains("{{")) {
      throw new ConfigurationException("setting '" + setting
          + "' has a '{{' that does not start a placeholder such as {{name}} (letters, digits, '_', '.', ':', '-')");
    }
    return literal;
  }

  /** The variables the template reads, in order of first use. */
  Set<String> variables() {
    return new LinkedHashSet<>(variables);
  }

  /**
   * The text with every placeholder replaced by its value passed through {@code escape}.
   *
   * @return the text, or the first variable that {@code values} lacks
   */
  Rendered render(Map<String, String> values, UnaryOperator<String> escape) {
    StringBuilder out = new StringBuilder(literals.get(0));
    for (int i = 0; i < variables.size(); i++) {
      String value = values.get(variables.get(i));
      if (value == null) {
        return new Rendered(Optional.empty(), Optional.of(variables.get(i)));
      }
      out.append(escape.apply(value)).append(literals.get(i + 1));
    }
    return new Rendered(Optional.of(out.toString()), Optional.empty());
  }

  /** The outcome of {@link #render}: exactly one of text and missing variable. */
  record Rendered(Optional<String> text, Optional<String> missingVariable) {}

  /** Escapes text for HTML element content and attribute values. */
  static String escapeHtml(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Keeps a value on one line, for the subject header. */
  static String oneLine(String value) {
    return value.replaceAll("[\\r\\n\\t]+", " ");
  }
}
