package io.touchbase.channel.support;

import io.touchbase.spi.channel.ChannelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one logical template is sent through a provider's pre-approved template: the provider's
 * template code and which message variable fills each provider parameter, in order.
 *
 * @param templateId our logical template id, e.g. {@code renewal-reminder-1}
 * @param code the provider's template (Aliyun {@code TemplateCode}, Tencent {@code TemplateId},
 *     voice {@code TtsCode})
 * @param params the provider parameters in order; order matters for positional templates
 * @param signName a signature overriding the channel's {@code signName}, if set
 */
public record TemplateMapping(String templateId, String code, List<Param> params, Optional<String> signName) {
  public TemplateMapping {
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(code, "code");
    params = List.copyOf(params);
    Objects.requireNonNull(signName, "signName");
  }

  /** The message variables this template reads, in parameter order. */
  public Set<String> requiredVariables() {
    Set<String> variables = new LinkedHashSet<>();
    params.forEach(p -> variables.add(p.variable()));
    return Collections.unmodifiableSet(variables);
  }

  /**
   * Provider parameter name to value, in parameter order (Aliyun {@code TemplateParam}).
   *
   * @throws ChannelException permanent {@code missing-template-variable}, naming the variable
   */
  public Map<String, String> namedValues(Map<String, String> variables) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Param p : params) {
      values.put(p.providerParam(), valueOf(p, variables));
    }
    return Collections.unmodifiableMap(values);
  }

  /**
   * The values in parameter order (Tencent {@code TemplateParamSet} for {@code {1}}, {@code
   * {2}} ...).
   *
   * @throws ChannelException permanent {@code missing-template-variable}, naming the variable
   */
  public List<String> orderedValues(Map<String, String> variables) {
    List<String> values = new ArrayList<>(params.size());
    for (Param p : params) {
      values.add(valueOf(p, variables));
    }
    return Collections.unmodifiableList(values);
  }

  private String valueOf(Param p, Map<String, String> variables) {
    String value = variables.get(p.variable());
    if (value == null) {
      throw ChannelException.permanent(
          "missing-template-variable",
          "Template '" + templateId + "' needs variable '" + p.variable() + "', which the message does not carry");
    }
    return value;
  }

  /**
   * One provider parameter and the message variable that fills it.
   *
   * @param providerParam the name in the provider's template ({@code code}, or {@code 1} for
   *     positional templates)
   * @param variable the message variable
   */
  public record Param(String providerParam, String variable) {
    public Param {
      Objects.requireNonNull(providerParam, "providerParam");
      Objects.requireNonNull(variable, "variable");
    }
  }
}
