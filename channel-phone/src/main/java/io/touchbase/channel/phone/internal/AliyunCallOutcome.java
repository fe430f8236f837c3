package io.touchbase.channel.phone.internal;

import java.util.Map;
import java.util.Optional;

/**
 * What an Aliyun Voice call result ({@code VoiceReport}) means: answered, or not answered for a
 * stable lower-kebab reason. The smart status code is preferred when present and known, as
 * Aliyun's documentation advises; the carrier status code decides otherwise.
 *
 * @param answered whether the callee picked up
 * @param reason why the call was not answered; empty when answered
 */
record AliyunCallOutcome(boolean answered, Optional<String> reason) {
  /** The reason of a code neither table knows. */
  static final String OTHER = "other";

  private static final AliyunCallOutcome ANSWERED = new AliyunCallOutcome(true, Optional.empty());
  private static final String ANSWERED_SMART = "ANSWERED";

  // Smart status codes (智能状态码), from the table in the provider reference §3.4.
  private static final Map<String, String> SMART_REASONS =
      Map.ofEntries(
          Map.entry("USER_BUSY", "busy"),
          Map.entry("NO_ANSWER", "no-answer"),
          Map.entry("INVALID_NUMBER", "invalid-number"),
          Map.entry("CALL_REJECTED", "rejected"),
          Map.entry("OPERATOR_BLOCK", "operator-blocked"),
          Map.entry("NO_USER_RESPONDING", "out-of-service"),
          Map.entry("POWERED_OFF", "powered-off"),
          Map.entry("SUSPEND", "suspended"),
          Map.entry("NETWORK_BUSY", "network-busy"),
          Map.entry("CALL_FORWARDING", "call-forwarding"),
          Map.entry("INCOMING_CALL_BARRED", "incoming-call-barred"),
          Map.entry("UNAVAILABLE", "unavailable"),
          Map.entry("OTHER", "provider-error"),
          Map.entry("OTHERS", "provider-error"));

  // Carrier status codes (status_code), same table.
  private static final Map<String, String> STATUS_REASONS =
      Map.ofEntries(
          Map.entry("200002", "busy"),
          Map.entry("200003", "no-answer"),
          Map.entry("200004", "invalid-number"),
          // Unreachable, which includes calls the callee rejected and anti-spam blocks; only the
          // smart code tells those apart.
          Map.entry("200005", "unreachable"),
          Map.entry("200007", "out-of-service"),
          Map.entry("200010", "powered-off"),
          Map.entry("200011", "suspended"),
          Map.entry("200118", "provider-limit"),
          Map.entry("200119", "provider-limit"),
          Map.entry("200121", "provider-limit"),
          Map.entry("999999", "provider-error"),
          Map.entry("500", "provider-error"),
          Map.entry("400", "provider-error"));

  AliyunCallOutcome {
    if (answered == reason.isPresent()) {
      throw new IllegalArgumentException("an outcome has a reason exactly when it was not answered");
    }
  }

  /**
   * Classifies one final call result.
   *
   * @param statusCode the carrier status code, empty when absent
   * @param smartStatusCode the smart status code, empty when absent
   */
  static AliyunCallOutcome of(Optional<String> statusCode, Optional<String> smartStatusCode) {
    Optional<String> smart = smartStatusCode.map(String::strip).filter(s -> !s.isEmpty());
    if (smart.isPresent()) {
      if (smart.get().equals(ANSWERED_SMART)) {
        return ANSWERED;
      }
      String reason = SMART_REASONS.get(smart.get());
      if (reason != null) {
        return notAnswered(reason);
      }
      // A smart code newer than this table: the carrier code still says what happened.
    }
    String status = statusCode.map(String::strip).orElse("");
    if (status.equals("200000") || status.equals("200001")) {
      // Heard it all / hung up early: both reached the callee.
      return ANSWERED;
    }
    return notAnswered(STATUS_REASONS.getOrDefault(status, OTHER));
  }

  private static AliyunCallOutcome notAnswered(String reason) {
    return new AliyunCallOutcome(false, Optional.of(reason));
  }
}
