package io.touchbase.testkit.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Sees every log line of the test suite (messages and exception chains) and remembers those that
 * hold a full phone number or email address, or a secret a test registered with {@link #forbid}. {@link NoPiiInLogsExtension} fails the test class
 * that produced one. Needs logback-classic on the test classpath.
 */
public final class PiiLeakAppender extends AppenderBase<ILoggingEvent> {
  /** E.164 numbers, and bare mainland mobile numbers that are not part of a longer number. */
  public static final Pattern PHONE = Pattern.compile("\\+[1-9]\\d{6,14}|(?<!\\d)1[3-9]\\d{9}(?!\\d)");
  /** A whole email address; a masked one ({@code j***@example.com}) has no local part left. */
  public static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  private static final List<String> LEAKS = new ArrayList<>();
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  private static volatile boolean installed;

  public PiiLeakAppender() {
    installed = true;
  }

  /**
   * Also treats these exact values as leaks: the secrets, API keys and callback tokens a test
   * configures, which no log line may contain. Values shorter than 6 characters are ignored, as
   * they would match ordinary words.
   */
  public static void forbid(String... secrets) {
    for (String s : secrets) {
      if (s != null && s.length() >= 6) {
        SECRETS.add(s);
      }
    }
  }

  /** Whether logback set the appender up, so a silent configuration cannot pass for a clean one. */
  public static boolean installed() {
    return installed;
  }

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    String line = text.toString();
    if (PHONE.matcher(line).find() || EMAIL.matcher(line).find() || SECRETS.stream().anyMatch(line::contains)) {
      synchronized (LEAKS) {
        LEAKS.add(event.getLoggerName() + " " + event.getLevel() + ": " + line);
      }
    }
  }

  /** The leaking lines seen since the last call, and forgets them. */
  public static List<String> drain() {
    synchronized (LEAKS) {
      List<String> out = new ArrayList<>(LEAKS);
      LEAKS.clear();
      return out;
    }
  }
}
