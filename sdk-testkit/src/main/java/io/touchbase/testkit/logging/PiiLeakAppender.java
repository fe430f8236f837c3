package io.touchbase.testkit.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sees every log line of the test suite (messages and exception chains) and remembers those that
 * hold a full phone number or email address. {@link NoPiiInLogsExtension} fails the test class
 * that produced one. Needs logback-classic on the test classpath.
 */
public final class PiiLeakAppender extends AppenderBase<ILoggingEvent> {
  /** E.164 numbers, and bare mainland mobile numbers that are not part of a longer number. */
  public static final Pattern PHONE = Pattern.compile("\\+[1-9]\\d{6,14}|(?<!\\d)1[3-9]\\d{9}(?!\\d)");
  /** A whole email address; a masked one ({@code j***@example.com}) has no local part left. */
  public static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  private static final List<String> LEAKS = new ArrayList<>();
  private static volatile boolean installed;

  public PiiLeakAppender() {
    installed = true;
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
    if (PHONE.matcher(line).find() || EMAIL.matcher(line).find()) {
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
