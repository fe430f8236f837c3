package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.testkit.fuzz.FuzzInputs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fuzzes form and query parsing: a map of parameters or {@link IllegalArgumentException}, nothing else. */
class FormsFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parse(byte[] data) {
    String input = FuzzInputs.text(data);
    try {
      Map<String, List<String>> params = Forms.parse(input);
      params.forEach((name, values) -> assertThat(values).isNotEmpty().doesNotContainNull());
      assertThat(Forms.first(params, "From")).isNotNull();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isEqualTo("form data has a malformed percent-escape");
    }
  }

  @FuzzTest(maxDuration = "60s")
  void queryOf(byte[] data) {
    String input = FuzzInputs.text(data);
    try {
      assertThat(Forms.queryOf(input)).isNotNull();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isIn("URL is malformed", "form data has a malformed percent-escape");
    }
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "parse", 1000, this::parse);
    FuzzInputs.boundedRun(getClass(), "queryOf", 1000, this::queryOf);
  }
}
