package io.touchbase.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every macro benchmark at a tiny size: each yields a positive figure and the table is printed. */
class MacroBenchmarksTest {
  @TempDir Path work;

  @Test
  void everyBenchmarkProducesAFigureAndTheTablePrints() throws Exception {
    MacroBenchmarks.Options o = MacroBenchmarks.Options.parse(new String[] {
        "--rounds=200", "--threads=10", "--io-rounds=200", "--io-threads=20", "--io-delay-ms=5",
        "--goal-samples=50", "--goal-background=200", "--durable=false", "--polling=PT0.2S",
        "--work-dir=" + work});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    List<Row> rows = MacroBenchmarks.run(o, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(rows).extracting(Row::benchmark).containsExactly(
        "dry-run rounds vs floor", "footprint", "dry-run rounds vs floor",
        "aliyun-sms, provider answers after 5 ms", "goal latency p99");
    assertThat(rows).allSatisfy(r -> assertThat(r.value()).as(r.benchmark()).isPositive());
    assertThat(rows.get(0).detail()).contains("floor ").contains("ratio ").contains("per round: commits");
    assertThat(rows.get(2).database()).isEqualTo("H2 file");
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("Machine: ").contains("| benchmark | database | setup | figure | details |");
    assertThat(printed.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| benchmark") && !l.startsWith("| ---"))).hasSize(rows.size());
  }

  @Test
  void unknownArgumentsAreNamed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MacroBenchmarks.Options.parse(new String[] {"--size=1"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--size");
  }
}
