package io.touchbase.channel.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AliyunCallOutcomeTest {

  @ParameterizedTest(name = "status {0} / smart {1} -> {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        // every row of the VoiceReport table, by status code alone ...
        "200000, -, answered",
        "200001, -, answered",
        "200002, -, busy",
        "200003, -, no-answer",
        "200004, -, invalid-number",
        "200005, -, unreachable",
        "200007, -, out-of-service",
        "200010, -, powered-off",
        "200011, -, suspended",
        "200121, -, provider-limit",
        "200118, -, provider-limit",
        "200119, -, provider-limit",
        "999999, -, provider-error",
        "500, -, provider-error",
        "400, -, provider-error",
        "123456, -, other",
        // ... and by smart status code, which wins over the status code
        "200000, ANSWERED, answered",
        "200002, USER_BUSY, busy",
        "200003, NO_ANSWER, no-answer",
        "200004, INVALID_NUMBER, invalid-number",
        "200005, CALL_REJECTED, rejected",
        "200005, OPERATOR_BLOCK, operator-blocked",
        "200007, NO_USER_RESPONDING, out-of-service",
        "200010, POWERED_OFF, powered-off",
        "200011, SUSPEND, suspended",
        "999999, OTHER, provider-error",
        "999999, OTHERS, provider-error",
        "200005, NETWORK_BUSY, network-busy",
        "200005, CALL_FORWARDING, call-forwarding",
        "200005, INCOMING_CALL_BARRED, incoming-call-barred",
        "200005, UNAVAILABLE, unavailable",
        "200003, CALL_REJECTED, rejected",
        "200000, NO_ANSWER, no-answer",
        "-, POWERED_OFF, powered-off",
        "-, ANSWERED, answered",
        // a smart code this table does not know defers to the status code
        "200010, SOMETHING_NEW, powered-off",
        "200001, SOMETHING_NEW, answered",
      })
  void classifies(String status, String smart, String expected) {
    AliyunCallOutcome outcome = AliyunCallOutcome.of(Optional.ofNullable(status), Optional.ofNullable(smart));
    if (expected.equals("answered")) {
      assertThat(outcome.answered()).isTrue();
      assertThat(outcome.reason()).isEmpty();
    } else {
      assertThat(outcome.answered()).isFalse();
      assertThat(outcome.reason()).contains(expected);
    }
  }
}
