package io.touchbase.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The chaos run at the size the suite affords ({@code -Dchaos.size=full} for the size):
 * separate instance processes killed with SIGKILL, a PostgreSQL outage, a faulty provider, and
 * still every round accounted for once.
 */
class ChaosDriverTest {
  @Test
  @DisplayName("after kills, an outage and provider faults: lost = 0, duplicated = 0")
  void nothingLostNothingDuplicated() throws Exception {
    Path work = Path.of("target", "chaos-run");
    ChaosDriver.Options options = "full".equals(System.getProperty("chaos.size"))
        ? ChaosDriver.Options.full(work) : ChaosDriver.Options.small(work);
    ChaosDriver.Result result = new ChaosDriver(options).run();
    System.out.println(result.table());
    Audit audit = result.audit();
    assertThat(result.kills()).isGreaterThanOrEqualTo(5);
    assertThat(result.outageSeconds()).isPositive();
    assertThat(audit.enrollments()).isEqualTo(options.enrolments());
    assertThat(audit.faults()).as("the provider answered with faults").isNotEmpty();
    assertThat(audit.lost()).as("lost").isZero();
    assertThat(audit.duplicated()).as("duplicated").isZero();
    assertThat(audit.unfinished()).as("enrollments still active").isZero();
    assertThat(audit.multipleOutcomes()).as("rounds with more than one outcome").isZero();
    assertThat(audit.failedWithoutReason()).as("failed rounds without a reason").isZero();
    assertThat(audit.acceptedNotSent()).as("rounds accepted by the provider but recorded as not sent").isZero();
  }
}
