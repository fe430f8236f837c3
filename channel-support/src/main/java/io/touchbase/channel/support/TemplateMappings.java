package io.touchbase.channel.support;

import io.touchbase.api.ConfigurationException;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The template mappings of one channel, read from its settings:
 *
 * <pre>
 * template.renewal-1.code     = SMS_15305****          (provider template code; required)
 * template.renewal-1.params   = name:customerName,days (providerParam:variable, or one name for both)
 * template.renewal-1.signName = 阿里云                 (optional, overrides setting signName)
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TemplateMappings {
  /** The prefix of every mapping setting. */
  public static final String PREFIX = "template.";

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final Set<String> FIELDS = Set.of("code", "params", "signName");

  private final Map<String, TemplateMapping> mappings;

  private TemplateMappings(Map<String, TemplateMapping> mappings) {
    this.mappings = Collections.unmodifiableMap(mappings);
  }

  /**
   * Reads every {@code template.*} setting.
   *
   * @throws ConfigurationException naming the setting key when one is malformed, unknown, or a
   *     mapping has no {@code code}
   */
  public static TemplateMappings from(ChannelSettings settings) {
    Map<String, Map<String, String>> byTemplate = new TreeMap<>();
    new TreeMap<>(settings.asMap())
        .forEach(
            (key, value) -> {
              if (!key.startsWith(PREFIX)) {
                return;
              }
              int dot = key.lastIndexOf('.');
              String templateId = dot > PREFIX.length() ? key.substring(PREFIX.length(), dot) : "";
              String field = key.substring(dot + 1);
              if (templateId.isEmpty() || !FIELDS.contains(field)) {
                throw new ConfigurationException(
                    "setting '" + key + "' must be template.<templateId>.code, .params or .signName");
              }
              byTemplate.computeIfAbsent(templateId, k -> new TreeMap<>()).put(field, value);
            });
    Map<String, TemplateMapping> mappings = new TreeMap<>();
    byTemplate.forEach((templateId, fields) -> mappings.put(templateId, mapping(templateId, fields)));
    return new TemplateMappings(mappings);
  }

  private static TemplateMapping mapping(String templateId, Map<String, String> fields) {
    String codeKey = PREFIX + templateId + ".code";
    String code = fields.getOrDefault("code", "").strip();
    if (code.isEmpty()) {
      throw new ConfigurationException("setting '" + codeKey + "' is required for template '" + templateId + "'");
    }
    Optional<String> signName = Optional.ofNullable(fields.get("signName")).map(String::strip);
    if (signName.isPresent() && signName.get().isEmpty()) {
      throw new ConfigurationException("setting '" + PREFIX + templateId + ".signName' must not be blank");
    }
    return new TemplateMapping(templateId, code, params(templateId, fields.getOrDefault("params", "")), signName);
  }

  private static List<TemplateMapping.Param> params(String templateId, String value) {
    String key = PREFIX + templateId + ".params";
    List<TemplateMapping.Param> params = new ArrayList<>();
    if (value.isBlank()) {
      return params;
    }
    Set<String> seen = new HashSet<>();
    for (String item : value.split(",", -1)) {
      String[] parts = item.strip().split(":", -1);
      if (parts.length > 2 || !TOKEN.matcher(parts[0].strip()).matches()
          || (parts.length == 2 && !TOKEN.matcher(parts[1].strip()).matches())) {
        throw new ConfigurationException(
            "setting '" + key + "' must be a comma list of providerParam:variable or name, but has item '"
                + item.strip() + "'");
      }
      String providerParam = parts[0].strip();
      String variable = parts.length == 2 ? parts[1].strip() : providerParam;
      if (!seen.add(providerParam)) {
        throw new ConfigurationException(
            "setting '" + key + "' names provider parameter '" + providerParam + "' twice");
      }
      params.add(new TemplateMapping.Param(providerParam, variable));
    }
    return params;
  }

  /** The mapping of a logical template, if configured. */
  public Optional<TemplateMapping> find(String templateId) {
    return Optional.ofNullable(mappings.get(templateId));
  }

  /**
   * The mapping of a logical template.
   *
   * @throws ChannelException permanent {@code unmapped-template} when there is none
   */
  public TemplateMapping require(String templateId) {
    return find(templateId)
        .orElseThrow(
            () ->
                ChannelException.permanent(
                    "unmapped-template",
                    "Template '" + templateId + "' has no mapping: set " + PREFIX + templateId + ".code"));
  }

  /** The variables a template needs; empty when it is not mapped (the channel cannot send it). */
  public Optional<Set<String>> requiredVariables(String templateId) {
    return find(templateId).map(TemplateMapping::requiredVariables);
  }

  /** The mapped template ids, sorted. */
  public Set<String> templateIds() {
    return mappings.keySet();
  }

  public boolean isEmpty() {
    return mappings.isEmpty();
  }

  @Override
  public String toString() {
    return "TemplateMappings" + mappings.keySet();
  }
}
