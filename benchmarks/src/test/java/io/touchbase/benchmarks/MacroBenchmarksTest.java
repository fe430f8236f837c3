package io.touchbase.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every macro benchmark at a tiny size: each yields a positive figure and the table is printed. */
class MacroBenchmarksTest {
  @TempDir Path work;

  @Test
  void everyBenchmarkProducesAFigureAndTheTablePrints() throws Exception {
    MacroBenchmarks.Options o = MacroBenchmarks.Options.parse(new String[] {
        "--rounds=200", "--floor-tasks=300", "--warmup=100", "--repeats=2", "--threads=10",
        "--io-rounds=200", "--io-threads=20", "--io-delay-ms=5",
        "--goal-samples=50", "--goal-background=200", "--lag-rate=100", "--lag-seconds=2", "--durable=false",
        "--polling=PT0.2S",
        "--work-dir=" + work});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    List<Row> rows = MacroBenchmarks.run(o, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    List<String> ladder = List.of("floor + completion that reschedules", "floor + completion + the touchpoint alone",
        "floor + a sent round's record");
    List<String> expected = new ArrayList<>();
    expected.add("dry-run rounds vs floor");
    expected.addAll(ladder);
    expected.add("footprint");
    expected.add("dry-run rounds vs floor");
    expected.addAll(ladder);
    expected.addAll(List.of("scheduler lag p99 (sent - due)", "scheduler lag p99 (sent - due)",
        "aliyun-sms, provider answers after 5 ms", "goal latency p99"));
    assertThat(rows).extracting(Row::benchmark).containsExactlyElementsOf(expected);
    assertThat(rows).allSatisfy(r -> assertThat(r.value()).as(r.benchmark()).isPositive());
    assertThat(rows.get(0).detail()).contains("floor ").contains("ratio ").contains("per round: commits")
        .contains("after a warm-up of 100 floor executions and 200 rounds")
        .containsPattern("ratio (\\d+\\.\\d\\d) \\(the middle of 2 pairs in turns: \\d+\\.\\d\\d, \\d+\\.\\d\\d\\)");
    assertThat(rows.get(0).setup()).isEqualTo("10 threads, 200 due (floor 300)");
    assertThat(rows.subList(1, 4)).allSatisfy(r -> assertThat(r.detail())
        .containsPattern("ratio to the floor \\d+\\.\\d\\d \\(turns: \\d+\\.\\d\\d, \\d+\\.\\d\\d\\)")
        .contains("per execution: commits").contains("WAL records"));
    assertThat(rows.get(5).database()).isEqualTo("H2 file");
    assertThat(rows.subList(9, 11)).extracting(Row::database).containsExactly("PostgreSQL (fsync off)", "H2 file");
    assertThat(rows.subList(9, 11)).allSatisfy(r -> {
      assertThat(r.setup()).isEqualTo("10 threads, 100 due/s for 2 s");
      assertThat(r.detail()).containsPattern("p50 \\d+\\.\\d\\d s, max \\d+\\.\\d\\d s; lag halfway \\d+\\.\\d\\d s, "
          + "at the end \\d+\\.\\d\\d s; (keeps up|falls behind)")
          .contains("200 dry-run rounds due over 1.99 s, enrolled ahead");
    });
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("Machine: ").contains("| benchmark | database | setup | figure | details |");
    assertThat(printed.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| benchmark") && !l.startsWith("| ---"))).hasSize(rows.size());
  }

  @Test
  void aLagRunThatSendsSlowerThanRoundsFallDueSaysItFallsBehind() {
    TouchbaseRuns.Lag behind = new TouchbaseRuns.Lag(20.5, 41.0, 41.2, 60_000, 1_000, 60, 20.4, 41.2, 320, 900);
    TouchbaseRuns.Lag steady = new TouchbaseRuns.Lag(0.5, 1.1, 1.3, 60_000, 1_000, 60, 0.6, 0.4, 990, 900);

    assertThat(MacroBenchmarks.lagDetail(behind))
        .contains("falls behind: sent 320/s < due 1,000/s").contains("p50 20.50 s, max 41.20 s")
        .contains("lag halfway 20.40 s, at the end 41.20 s");
    assertThat(MacroBenchmarks.lagDetail(steady)).contains("keeps up: sent 990/s for 1,000/s due")
        .doesNotContain("falls behind");
  }

  @Test
  void optionsDefaultToTheIssueAndMustBePositive() {
    MacroBenchmarks.Options o = MacroBenchmarks.Options.defaults();
    assertThat(o.floorTasks()).isEqualTo(100_000);
    assertThat(o.warmup()).isEqualTo(100_000);
    assertThat(o.lagRate()).isEqualTo(1_000);
    assertThat(o.lagLength()).hasSeconds(60);
    assertThat(o.repeats()).isEqualTo(3);
    assertThat(o.only()).contains("lag");
    assertThatThrownBy(() -> MacroBenchmarks.Options.parse(new String[] {"--lag-rate=0"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--lag-rate must be greater than 0, but was 0");
    assertThatThrownBy(() -> MacroBenchmarks.Options.parse(new String[] {"--repeats=0"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--repeats must be greater than 0, but was 0");
  }

  @Test
  void unknownArgumentsAreNamed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MacroBenchmarks.Options.parse(new String[] {"--size=1"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--size");
  }
}
