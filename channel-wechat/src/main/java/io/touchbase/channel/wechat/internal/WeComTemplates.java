package io.touchbase.channel.wechat.internal;

import io.touchbase.api.ConfigurationException;
import io.touchbase.channel.support.TemplateMappings;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelSettings;
import io.touchbase.spi.channel.OutboundMessage;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text mappings of a WeCom channel. WeCom sends free text, so a message's text is the one
 * Touchbase rendered from its own template ({@link OutboundMessage#text()}) unless the channel
 * maps the template to a text of its own:
 *
 * <pre>
 * template.task-waiting.text       = 有新的回访任务：{{taskTitle}}
 * template.renewal.linkTitle       = 续费会员            (wecom-customer only, with linkUrl)
 * template.renewal.linkUrl         = https://shop.example/renew?c={{customerId}}
 * template.renewal.linkDesc        = 限时优惠            (optional)
 * template.renewal.linkPicUrl      = https://shop.example/renew.png (optional)
 * </pre>
 *
 * <p>{@code {{variable}}} is replaced by the message variable: as it is in texts, titles and
 * descriptions, URL-encoded in URLs. Immutable and thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeComTemplates {
  static final Set<String> TEXT_FIELDS = Set.of("text");
  static final Set<String> LINK_FIELDS = Set.of("linkTitle", "linkUrl", "linkDesc", "linkPicUrl");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*\\}\\}");
  private static final Pattern STRAY_BRACES = Pattern.compile("\\{\\{|\\}\\}");

  private final Map<String, Map<String, String>> templates;

  private WeComTemplates(Map<String, Map<String, String>> templates) {
    this.templates = Collections.unmodifiableMap(templates);
  }

  /**
   * Reads every {@code template.*} setting.
   *
   * @param links whether link attachments may be configured ({@code wecom-customer})
   * @throws ConfigurationException naming the setting key when one is malformed
   */
  static WeComTemplates from(ChannelSettings settings, boolean links) {
    Map<String, Map<String, String>> byTemplate = new TreeMap<>();
    new TreeMap<>(settings.asMap()).forEach((key, value) -> {
      if (!key.startsWith(TemplateMappings.PREFIX)) {
        return;
      }
      int dot = key.lastIndexOf('.');
      String templateId = dot > TemplateMappings.PREFIX.length() ? key.substring(TemplateMappings.PREFIX.length(), dot)
          : "";
      String field = key.substring(dot + 1);
      boolean known = TEXT_FIELDS.contains(field) || (links && LINK_FIELDS.contains(field));
      if (templateId.isEmpty() || !known) {
        throw new ConfigurationException("setting '" + key + "' must be template.<templateId>.text"
            + (links ? ", .linkTitle, .linkUrl, .linkDesc or .linkPicUrl" : ""));
      }
      String v = value.strip();
      if (v.isEmpty()) {
        throw new ConfigurationException("setting '" + key + "' must not be blank");
      }
      if (STRAY_BRACES.matcher(PLACEHOLDER.matcher(v).replaceAll("")).find()) {
        throw new ConfigurationException(
            "setting '" + key + "' has a malformed placeholder: write {{variable}} with letters, digits, _ . -");
      }
      byTemplate.computeIfAbsent(templateId, k -> new TreeMap<>()).put(field, v);
    });
    byTemplate.forEach((templateId, fields) -> {
      String prefix = TemplateMappings.PREFIX + templateId + ".";
      boolean anyLink = fields.keySet().stream().anyMatch(LINK_FIELDS::contains);
      // A link needs a title and a URL (providers.md shows the fields; which are required is unconfirmed).
      if (anyLink && (!fields.containsKey("linkTitle") || !fields.containsKey("linkUrl"))) {
        throw new ConfigurationException(
            "settings '" + prefix + "linkTitle' and '" + prefix + "linkUrl' are both required for a link");
      }
      String url = fields.getOrDefault("linkUrl", "https://");
      if (!url.startsWith("https://") && !url.startsWith("http://") && !url.startsWith("{{")) {
        throw new ConfigurationException("setting '" + prefix + "linkUrl' must be an http or https URL");
      }
    });
    return new WeComTemplates(byTemplate);
  }

  /**
   * The text of {@code message}: the mapped text rendered with its variables, or else the text
   * Touchbase rendered.
   *
   * @throws ChannelException permanent {@code unmapped-template} when there is neither, {@code
   *     missing-template-variable} when the mapped text reads a variable the message lacks
   */
  String text(OutboundMessage message) {
    Optional<String> mapped = field(message.templateId(), "text");
    String text = mapped.map(t -> render(message.templateId(), t, message.variables(), false))
        .or(message::text)
        .orElseThrow(() -> ChannelException.permanent("unmapped-template", "Template '" + message.templateId()
            + "' has neither a Touchbase template nor setting 'template." + message.templateId() + ".text'"));
    if (text.isBlank()) {
      throw ChannelException.permanent("empty-text", "Template '" + message.templateId() + "' rendered no text");
    }
    return text;
  }

  /** The link attachment of a template, rendered; none when it has no link settings. */
  Optional<Link> link(String templateId, Map<String, String> variables) {
    return field(templateId, "linkUrl").map(url -> new Link(
        render(templateId, field(templateId, "linkTitle").orElseThrow(), variables, false),
        render(templateId, url, variables, true),
        field(templateId, "linkDesc").map(d -> render(templateId, d, variables, false)),
        field(templateId, "linkPicUrl").map(p -> render(templateId, p, variables, true))));
  }

  /** The variables the mapping of {@code templateId} reads; none when it is not mapped. */
  Set<String> variables(String templateId) {
    Set<String> names = new LinkedHashSet<>();
    templates.getOrDefault(templateId, Map.of()).values().forEach(v -> {
      Matcher m = PLACEHOLDER.matcher(v);
      while (m.find()) {
        names.add(m.group(1));
      }
    });
    return names;
  }

  Set<String> templateIds() {
    return templates.keySet();
  }

  private Optional<String> field(String templateId, String field) {
    return Optional.ofNullable(templates.getOrDefault(templateId, Map.of()).get(field));
  }

  private static String render(String templateId, String text, Map<String, String> variables, boolean url) {
    if (url) {
      return WeChatTemplates.render(templateId, text, variables);
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = variables.get(m.group(1));
      if (value == null) {
        throw ChannelException.permanent("missing-template-variable",
            "Template '" + templateId + "' needs variable '" + m.group(1) + "', which the message does not carry");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Override
  public String toString() {
    return "WeComTemplates" + templates.keySet();
  }

  /** A link attachment of a customer-contact message. */
  record Link(String title, String url, Optional<String> desc, Optional<String> picUrl) {}
}
