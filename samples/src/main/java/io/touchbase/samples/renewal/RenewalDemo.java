package io.touchbase.samples.renewal;

import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.Enrollment;
import io.touchbase.api.cadence.EnrollmentState;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.event.TouchbaseListener;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.api.touchpoint.TouchpointQuery;
import io.touchbase.core.EngineControl;
import io.touchbase.testkit.MutableClock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * The membership-renewal demo: 1,000 members, "round 1 SMS, round 2 SMS five to seven days later,
 * round 3 a phone call two days after that, stop when the member renews", simulated over 14 days
 * on the embedded H2 database with dry-run channels. Some members renew after each round (seeded,
 * so every run prints the same figures). Prints the per-round funnel and one member's timeline.
 *
 * <p>With a demo configuration (see {@link DemoChannels}) it runs live instead: the same three
 * rounds on the configured providers, to the listed numbers only, on the system clock with short
 * waits, printing each touchpoint as it happens.
 */
public final class RenewalDemo {
  static final String CADENCE = "membership-renewal";
  static final String GOAL = "membership.renewed";
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Instant START = Instant.parse("2026-03-02T02:00:00Z"); // Monday 10:00 in Shanghai
  static final int MEMBERS = 1_000;
  /** Chance that a member renews after being reached by round 1, 2, 3. */
  static final double[] RENEWS_AFTER = {0, 0.18, 0.12, 0.25};

  private RenewalDemo() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/renewal-demo");
    DemoChannels channels = DemoChannels.load(System.getenv(), System.getProperties());
    if (channels.live()) {
      runLive(dir, channels, QuietHours.DEFAULT, System.out);
    } else {
      run(dir, System.out);
    }
  }

  /**
   * Runs the cadence live on the configured providers for the listed numbers, with {@code
   * channels.roundWait()} between rounds, until every enrollment has ended or the time for three rounds
   * and two minutes has passed. Quiet hours apply: a round due at night waits for the morning.
   *
   * @return every touchpoint recorded, in order
   */
  static List<Touchpoint> runLive(Path dir, DemoChannels channels, QuietHours quietHours, PrintStream out)
      throws IOException {
    deleteRecursively(dir);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZONE);
    Queue<Touchpoint> seen = new ConcurrentLinkedQueue<>();
    TouchbaseListener printer = new TouchbaseListener() {
      @Override
      public void onTouchpoint(Touchpoint t) {
        seen.add(t);
        out.printf("  %s  %-11s %-8s %s%n", f.format(t.occurredAt()), t.kind(), t.round().isPresent() ? "round " + t.round().getAsInt() : "", describe(t));
      }
    };
    out.printf("Live renewal cadence on %s: %d recipient(s), %s between rounds%n", channels.source(),
        channels.recipients().size(), channels.roundWait());
    Touchbase.Builder b = Touchbase.builder()
        .database(Database.h2File(dir.resolve("touchbase")))
        .defaultZone(ZONE)
        .attributionWindow(Duration.ZERO)
        .quietHours(quietHours)
        .pollingInterval(Duration.ofMillis(200))
        .addListener(printer);
    channels.channels().forEach(b::channel);
    templates(b);
    b.cadence(renewalCadence(channels.roundWait(), channels.roundWait(), channels.roundWait()));
    try (Touchbase touchbase = b.build()) {
      Instant now = Instant.now();
      for (int i = 0; i < channels.recipients().size(); i++) {
        ContactId id = memberId(i + 1);
        touchbase.contacts().upsert(Contact.builder(id).phone(channels.recipients().get(i))
            .attribute("name", "Member " + (i + 1)).attribute("tier", "Gold").attribute("endsOn", "2026-12-31")
            .timeZone(ZONE)
            .consent(Consent.optIn(ChannelType.SMS, Purpose.MARKETING, now, "demo recipient"))
            .consent(Consent.optIn(ChannelType.PHONE, Purpose.MARKETING, now, "demo recipient"))
            .build());
        touchbase.cadences().enroll(id, CADENCE);
      }
      Instant deadline = now.plus(channels.roundWait().multipliedBy(3)).plus(Duration.ofMinutes(2));
      while (Instant.now().isBefore(deadline) && anyActive(touchbase, channels.recipients().size())) {
        sleep(Duration.ofMillis(500));
      }
      out.println(anyActive(touchbase, channels.recipients().size())
          ? "Stopped waiting; rounds still due are kept in the database under " + dir
          : "Every enrollment has ended.");
    }
    return List.copyOf(seen);
  }

  private static boolean anyActive(Touchbase touchbase, int members) {
    for (int i = 1; i <= members; i++) {
      for (Enrollment en : touchbase.cadences().enrollments(memberId(i))) {
        if (en.state() == EnrollmentState.ACTIVE) {
          return true;
        }
      }
    }
    return false;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void templates(Touchbase.Builder b) {
    b.template("renewal-sms-1", "Hi {{name}}, your {{tier}} membership ends on {{endsOn}}. Renew now: {{link}}")
        .template("renewal-sms-2", "{{name}}, 3 days left to keep your {{tier}} benefits: {{link}}")
        .template("renewal-call", "This is a reminder for {{name}}: your {{tier}} membership ends on {{endsOn}}.");
  }

  /** Runs the demo on a fresh H2 file database under {@code dir}; returns the funnel. */
  static Map<Integer, Map<TouchpointKind, Long>> run(Path dir, PrintStream out) throws IOException {
    deleteRecursively(dir);
    long began = System.nanoTime();
    MutableClock clock = MutableClock.at(START);
    Queue<Touchpoint> reached = new ConcurrentLinkedQueue<>();
    TouchbaseListener onSent = new TouchbaseListener() {
      @Override
      public void onTouchpoint(Touchpoint t) {
        if (t.kind() == TouchpointKind.SENT) {
          reached.add(t);
        }
      }
    };
    Touchbase.Builder builder = Touchbase.builder()
        .database(Database.h2File(dir.resolve("touchbase")))
        .clock(clock)
        .defaultZone(ZONE)
        .cadence(renewalCadence(Duration.ofDays(5), Duration.ofDays(7), Duration.ofDays(2)))
        .addListener(onSent)
        .pollingInterval(Duration.ofMillis(50));
    DemoChannels.dryRun().channels().forEach(builder::channel);
    templates(builder);
    try (Touchbase touchbase = builder.build()) {
      EngineControl engine = touchbase.unwrap(EngineControl.class).orElseThrow();

      Random random = new Random(20260302L);
      for (int i = 1; i <= MEMBERS; i++) {
        touchbase.contacts().upsert(member(i, random));
        touchbase.cadences().enroll(memberId(i), CADENCE);
      }

      // Fourteen days in one-hour steps; renewals land a few hours after the message that won them.
      for (int hour = 0; hour < 14 * 24; hour++) {
        engine.awaitIdle(Duration.ofSeconds(30));
        for (Touchpoint t; (t = reached.poll()) != null; ) {
          int round = t.round().orElse(0);
          if (new SplittableRandom(t.contactId().value().hashCode() * 31L + round).nextDouble() < RENEWS_AFTER[round]) {
            touchbase.events().record(t.contactId(), GOAL);
          }
        }
        clock.advance(Duration.ofHours(1));
      }
      engine.awaitIdle(Duration.ofSeconds(30));

      Map<Integer, Map<TouchpointKind, Long>> funnel = new java.util.TreeMap<>();
      for (int round = 1; round <= 3; round++) {
        funnel.put(round, touchbase.touchpoints().count(TouchpointQuery.builder().cadence(CADENCE).round(round).build()));
      }
      printFunnel(out, touchbase, funnel);
      printTimeline(out, touchbase, pickConvertedAfterRound(touchbase, 2));
      out.printf("%nSimulated 14 days for %,d members in %.1f s of wall time.%n", MEMBERS,
          (System.nanoTime() - began) / 1e9);
      return funnel;
    }
  }

  /** Round 1 SMS at once, round 2 SMS {@code min} to {@code max} later, round 3 a call {@code call} after. */
  static CadenceDefinition renewalCadence(Duration min, Duration max, Duration call) {
    return CadenceDefinition.builder(CADENCE)
        .purpose(Purpose.MARKETING)
        .round(r -> r.channel("sms").template("renewal-sms-1").variable("link", "https://shop.example/renew"))
        .round(r -> r.waitBetween(min, max).channel("sms").template("renewal-sms-2")
            .variable("link", "https://shop.example/renew"))
        .round(r -> r.waitFor(call).channel("voice").template("renewal-call"))
        .exitOn(GOAL)
        .build();
  }

  static ContactId memberId(int i) {
    return ContactId.of(String.format("member-%04d", i));
  }

  /** Most members can be reached and opted in; some have no phone, some opted out of SMS. */
  static Contact member(int i, Random random) {
    Instant signup = START.minus(Duration.ofDays(300 + random.nextInt(60)));
    Contact.Builder b = Contact.builder(memberId(i))
        .attribute("name", "Member " + i)
        .attribute("tier", random.nextInt(4) == 0 ? "Gold" : "Silver")
        .attribute("endsOn", "2026-03-16")
        .timeZone(ZONE)
        .lifecycleStage("member")
        .consent(Consent.optIn(ChannelType.PHONE, Purpose.MARKETING, signup, "membership sign-up"));
    double roll = random.nextDouble();
    if (roll < 0.04) {
      b.email(String.format("member%04d@example.com", i)); // no phone on file
    } else {
      b.phone(String.format("+86139%08d", i));
      b.consent(roll < 0.07
          ? Consent.optOut(ChannelType.SMS, Purpose.MARKETING, signup.plus(Duration.ofDays(30)), "SMS reply TD")
          : Consent.optIn(ChannelType.SMS, Purpose.MARKETING, signup, "membership sign-up"));
    }
    return b.build();
  }

  private static void printFunnel(PrintStream out, Touchbase touchbase, Map<Integer, Map<TouchpointKind, Long>> funnel) {
    out.printf("Membership renewal cadence: %,d members enrolled, 14 days simulated%n%n", MEMBERS);
    out.printf("%-6s %-6s %-22s %9s %9s %11s %9s %10s %10s%n",
        "round", "via", "wait", "reached", "sent", "suppressed", "deferred", "failed", "converted");
    String[] via = {"", "sms", "sms", "voice"};
    String[] wait = {"", "at once", "5-7 days after r1", "2 days after r2"};
    for (Map.Entry<Integer, Map<TouchpointKind, Long>> e : funnel.entrySet()) {
      Map<TouchpointKind, Long> k = new EnumMap<>(TouchpointKind.class);
      k.putAll(e.getValue());
      long sent = k.getOrDefault(TouchpointKind.SENT, 0L);
      long suppressed = k.getOrDefault(TouchpointKind.SUPPRESSED, 0L);
      long failed = k.getOrDefault(TouchpointKind.FAILED, 0L) + k.getOrDefault(TouchpointKind.IN_DOUBT, 0L);
      out.printf("%-6d %-6s %-22s %9d %9d %11d %9d %10d %10d%n", e.getKey(), via[e.getKey()], wait[e.getKey()],
          sent + suppressed + failed, sent, suppressed, k.getOrDefault(TouchpointKind.DEFERRED, 0L), failed,
          k.getOrDefault(TouchpointKind.CONVERTED, 0L));
    }
    long completed = 0;
    long converted = 0;
    for (int i = 1; i <= MEMBERS; i++) {
      for (Enrollment en : touchbase.cadences().enrollments(memberId(i))) {
        completed += en.state() == EnrollmentState.COMPLETED ? 1 : 0;
        converted += en.state() == EnrollmentState.CONVERTED ? 1 : 0;
      }
    }
    out.printf("%nconverted (renewed): %d   completed without renewing: %d   still active: %d%n",
        converted, completed, MEMBERS - converted - completed);
    out.println("reached = sent + suppressed + failed; converted = renewals attributed to the round that last reached the member;");
    out.println("deferred = marketing rounds that fell in quiet hours (21:00-08:00 member time) and were sent at 08:00.");
  }

  static ContactId pickConvertedAfterRound(Touchbase touchbase, int round) {
    return touchbase.touchpoints()
        .query(TouchpointQuery.builder().cadence(CADENCE).round(round).kind(TouchpointKind.CONVERTED).limit(1).build())
        .stream().findFirst().map(Touchpoint::contactId).orElse(memberId(1));
  }

  private static void printTimeline(PrintStream out, Touchbase touchbase, ContactId id) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("EEE MM-dd HH:mm").withZone(ZONE);
    Contact c = touchbase.contacts().find(id).orElseThrow();
    out.printf("%nTimeline of %s (%s):%n", id, c.addresses().get(0));
    List<Touchpoint> timeline = touchbase.touchpoints().timeline(id);
    for (Touchpoint t : timeline) {
      out.printf("  %s  %-11s %-8s %s%n", f.format(t.occurredAt()), t.kind(),
          t.round().isPresent() ? "round " + t.round().getAsInt() : "",
          describe(t));
    }
  }

  private static String describe(Touchpoint t) {
    return Stream.of(t.channel().map(ch -> "via " + ch + t.provider().map(p -> " (" + p + ")").orElse("")).orElse(""),
            t.eventName().orElse(""), t.reason().orElse(""))
        .filter(s -> !s.isEmpty()).reduce((a, b) -> a + "; " + b).orElse("");
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
