package io.touchbase.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.contact.Contact;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk benchmark at a tiny size on both databases: every contact stored and enrolled, a figure printed. */
class BulkBenchmarkTest {
  @TempDir Path work;

  @Test
  void importsEveryContactIntoBothDatabasesAndPrintsTheTable() throws Exception {
    BulkBenchmark.Options o = BulkBenchmark.Options.parse(new String[] {
        "--contacts=350", "--warmup=120", "--batch=100", "--durable=false", "--work-dir=" + work});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    List<Row> rows = BulkBenchmark.run(o, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(rows).extracting(Row::database).containsExactly("PostgreSQL (fsync off)", "H2 file");
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.benchmark()).isEqualTo("bulk upsertAll + enrollAll");
      assertThat(r.value()).isPositive();
      assertThat(r.unit()).isEqualTo("contacts/s");
      assertThat(r.setup()).startsWith("350 contacts, batches of 100");
      assertThat(r.detail()).contains("peak heap used", "after an untimed warm-up of 120 contacts",
              "CPU per contact: JVM ")
          .contains("[tb_contact, tb_contact_address, tb_consent, tb_enrollment, scheduled_tasks]");
    });
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("Machine: ").contains("| benchmark | database | setup | figure | details |");
  }

  @Test
  void theGeneratorStreamsBatchesOfTheAskedSize() {
    BulkBenchmark.Batches batches = new BulkBenchmark.Batches(new BulkBenchmark.Generator(250), 100);
    List<Integer> sizes = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    while (batches.hasNext()) {
      List<Contact> batch = batches.next();
      sizes.add(batch.size());
      batch.forEach(c -> ids.add(c.id().value()));
    }
    assertThat(sizes).containsExactly(100, 100, 50);
    assertThat(ids).doesNotHaveDuplicates().startsWith("b0", "b1").endsWith("b249");
    assertThat(BulkBenchmark.phone(7)).isEqualTo("+8613800000007");
    assertThat(BulkBenchmark.phone(12_345_678)).isEqualTo("+8613812345678");
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> BulkBenchmark.Options.parse(new String[] {"--size=1"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--size");
    assertThatThrownBy(() -> BulkBenchmark.Options.parse(new String[] {"--batch=20000"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--batch");
    assertThatThrownBy(() -> BulkBenchmark.Options.parse(new String[] {"--warmup=-1"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--warmup");
  }
}
