package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.ConfigurationException;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateMappingsTest {

  private static TemplateMappings parse(Map<String, String> settings) {
    return TemplateMappings.from(ChannelSettings.of(settings));
  }

  @Test
  void readsCodeParamsAndSignName() {
    TemplateMappings m = parse(Map.of(
        "accessKeyId", "ignored",
        "template.renewal.v1.code", "SMS_1",
        "template.renewal.v1.params", "name:customerName, days ,2:expiry",
        "template.renewal.v1.signName", "测试店",
        "template.welcome.code", " SMS_2 "));
    assertThat(m.templateIds()).containsExactly("renewal.v1", "welcome");
    TemplateMapping renewal = m.require("renewal.v1");
    assertThat(renewal.code()).isEqualTo("SMS_1");
    assertThat(renewal.signName()).contains("测试店");
    assertThat(renewal.params()).containsExactly(
        new TemplateMapping.Param("name", "customerName"),
        new TemplateMapping.Param("days", "days"),
        new TemplateMapping.Param("2", "expiry"));
    assertThat(renewal.requiredVariables()).containsExactly("customerName", "days", "expiry");
    Map<String, String> vars = Map.of("customerName", "Li", "days", "3", "expiry", "May 1", "extra", "x");
    assertThat(renewal.namedValues(vars)).containsExactly(
        Map.entry("name", "Li"), Map.entry("days", "3"), Map.entry("2", "May 1"));
    assertThat(renewal.orderedValues(vars)).containsExactly("Li", "3", "May 1");

    TemplateMapping welcome = m.require("welcome");
    assertThat(welcome.code()).isEqualTo("SMS_2");
    assertThat(welcome.params()).isEmpty();
    assertThat(welcome.signName()).isEmpty();
    assertThat(m.requiredVariables("welcome")).contains(java.util.Set.of());
    assertThat(m.requiredVariables("nope")).isEmpty();
  }

  @Test
  void missingVariableIsPermanentAndNamesItNotValues() {
    TemplateMapping m = parse(Map.of("template.t.code", "X", "template.t.params", "a:first,b:second")).require("t");
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> m.namedValues(Map.of("first", "secret-value-1")));
    assertThat(e.outcome()).isEqualTo(ChannelException.Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("missing-template-variable");
    assertThat(e.getMessage()).contains("'second'").doesNotContain("secret-value-1");
    assertThat(catchThrowableOfType(ChannelException.class, () -> m.orderedValues(Map.of("second", "v"))))
        .hasMessageContaining("'first'");
  }

  @Test
  void unmappedTemplateIsPermanent() {
    ChannelException e = catchThrowableOfType(ChannelException.class, () -> parse(Map.of()).require("renewal"));
    assertThat(e.outcome()).isEqualTo(ChannelException.Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo("unmapped-template");
    assertThat(e.getMessage()).contains("template.renewal.code");
  }

  @Test
  void mappingWithoutCodeNamesTheCodeKey() {
    assertThatThrownBy(() -> parse(Map.of("template.t.params", "a")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.t.code'");
    assertThatThrownBy(() -> parse(Map.of("template.t.code", " ")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.t.code'");
  }

  @Test
  void unknownFieldNamesTheKey() {
    assertThatThrownBy(() -> parse(Map.of("template.t.code", "X", "template.t.paramz", "a")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.t.paramz'");
    assertThatThrownBy(() -> parse(Map.of("template.code", "X")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.code'");
  }

  @Test
  void malformedParamsNameTheKey() {
    for (String bad : new String[] {"a,,b", "a:b:c", ":b", "a:", "a b", "a,a:x"}) {
      assertThatThrownBy(() -> parse(Map.of("template.t.code", "X", "template.t.params", bad)))
          .as("params '%s'", bad)
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.t.params'");
    }
  }

  @Test
  void blankSignNameNamesTheKey() {
    assertThatThrownBy(() -> parse(Map.of("template.t.code", "X", "template.t.signName", " ")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.t.signName'");
  }
}
