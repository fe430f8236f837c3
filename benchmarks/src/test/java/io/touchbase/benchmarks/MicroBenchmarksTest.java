package io.touchbase.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each micro benchmark, called once outside JMH, does the work it claims to measure. */
class MicroBenchmarksTest {
  private final MicroBenchmarks bench = new MicroBenchmarks();

  @BeforeEach
  void setUp() {
    bench.setUp();
  }

  @Test
  void rendersTheTemplate() {
    assertThat(bench.renderTemplate()).contains(
        "Hi Member 1024, your Gold membership ends on 2026-03-09. Renew now and save 10%: https://shop.example/r/abc123");
  }

  @Test
  void signsBothWays() {
    assertThat(bench.signAcs3()).startsWith("ACS3-HMAC-SHA256 Credential=LTAI-bench-key,SignedHeaders=host;")
        .matches(".*,Signature=[0-9a-f]{64}");
    assertThat(bench.signTc3()).startsWith("TC3-HMAC-SHA256 Credential=AKID-bench/2026-03-02/sms/tc3_request, ")
        .matches(".*, Signature=[0-9a-f]{64}");
  }

  @Test
  void normalisesAndMasksPhones() {
    assertThat(bench.phoneAddress().value()).isEqualTo("+8613800138000");
    assertThat(bench.phoneToE164()).isEqualTo("+8613800138000");
    assertThat(bench.phoneToAliyun()).isEqualTo("13800138000");
    assertThat(bench.maskPhone()).isEqualTo("+861******8000");
  }
}
