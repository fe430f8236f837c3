package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DispatchIdTest {

  @Test
  void keepsTheValue() {
    DispatchId id = DispatchId.of("tb-42-1-a3f9");
    assertThat(id.value()).isEqualTo("tb-42-1-a3f9");
    assertThat(id).hasToString("tb-42-1-a3f9").isEqualTo(new DispatchId("tb-42-1-a3f9"));
  }

  @Test
  void acceptsAtMost64PrintableAsciiCharacters() {
    assertThat(DispatchId.of("x".repeat(64)).value()).hasSize(64);
    assertThat(DispatchId.of("!~").value()).isEqualTo("!~");
    assertThatThrownBy(() -> DispatchId.of("x".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("dispatchId must be at most 64 printable ASCII characters, but was '");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "a\tb", "tb-é", "tb-\u007f", "订单-1"})
  void rejectsSpacesControlAndNonAsciiCharacters(String value) {
    assertThatThrownBy(() -> DispatchId.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dispatchId must be at most 64 printable ASCII characters, but was '" + value + "'");
  }

  @Test
  void rejectsNullAndBlank() {
    assertThatThrownBy(() -> DispatchId.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dispatchId must not be null");
    assertThatThrownBy(() -> DispatchId.of(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dispatchId must not be blank");
  }
}
