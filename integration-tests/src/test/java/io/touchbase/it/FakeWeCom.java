package io.touchbase.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The WeCom customer-contact API ({@code qyapi.weixin.qq.com}) on a real socket, as a group
 * message task behaves: {@code gettoken} issues {@link #ACCESS_TOKEN}; {@code add_msg_template}
 * queues a task in the sender's client and answers its {@code msgid}; {@code get_groupmsg_task}
 * lists the sender; {@code get_groupmsg_send_result} answers status 0 (not sent yet) for the
 * customer until the test says the staff member {@linkplain #staffSends sent it} (status 1, with
 * the send time) or that WeCom {@linkplain #answerStatus answers another status}; {@code
 * cancel_groupmsg_send} withdraws it. A wrong path, token or msgid is answered 404 so that it
 * fails visibly. Records every request; the tests assert them.
 *
 * <p>The send-result status codes (0 not sent yet, 1 sent, 2 not a contact, 3 over the
 * per-customer cap) are unconfirmed: they are those {@code WeComConfirmation} reads, as WeCom's
 * docs are commonly read, and providers.md does not state them. The task list's {@code status}
 * mirrors the customer's; the channel does not read it.
 */
final class FakeWeCom implements AutoCloseable {
  static final String CORP_ID = "ww7e2e0c5a9b3f1d46";
  static final String CONTACT_SECRET = "wecom-contact-secret-e2e-93b8";
  static final String ACCESS_TOKEN = "WECOM_ACCESS_TOKEN_E2E_6d0a";
  static final String TOKEN_PATH = "/cgi-bin/gettoken?corpid=" + CORP_ID + "&corpsecret=" + CONTACT_SECRET;
  static final String API = "/cgi-bin/externalcontact/";
  static final String ADD = "add_msg_template";
  static final String TASK = "get_groupmsg_task";
  static final String RESULT = "get_groupmsg_send_result";
  static final String CANCEL = "cancel_groupmsg_send";

  /** One request as it arrived; {@code endpoint} is the last path segment. */
  record Call(String method, String path, String endpoint, String contentType, String body) {}

  /** A queued customer-contact message and the status of its customer's send result. */
  record Task(String msgId, String sender, String externalUserId, int status, Optional<Instant> sentAt) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final MockWebServer server = new MockWebServer();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();

  FakeWeCom() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    server.start();
  }

  String baseUrl() {
    return server.url("/").toString();
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The bodies of the calls to one endpoint, e.g. {@link #CANCEL}, in arrival order. */
  synchronized List<String> bodies(String endpoint) {
    return calls.stream().filter(c -> c.endpoint().equals(endpoint)).map(Call::body).toList();
  }

  /** The task queued for this customer. */
  synchronized Task taskFor(String externalUserId) {
    return tasks.values().stream().filter(t -> t.externalUserId().equals(externalUserId)).findFirst()
        .orElseThrow(() -> new AssertionError("no task queued for " + externalUserId));
  }

  /** The staff member presses send in their WeCom client for this customer's message. */
  synchronized void staffSends(String externalUserId, Instant at) {
    Task t = taskFor(externalUserId);
    tasks.put(t.msgId(), new Task(t.msgId(), t.sender(), t.externalUserId(), 1, Optional.of(at)));
  }

  /** From now on the customer's send result has this status, e.g. 3: over the per-customer cap. */
  synchronized void answerStatus(String externalUserId, int status) {
    Task t = taskFor(externalUserId);
    tasks.put(t.msgId(), new Task(t.msgId(), t.sender(), t.externalUserId(), status, Optional.empty()));
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    String path = request.getPath();
    String endpoint = path.replaceFirst("\\?.*", "").replaceFirst(".*/", "");
    Call call = new Call(request.getMethod(), path, endpoint, request.getHeader("Content-Type"),
        request.getBody().readUtf8());
    calls.add(call);
    if (call.method().equals("GET") && path.equals(TOKEN_PATH)) {
      return FakeWeChat.json("{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"" + ACCESS_TOKEN
          + "\",\"expires_in\":7200}");
    }
    if (!call.method().equals("POST") || !path.equals(API + endpoint + "?access_token=" + ACCESS_TOKEN)) {
      return new MockResponse().setResponseCode(404);
    }
    JsonNode body;
    try {
      body = MAPPER.readTree(call.body());
    } catch (IOException e) {
      return new MockResponse().setResponseCode(400);
    }
    if (endpoint.equals(ADD)) {
      String msgId = "msgE2E" + (tasks.size() + 1) + "GCAAAXtWyujaWJHDDGi0mAAAA";
      tasks.put(msgId, new Task(msgId, body.path("sender").asText(), body.path("external_userid").path(0).asText(),
          0, Optional.empty()));
      return FakeWeChat.json("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"" + msgId + "\"}");
    }
    Task task = tasks.get(body.path("msgid").asText());
    if (task == null) {
      return new MockResponse().setResponseCode(404);
    }
    int status = task.status();
    return switch (endpoint) {
      case TASK -> FakeWeChat.json("{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"\",\"task_list\":[{"
          + "\"userid\":\"" + task.sender() + "\",\"status\":" + status
          + task.sentAt().map(t -> ",\"send_time\":" + t.getEpochSecond()).orElse("") + "}]}");
      case RESULT -> body.path("userid").asText().equals(task.sender())
          ? FakeWeChat.json("{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"\",\"send_list\":[{"
              + "\"external_userid\":\"" + task.externalUserId() + "\",\"userid\":\"" + task.sender() + "\","
              + "\"status\":" + status + task.sentAt().map(t -> ",\"send_time\":" + t.getEpochSecond()).orElse("")
              + "}]}")
          : FakeWeChat.json("{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"\",\"send_list\":[]}");
      case CANCEL -> FakeWeChat.json("{\"errcode\":0,\"errmsg\":\"ok\"}");
      default -> new MockResponse().setResponseCode(404);
    };
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
