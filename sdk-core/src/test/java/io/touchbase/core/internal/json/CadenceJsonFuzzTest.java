package io.touchbase.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.testkit.fuzz.FuzzInputs;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the reader of stored cadence definitions: a definition that writes back to an equal one,
 * or {@link IllegalArgumentException} naming what is wrong; nothing else.
 */
class CadenceJsonFuzzTest {
  private static final CadenceJson JSON = new CadenceJson(new JsonCodec());

  @FuzzTest(maxDuration = "60s")
  void read(byte[] data) {
    try {
      CadenceDefinition d = JSON.read(FuzzInputs.text(data));
      assertThat(JSON.read(JSON.write(d))).isEqualTo(d);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "read", 2000, this::read);
  }
}
