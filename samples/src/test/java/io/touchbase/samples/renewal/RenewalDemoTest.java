package io.touchbase.samples.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.touchpoint.TouchpointKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenewalDemoTest {
  @TempDir Path dir;

  @Test
  void printsTheFunnelOfThreeRoundsAndATimeline() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Map<Integer, Map<TouchpointKind, Long>> funnel =
        RenewalDemo.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(funnel).containsOnlyKeys(1, 2, 3);
    for (int round = 1; round <= 3; round++) {
      assertThat(funnel.get(round).getOrDefault(TouchpointKind.SENT, 0L)).as("round %d sent", round).isPositive();
      assertThat(funnel.get(round).getOrDefault(TouchpointKind.CONVERTED, 0L)).as("round %d converted", round).isPositive();
    }
    long reachedRound1 = funnel.get(1).getOrDefault(TouchpointKind.SENT, 0L)
        + funnel.get(1).getOrDefault(TouchpointKind.SUPPRESSED, 0L);
    assertThat(reachedRound1).isEqualTo(RenewalDemo.MEMBERS);
    assertThat(funnel.get(1).get(TouchpointKind.SUPPRESSED)).as("members without phone or SMS consent").isPositive();
    assertThat(out).contains("round  via").contains("Timeline of member-").contains("CONVERTED   round 2");
    assertThat(out).doesNotContainPattern("\\+86139\\d{8}");
  }
}
