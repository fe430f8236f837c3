package io.touchbase.chaos;

import io.touchbase.api.ChannelConfig;
import io.touchbase.api.Database;
import io.touchbase.api.QuietHours;
import io.touchbase.api.Touchbase;
import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.Purpose;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every process of a chaos run agrees on: the database, the fake provider's endpoint, the
 * clock, the cadence and the contacts. Passed to child processes as {@code key=value} arguments.
 *
 * @param jdbcUrl the one PostgreSQL every instance shares
 * @param endpoint the fake provider's base URL
 * @param originMillis origin of the {@link ChaosClock}
 * @param speed speed of the {@link ChaosClock}
 * @param roundWait wait before rounds 2 and 3, on the chaos clock
 */
public record ChaosSetup(String jdbcUrl, String endpoint, long originMillis, int speed, Duration roundWait) {
  /** The cadence every contact walks: three SMS rounds. */
  public static final String CADENCE = "chaos";
  /** Rounds of {@link #CADENCE}. */
  public static final int ROUNDS = 3;
  /** The provider's access key id; the fake does not check signatures. */
  public static final String KEY_ID = "LTAI-chaos";
  /** Not a real secret: the fake provider accepts any signature. */
  static final String SECRET = "chaos-secret";
  /** The time zone of the contacts and of the provider's send dates. */
  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /**
   * The channel's call timeout: the fake's slow answers come after {@link #SLOW_ANSWER}, beyond
   * it, so the channel gives up not knowing whether the message went out.
   */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
  /** How long a slow answer of the fake provider takes. */
  public static final Duration SLOW_ANSWER = Duration.ofMillis(2500);

  /** The provider template code of a round. */
  public static String templateCode(int round) {
    return "SMS_CHAOS" + round;
  }

  /** The contact id of the {@code i}th contact. */
  public static String contactId(int i) {
    return "c" + i;
  }

  /** The mainland mobile number (E.164) of the {@code i}th contact, unique per contact. */
  public static String phone(int i) {
    return String.format(Locale.ROOT, "+86139%08d", i);
  }

  /** The {@code i}th contact. */
  public static Contact contact(int i) {
    return Contact.builder(contactId(i)).phone(phone(i)).attribute("name", "Member " + i).timeZone(SHANGHAI).build();
  }

  /** The clock every process of the run uses. */
  public ChaosClock clock() {
    return new ChaosClock(originMillis, speed);
  }

  /**
   * A builder for one instance: the real {@code aliyun-sms} provider pointed at the fake, the
   * three-round cadence, heartbeats and backoffs sized for the chaos clock.
   */
  public Touchbase.Builder builder(String instanceName) {
    ChannelConfig.Builder sms = ChannelConfig.builder("sms");
    sms.provider("aliyun-sms", p -> {
      p.setting("endpoint", endpoint).setting("accessKeyId", KEY_ID).setting("signName", "会员中心")
          .setting("resilience.callTimeout", CALL_TIMEOUT.toString())
          .setting("resilience.retryBackoff", "PT0.05S")
          .secret("accessKeySecret", SECRET);
      for (int r = 1; r <= ROUNDS; r++) {
        p.setting("template.chaos-" + r + ".code", templateCode(r)).setting("template.chaos-" + r + ".params", "name");
      }
    });
    CadenceDefinition.Builder cadence = CadenceDefinition.builder(CADENCE).purpose(Purpose.TRANSACTIONAL);
    for (int r = 1; r <= ROUNDS; r++) {
      String template = "chaos-" + r;
      Duration wait = r == 1 ? Duration.ZERO : roundWait;
      cadence.round(b -> b.waitFor(wait).channel("sms").template(template));
    }
    return Touchbase.builder()
        .database(Database.jdbc(jdbcUrl, "postgres", "postgres"))
        .clock(clock())
        .instanceName(instanceName)
        .defaultZone(SHANGHAI)
        .quietHours(QuietHours.none())
        .pollingInterval(Duration.ofMillis(500))
        // Eight seconds on the chaos clock: a beat every 8 s of real time, dead after 48 s of chaos
        // time (12 s real at speed 4), so a killed instance's rounds are revived within seconds.
        .heartbeatInterval(Duration.ofSeconds(8))
        .retryBackoff(Duration.ofSeconds(4))
        .attributionWindow(Duration.ZERO)
        .channel(sms.build())
        .cadence(cadence.build());
  }

  /** This setup as child-process arguments. */
  public List<String> toArgs() {
    return List.of("jdbcUrl=" + jdbcUrl, "endpoint=" + endpoint, "origin=" + originMillis, "speed=" + speed,
        "roundWait=" + roundWait);
  }

  /** The setup from {@link #toArgs()}; other {@code key=value} arguments are ignored. */
  public static ChaosSetup fromArgs(String[] args) {
    Map<String, String> m = args(args);
    return new ChaosSetup(require(m, "jdbcUrl"), require(m, "endpoint"), Long.parseLong(require(m, "origin")),
        Integer.parseInt(require(m, "speed")), Duration.parse(require(m, "roundWait")));
  }

  static Map<String, String> args(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("argument '" + a + "' is not key=value");
      }
      m.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return m;
  }

  static String require(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing argument '" + key + "'");
    }
    return v;
  }
}
