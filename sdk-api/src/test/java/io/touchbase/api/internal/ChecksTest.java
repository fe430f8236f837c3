package io.touchbase.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {

  @Test
  void notNullReturnsTheValueAndNamesTheFieldWhenNull() {
    Object value = new Object();
    assertThat(Checks.notNull(value, "field")).isSameAs(value);
    assertThatThrownBy(() -> Checks.notNull(null, "channel.name"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("channel.name must not be null");
  }

  @Test
  void notBlankRejectsNullEmptyAndWhitespace() {
    assertThat(Checks.notBlank(" x ", "f")).isEqualTo(" x ");
    assertThatThrownBy(() -> Checks.notBlank(null, "f"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("f must not be null");
    assertThatThrownBy(() -> Checks.notBlank("", "f"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("f must not be blank");
    assertThatThrownBy(() -> Checks.notBlank(" \t\n", "f"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("f must not be blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "sms", "aliyun-sms", "x1-2-y3", "0"})
  void kebabIdAcceptsLowerKebabCase(String id) {
    assertThat(Checks.kebabId(id, "providerId")).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Aliyun", "a--b", "-a", "a-", "a_b", "a b", "a.b", "ä"})
  void kebabIdRejectsAnythingElseNamingTheField(String id) {
    assertThatThrownBy(() -> Checks.kebabId(id, "providerId"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "providerId must be lower-kebab-case (a-z, 0-9 and single dashes), but was '"
                + id
                + "'");
  }

  @Test
  void kebabIdRejectsBlankAsBlank() {
    assertThatThrownBy(() -> Checks.kebabId(" ", "providerId"))
        .hasMessage("providerId must not be blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sms", "order.paid", "a:b_c-d", "A1", "9"})
  void nameAcceptsLettersDigitsAndPunctuation(String name) {
    assertThat(Checks.name(name, "n")).isEqualTo(name);
  }

  @Test
  void nameAcceptsAtMost128Characters() {
    String max = "a".repeat(128);
    assertThat(Checks.name(max, "n")).isEqualTo(max);
    assertThatThrownBy(() -> Checks.name(max + "a", "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("n must start with a letter or digit")
        .hasMessageContaining("(at most 128)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-x", ".x", "_x", "a b", "a/b", "a@b"})
  void nameRejectsBadCharactersQuotingTheValue(String name) {
    assertThatThrownBy(() -> Checks.name(name, "template.id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("template.id must start with a letter or digit")
        .hasMessageEndingWith("but was '" + name + "'");
  }

  @Test
  void notNegativeAllowsZero() {
    assertThat(Checks.notNegative(Duration.ZERO, "d")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> Checks.notNegative(Duration.ofSeconds(-1), "delay.duration"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay.duration must not be negative, but was PT-1S");
    assertThatThrownBy(() -> Checks.notNegative(null, "delay.duration"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delay.duration must not be null");
  }

  @Test
  void positiveDurationRejectsZeroAndNegative() {
    assertThat(Checks.positive(Duration.ofMillis(1), "d")).isEqualTo(Duration.ofMillis(1));
    assertThatThrownBy(() -> Checks.positive(Duration.ZERO, "pollingInterval"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pollingInterval must be greater than 0, but was PT0S");
    assertThatThrownBy(() -> Checks.positive(Duration.ofSeconds(-2), "pollingInterval"))
        .hasMessage("pollingInterval must be greater than 0, but was PT-2S");
    assertThatThrownBy(() -> Checks.positive((Duration) null, "pollingInterval"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("pollingInterval must not be null");
  }

  @Test
  void positiveIntRejectsZeroAndNegative() {
    assertThat(Checks.positive(1, "n")).isEqualTo(1);
    assertThatThrownBy(() -> Checks.positive(0, "threads"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be greater than 0, but was 0");
    assertThatThrownBy(() -> Checks.positive(-1, "threads"))
        .hasMessage("threads must be greater than 0, but was -1");
  }

  @Test
  void atLeastAcceptsTheMinimum() {
    assertThat(Checks.atLeast(2, 2, "n")).isEqualTo(2);
    assertThatThrownBy(() -> Checks.atLeast(1, 2, "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n must be at least 2, but was 1");
  }
}
