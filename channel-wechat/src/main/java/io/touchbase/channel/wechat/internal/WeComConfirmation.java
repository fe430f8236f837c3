package io.touchbase.channel.wechat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchbase.channel.support.Json;
import io.touchbase.spi.channel.StaffConfirmation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tracks a customer-contact message until its staff member sends it (providers.md §5: "model as
 * pending employee action"). {@link #status} asks {@code get_groupmsg_task} by msgid for the staff
 * members of the task, then {@code get_groupmsg_send_result} by msgid and staff member for the
 * customer's entry; {@link #cancel} calls {@code cancel_groupmsg_send}. Both follow {@code
 * next_cursor} for at most {@value #MAX_PAGES} pages.
 *
 * <p>The send-result status codes are unconfirmed (providers.md does not state them); as WeCom's
 * docs are commonly read: 0 not sent, 1 sent, 2 failed because the customer is not a contact of
 * the staff member, 3 failed because the customer already received another customer-contact
 * message (the per-customer cap). Anything else, or no entry for the customer, counts as pending,
 * so that an unknown answer never ends the wait early: at the deadline the engine withdraws the
 * message and falls back. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeComConfirmation implements StaffConfirmation {
  static final String TASK_PATH = "cgi-bin/externalcontact/get_groupmsg_task";
  static final String RESULT_PATH = "cgi-bin/externalcontact/get_groupmsg_send_result";
  static final String CANCEL_PATH = "cgi-bin/externalcontact/cancel_groupmsg_send";
  static final int MAX_PAGES = 10;

  private final WeComBinding binding;
  private final Duration deadline;
  private final Duration pollInterval;

  WeComConfirmation(WeComBinding binding, Duration deadline, Duration pollInterval) {
    this.binding = binding;
    this.deadline = deadline;
    this.pollInterval = pollInterval;
  }

  @Override
  public Duration deadline() {
    return deadline;
  }

  @Override
  public Duration pollInterval() {
    return pollInterval;
  }

  @Override
  public ConfirmationStatus status(ConfirmationRequest request) {
    String msgId = request.providerMessageId();
    Set<String> staff = new LinkedHashSet<>();
    pages(TASK_PATH, msgId, Optional.empty(), "task_list", task -> Json.nonBlankText(task, "userid")
        .ifPresent(staff::add));
    if (staff.isEmpty()) {
      return ConfirmationStatus.pending("WeCom lists no staff member for the task yet");
    }
    String customer = request.to().value();
    for (String userId : staff) {
      List<JsonNode> entries = new ArrayList<>();
      pages(RESULT_PATH, msgId, Optional.of(userId), "send_list", entry -> {
        if (Json.text(entry, "external_userid").filter(customer::equals).isPresent()) {
          entries.add(entry);
        }
      });
      for (JsonNode entry : entries) {
        Optional<ConfirmationStatus> status = status(entry, userId);
        if (status.isPresent()) {
          return status.get();
        }
      }
    }
    return ConfirmationStatus.pending("the staff member has not sent it yet");
  }

  /** The customer's entry of a send result; empty while it is pending or its status is unknown. */
  private static Optional<ConfirmationStatus> status(JsonNode entry, String userId) {
    String code = Json.text(entry, "status").orElse("").strip();
    Optional<Instant> at = Json.text(entry, "send_time").filter(t -> t.matches("[0-9]{1,12}"))
        .map(t -> Instant.ofEpochSecond(Long.parseLong(t))).filter(t -> t.getEpochSecond() > 0);
    return switch (code) {
      case "1" -> Optional.of(new ConfirmationStatus(ConfirmationStatus.State.SENT, Optional.of(userId), at,
          "sent by the staff member"));
      case "2" -> Optional.of(new ConfirmationStatus(ConfirmationStatus.State.NOT_SENT, Optional.of(userId),
          Optional.empty(), "the customer is not a contact of the staff member (status 2)"));
      case "3" -> Optional.of(new ConfirmationStatus(ConfirmationStatus.State.NOT_SENT, Optional.of(userId),
          Optional.empty(), "the customer already received another customer-contact message, "
              + "over the per-customer cap (status 3)"));
      default -> Optional.empty(); // 0 (not sent yet) and codes we do not know: keep waiting
    };
  }

  private void pages(String path, String msgId, Optional<String> userId, String list, Consumer<JsonNode> each) {
    String cursor = "";
    for (int page = 0; page < MAX_PAGES; page++) {
      ObjectNode body = binding.api().mapper().createObjectNode();
      body.put("msgid", msgId);
      userId.ifPresent(u -> body.put("userid", u));
      if (!cursor.isEmpty()) {
        body.put("cursor", cursor);
      }
      JsonNode answer = binding.api().post(path, body, path.substring(path.lastIndexOf('/') + 1), false);
      answer.path(list).forEach(each);
      cursor = Json.text(answer, "next_cursor").orElse("");
      if (cursor.isEmpty()) {
        return;
      }
    }
  }

  @Override
  public void cancel(ConfirmationRequest request) {
    ObjectNode body = binding.api().mapper().createObjectNode().put("msgid", request.providerMessageId());
    binding.api().post(CANCEL_PATH, body, "cancel_groupmsg_send", false);
  }

  @Override
  public String toString() {
    return "WeComConfirmation{deadline=" + deadline + ", pollInterval=" + pollInterval + "}";
  }
}
