package io.touchbase.api.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundTest {

  @Test
  void builderKeepsChannelsInOrderAndVariables() {
    Round r =
        Round.builder()
            .waitFor(Duration.ofHours(2))
            .channel("wechat")
            .channels("sms", "email")
            .template("renewal-1")
            .variable("offer", "10-off")
            .build();
    assertThat(r.delay()).isEqualTo(Wait.fixed(Duration.ofHours(2)));
    assertThat(r.channels()).containsExactly("wechat", "sms", "email");
    assertThat(r.template()).isEqualTo("renewal-1");
    assertThat(r.variables()).containsOnly(Map.entry("offer", "10-off"));
  }

  @Test
  void delayDefaultsToNone() {
    assertThat(Round.builder().channel("sms").template("t").build().delay()).isEqualTo(Wait.NONE);
  }

  @Test
  void builderDelayAndWaitBetweenSetTheWait() {
    Wait w = Wait.atLocalTime(Duration.ofDays(1), java.time.LocalTime.of(10, 0));
    assertThat(Round.builder().delay(w).channel("sms").template("t").build().delay()).isEqualTo(w);
    assertThat(
            Round.builder()
                .waitBetween(Duration.ofDays(1), Duration.ofDays(2))
                .channel("sms")
                .template("t")
                .build()
                .delay())
        .isEqualTo(new Wait.Window(Duration.ofDays(1), Duration.ofDays(2)));
  }

  @Test
  void channelsMustNotBeEmpty() {
    assertThatThrownBy(() -> new Round(Wait.NONE, List.of(), "t", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channels must not be empty: name at least one channel");
  }

  @Test
  void channelsMustNotRepeat() {
    assertThatThrownBy(() -> new Round(Wait.NONE, List.of("sms", "email", "sms"), "t", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channels must not repeat a channel, but was [sms, email, sms]");
  }

  @Test
  void channelNamesAreValidatedByIndex() {
    assertThatThrownBy(() -> new Round(Wait.NONE, List.of("sms", "we chat"), "t", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("channels[1] must start with a letter or digit");
  }

  @Test
  void nullComponentsAreNamed() {
    assertThatThrownBy(() -> new Round(null, List.of("sms"), "t", Map.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delay must not be null");
    assertThatThrownBy(() -> new Round(Wait.NONE, null, "t", Map.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("channels must not be null");
    assertThatThrownBy(() -> new Round(Wait.NONE, List.of("sms"), null, Map.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("template must not be null");
    assertThatThrownBy(() -> new Round(Wait.NONE, List.of("sms"), "t", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("variables must not be null");
    assertThatThrownBy(() -> Round.builder().delay(null).channel("sms").template("t").build())
        .hasMessage("delay must not be null");
  }

  @Test
  void templateMustBeAName() {
    assertThatThrownBy(() -> new Round(Wait.NONE, List.of("sms"), "renewal 1", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("template must start with a letter or digit");
  }

  @Test
  void variablesAreValidated() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("offer", null);
    assertThatThrownBy(() -> new Round(Wait.NONE, List.of("sms"), "t", nullValue))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("variables[offer] must not be null");
    assertThatThrownBy(() -> new Round(Wait.NONE, List.of("sms"), "t", Map.of("the offer", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("variables key must start with a letter or digit");
  }

  @Test
  void channelsAndVariablesAreUnmodifiableCopies() {
    List<String> channels = new ArrayList<>(List.of("sms"));
    Map<String, String> variables = new HashMap<>(Map.of("a", "1"));
    Round r = new Round(Wait.NONE, channels, "t", variables);
    channels.add("email");
    variables.put("b", "2");
    assertThat(r.channels()).containsExactly("sms");
    assertThat(r.variables()).containsOnlyKeys("a");
    assertThatThrownBy(() -> r.channels().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.variables().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
