package io.touchbase.chaos;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * A fake Aliyun SMS endpoint in a process of its own. It accepts {@code SendSms}, answers {@code
 * QuerySendDetails} truthfully from what it accepted, and for a seeded share of sends answers
 * with a fault instead of OK, either before or after it accepted the message: a fault after
 * accepting is the case that could make the engine send twice.
 *
 * <p>Every accepted message and every fault is appended to the log file, one line each, written
 * through before the answer goes out: {@code A <tab> OutId <tab> number <tab> template <tab>
 * fault} and {@code F <tab> fault}. Signatures are not checked (the integration tests do).
 *
 * <p>Arguments: {@code port=}, {@code log=}, {@code seed=}, {@code faultRate=} (0 to 1), {@code
 * origin=} and {@code speed=} (the {@link ChaosClock}, for send dates), {@code calm=} (a file whose
 * existence ends the faults, so that a run's tail is not stretched by new ones).
 */
public final class FakeProviderMain {
  private static final DateTimeFormatter SEND_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private final BufferedWriter log;
  private final Random random;
  private final double faultRate;
  private final ChaosClock clock;
  private final Path calm;
  private final Map<String, List<Accepted>> byNumber = new HashMap<>();
  private final AtomicLong ids = new AtomicLong();

  private record Accepted(String outId, String number, String template, LocalDate date) {}

  FakeProviderMain(Path logFile, long seed, double faultRate, ChaosClock clock, Path calm) throws IOException {
    this.calm = calm;
    this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    this.random = new Random(seed);
    this.faultRate = faultRate;
    this.clock = clock;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> m = ChaosSetup.args(args);
    FakeProviderMain fake = new FakeProviderMain(Path.of(ChaosSetup.require(m, "log")),
        Long.parseLong(ChaosSetup.require(m, "seed")), Double.parseDouble(ChaosSetup.require(m, "faultRate")),
        new ChaosClock(Long.parseLong(ChaosSetup.require(m, "origin")), Integer.parseInt(ChaosSetup.require(m, "speed"))),
        Path.of(ChaosSetup.require(m, "calm")));
    MockWebServer server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return fake.answer(request);
      }
    });
    server.start(InetAddress.getLoopbackAddress(), Integer.parseInt(ChaosSetup.require(m, "port")));
    // MockWebServer keeps every request for takeRequest(); drain them so a long run does not fill the heap.
    Thread drain = new Thread(() -> {
      try {
        while (true) {
          server.takeRequest();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "drain");
    drain.setDaemon(true);
    drain.start();
    System.out.println("fake provider listening on " + server.getPort());
    new CountDownLatch(1).await();
  }

  synchronized MockResponse answer(RecordedRequest request) {
    HttpUrl url = request.getRequestUrl();
    String action = url.queryParameter("Action");
    if (action == null) {
      action = request.getHeader("x-acs-action");
    }
    if ("SendSms".equals(action)) {
      return sendSms(url);
    }
    if ("QuerySendDetails".equals(action)) {
      return query(url);
    }
    return json(400, "{\"Code\":\"isv.INVALID_PARAMETERS\",\"Message\":\"unexpected action\"}");
  }

  private MockResponse sendSms(HttpUrl url) {
    boolean faulty = random.nextDouble() < faultRate && !Files.exists(calm);
    Fault fault = faulty ? Fault.faults()[random.nextInt(Fault.faults().length)] : Fault.NONE;
    if (fault.afterAccepting || fault == Fault.NONE) {
      Accepted a = new Accepted(param(url, "OutId"), param(url, "PhoneNumbers"), param(url, "TemplateCode"),
          LocalDate.ofInstant(clock.instant(), ChaosSetup.SHANGHAI));
      byNumber.computeIfAbsent(a.number(), n -> new ArrayList<>()).add(a);
      write("A\t" + a.outId() + "\t" + a.number() + "\t" + a.template() + "\t" + fault.name());
    }
    if (fault != Fault.NONE) {
      write("F\t" + fault.name());
    }
    long n = ids.incrementAndGet();
    String ok = "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"biz-" + n + "\",\"RequestId\":\"req-" + n + "\"}";
    return switch (fault) {
      case NONE -> json(200, ok);
      case HTTP_5XX_BEFORE_ACCEPTING -> new MockResponse().setResponseCode(503).setBody("Service Unavailable");
      case HTTP_5XX_AFTER_ACCEPTING -> new MockResponse().setResponseCode(500).setBody("Internal Server Error");
      // The gateway's QPS limit; the HTTP status that comes with it is unconfirmed (400 here).
      case THROTTLING -> json(400, "{\"Code\":\"Throttling.User\",\"Message\":\"Request was denied due to user flow"
          + " control.\",\"RequestId\":\"req-" + n + "\"}");
      case SLOW_BEFORE_ACCEPTING -> json(503, "{\"Code\":\"isp.SYSTEM_ERROR\",\"Message\":\"late\"}")
          .setHeadersDelay(ChaosSetup.SLOW_ANSWER.toMillis(), TimeUnit.MILLISECONDS);
      case SLOW_AFTER_ACCEPTING -> json(200, ok)
          .setHeadersDelay(ChaosSetup.SLOW_ANSWER.toMillis(), TimeUnit.MILLISECONDS);
      case DROP_BEFORE_ACCEPTING, DROP_AFTER_ACCEPTING ->
          new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
    };
  }

  /**
   * QuerySendDetails as {@code AliyunSmsChannel.lookup} reads it: the sends to one number on one
   * send date, paged, newest last; the response shape is itself unconfirmed in our reference.
   */
  private MockResponse query(HttpUrl url) {
    String number = param(url, "PhoneNumber");
    LocalDate date = LocalDate.parse(param(url, "SendDate"), SEND_DATE);
    int size = Integer.parseInt(param(url, "PageSize"));
    int page = Integer.parseInt(param(url, "CurrentPage"));
    List<Accepted> onDate = byNumber.getOrDefault(number, List.of()).stream().filter(a -> a.date().equals(date))
        .toList();
    StringBuilder entries = new StringBuilder();
    for (int i = (page - 1) * size; i < Math.min(onDate.size(), page * size); i++) {
      Accepted a = onDate.get(i);
      if (entries.length() > 0) {
        entries.append(',');
      }
      entries.append("{\"OutId\":\"").append(a.outId()).append("\",\"SendStatus\":3,\"PhoneNum\":\"")
          .append(a.number()).append("\",\"TemplateCode\":\"").append(a.template()).append("\"}");
    }
    return json(200, "{\"Code\":\"OK\",\"Message\":\"OK\",\"RequestId\":\"q-" + ids.incrementAndGet()
        + "\",\"TotalCount\":" + onDate.size() + ",\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":[" + entries + "]}}");
  }

  private static String param(HttpUrl url, String name) {
    String v = url.queryParameter(name);
    return v == null ? "" : v;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json;charset=utf-8")
        .setBody(body);
  }

  private void write(String line) {
    try {
      log.write(line);
      log.newLine();
      log.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the fake does instead of answering OK. */
  enum Fault {
    NONE(false),
    HTTP_5XX_BEFORE_ACCEPTING(false),
    HTTP_5XX_AFTER_ACCEPTING(true),
    THROTTLING(false),
    SLOW_BEFORE_ACCEPTING(false),
    SLOW_AFTER_ACCEPTING(true),
    DROP_BEFORE_ACCEPTING(false),
    DROP_AFTER_ACCEPTING(true);

    final boolean afterAccepting;

    Fault(boolean afterAccepting) {
      this.afterAccepting = afterAccepting;
    }

    static Fault[] faults() {
      return java.util.Arrays.copyOfRange(values(), 1, values().length);
    }
  }
}
