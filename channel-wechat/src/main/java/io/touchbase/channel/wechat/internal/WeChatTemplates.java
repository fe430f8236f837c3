package io.touchbase.channel.wechat.internal;

import io.touchbase.api.ConfigurationException;
import io.touchbase.channel.support.TemplateMapping;
import io.touchbase.channel.support.TemplateMappings;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template mappings of a WeChat channel: {@link TemplateMappings} ({@code
 * template.<id>.code} = the WeChat template id, {@code template.<id>.params} = keyword:variable)
 * plus the optional link of each template:
 *
 * <pre>
 * template.order-shipped.url              = https://shop.example/o/{{orderId}}
 * template.order-shipped.miniprogramAppId = wx0123456789abcdef
 * template.order-shipped.miniprogramPage  = pages/order?id={{orderId}}
 * </pre>
 *
 * <p>{@code {{variable}}} in a link is replaced by the message variable, URL-encoded. Immutable
 * and thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeChatTemplates {
  static final Set<String> LINK_FIELDS = Set.of("url", "miniprogramAppId", "miniprogramPage");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*\\}\\}");
  private static final Pattern STRAY_BRACES = Pattern.compile("\\{\\{|\\}\\}");

  private final TemplateMappings mappings;
  private final Map<String, Links> links;

  private WeChatTemplates(TemplateMappings mappings, Map<String, Links> links) {
    this.mappings = mappings;
    this.links = Collections.unmodifiableMap(links);
  }

  /**
   * Reads every {@code template.*} setting.
   *
   * @throws ConfigurationException naming the setting key when one is malformed
   */
  static WeChatTemplates from(ChannelSettings settings) {
    Map<String, String> rest = new TreeMap<>();
    Map<String, Map<String, String>> linkFields = new TreeMap<>();
    settings.asMap().forEach((key, value) -> {
      int dot = key.lastIndexOf('.');
      String field = dot < 0 ? "" : key.substring(dot + 1);
      if (key.startsWith(TemplateMappings.PREFIX) && LINK_FIELDS.contains(field)
          && dot > TemplateMappings.PREFIX.length()) {
        String templateId = key.substring(TemplateMappings.PREFIX.length(), dot);
        linkFields.computeIfAbsent(templateId, k -> new TreeMap<>()).put(field, value.strip());
      } else if (key.startsWith(TemplateMappings.PREFIX) && field.equals("signName")) {
        throw new ConfigurationException("setting '" + key + "' does not apply to WeChat templates");
      } else {
        rest.put(key, value);
      }
    });
    TemplateMappings mappings = TemplateMappings.from(ChannelSettings.of(rest));
    Map<String, Links> links = new HashMap<>();
    linkFields.forEach((templateId, fields) -> {
      if (mappings.find(templateId).isEmpty()) {
        throw new ConfigurationException("setting '" + TemplateMappings.PREFIX + templateId + ".code' is required for "
            + "template '" + templateId + "'");
      }
      links.put(templateId, links(templateId, fields));
    });
    return new WeChatTemplates(mappings, links);
  }

  private static Links links(String templateId, Map<String, String> fields) {
    String prefix = TemplateMappings.PREFIX + templateId + ".";
    Optional<String> url = Optional.ofNullable(fields.get("url")).filter(v -> !v.isEmpty());
    Optional<String> appId = Optional.ofNullable(fields.get("miniprogramAppId")).filter(v -> !v.isEmpty());
    Optional<String> page = Optional.ofNullable(fields.get("miniprogramPage")).filter(v -> !v.isEmpty());
    url.ifPresent(u -> {
      checkPlaceholders(prefix + "url", u);
      if (!u.startsWith("https://") && !u.startsWith("http://") && !u.startsWith("{{")) {
        throw new ConfigurationException("setting '" + prefix + "url' must be an http or https URL");
      }
    });
    page.ifPresent(p -> checkPlaceholders(prefix + "miniprogramPage", p));
    if (page.isPresent() && appId.isEmpty()) {
      throw new ConfigurationException(
          "setting '" + prefix + "miniprogramPage' needs setting '" + prefix + "miniprogramAppId'");
    }
    return new Links(url, appId, page);
  }

  private static void checkPlaceholders(String key, String value) {
    if (STRAY_BRACES.matcher(PLACEHOLDER.matcher(value).replaceAll("")).find()) {
      throw new ConfigurationException(
          "setting '" + key + "' has a malformed placeholder: write {{variable}} with letters, digits, _ . -");
    }
  }

  /**
   * The mapping of a logical template.
   *
   * @throws ChannelException permanent {@code unmapped-template} when there is none
   */
  TemplateMapping require(String templateId) {
    return mappings.require(templateId);
  }

  Optional<TemplateMapping> find(String templateId) {
    return mappings.find(templateId);
  }

  /** The links of a template; none when it has no link settings. */
  Links links(String templateId) {
    return links.getOrDefault(templateId, Links.NONE);
  }

  /** Every variable a template reads, keywords and links; empty when it is not mapped. */
  Optional<Set<String>> requiredVariables(String templateId) {
    return mappings.find(templateId).map(m -> {
      Set<String> all = new LinkedHashSet<>(m.requiredVariables());
      Links l = links(templateId);
      l.url().ifPresent(u -> all.addAll(placeholders(u)));
      l.miniprogramPage().ifPresent(p -> all.addAll(placeholders(p)));
      return Collections.unmodifiableSet(all);
    });
  }

  Set<String> templateIds() {
    return mappings.templateIds();
  }

  private static Set<String> placeholders(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * {@code text} with each {@code {{variable}}} replaced by the variable's value, URL-encoded.
   *
   * @throws ChannelException permanent {@code missing-template-variable}, naming the variable
   */
  static String render(String templateId, String text, Map<String, String> variables) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = variables.get(m.group(1));
      if (value == null) {
        throw ChannelException.permanent("missing-template-variable",
            "Template '" + templateId + "' needs variable '" + m.group(1) + "', which the message does not carry");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(
          URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Override
  public String toString() {
    return "WeChatTemplates" + mappings.templateIds();
  }

  /**
   * Where a message leads when tapped.
   *
   * @param url a web page ({@code url} of template messages, {@code page} of subscribe messages)
   * @param miniprogramAppId a mini program to open instead
   * @param miniprogramPage its page
   */
  record Links(Optional<String> url, Optional<String> miniprogramAppId, Optional<String> miniprogramPage) {
    static final Links NONE = new Links(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
