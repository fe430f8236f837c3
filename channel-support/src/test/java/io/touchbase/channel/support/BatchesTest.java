package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {
  /** A message: its template and its recipient. */
  private record Msg(String template, String to) {}

  private static List<List<Msg>> split(List<Msg> messages, int maxSize) {
    return Batches.split(messages, Msg::template, Msg::to, maxSize);
  }

  @Test
  void messagesOfOneKeyShareARequestInOrder() {
    Msg a = new Msg("renewal", "+861");
    Msg b = new Msg("renewal", "+862");
    Msg c = new Msg("reminder", "+861");
    Msg d = new Msg("renewal", "+863");

    assertThat(split(List.of(a, b, c, d), 100)).containsExactly(List.of(a, b, d), List.of(c));
  }

  @Test
  void aRequestHoldsAtMostMaxSize() {
    Msg a = new Msg("t", "1");
    Msg b = new Msg("t", "2");
    Msg c = new Msg("t", "3");
    Msg d = new Msg("t", "4");
    Msg e = new Msg("t", "5");

    assertThat(split(List.of(a, b, c, d, e), 2)).containsExactly(List.of(a, b), List.of(c, d), List.of(e));
    assertThat(split(List.of(a, b), 1)).containsExactly(List.of(a), List.of(b));
  }

  @Test
  void aRecipientGoesOncePerRequestAndFillsTheFirstThatLacksIt() {
    Msg first = new Msg("t", "+861");
    Msg again = new Msg("t", "+861");
    Msg other = new Msg("t", "+862");
    Msg third = new Msg("t", "+861");

    assertThat(split(List.of(first, again, other, third), 100))
        .containsExactly(List.of(first, other), List.of(again), List.of(third));
  }

  @Test
  void nothingGivesNoRequests() {
    assertThat(split(List.of(), 100)).isEmpty();
  }

  @Test
  void maxSizeMustBePositive() {
    assertThatThrownBy(() -> split(List.of(), 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSize must be greater than 0, but was 0");
  }
}
