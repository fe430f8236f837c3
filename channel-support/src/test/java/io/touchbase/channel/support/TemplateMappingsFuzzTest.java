package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.api.ConfigurationException;
import io.touchbase.spi.channel.ChannelSettings;
import io.touchbase.testkit.fuzz.FuzzInputs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes reading template mappings from settings, one {@code key=value} per input line: mappings
 * or a {@link ConfigurationException} naming a {@code template.} setting.
 */
class TemplateMappingsFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void from(byte[] data) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : FuzzInputs.text(data).split("\n", -1)) {
      int eq = line.indexOf('=');
      settings.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
    }
    try {
      TemplateMappings mappings = TemplateMappings.from(ChannelSettings.of(settings));
      for (String id : mappings.templateIds()) {
        TemplateMapping m = mappings.require(id);
        assertThat(m.code()).isNotBlank();
        assertThat(mappings.requiredVariables(id)).contains(m.requiredVariables());
      }
    } catch (ConfigurationException e) {
      assertThat(e.getMessage()).contains("setting '" + TemplateMappings.PREFIX);
    }
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "from", 1500, this::from);
  }
}
