package io.touchbase.testkit.logging;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After a test class runs, fails it if any log line it produced held a full phone number or email
 * address. To check a whole module, list this class in {@code
 * src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension}, set {@code
 * junit.jupiter.extensions.autodetection.enabled=true} in {@code junit-platform.properties}, and
 * add {@link PiiLeakAppender} to the root logger in {@code logback-test.xml} with the {@code
 * io.touchbase} loggers at DEBUG, so that every line is seen.
 */
public final class NoPiiInLogsExtension implements BeforeAllCallback, AfterAllCallback {

  /** Starts logging, so that the check is installed even for a class whose code never logs. */
  @Override
  public void beforeAll(ExtensionContext context) {
    org.slf4j.LoggerFactory.getILoggerFactory();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!PiiLeakAppender.installed()) {
      throw new AssertionError("PiiLeakAppender is not installed: check logback-test.xml");
    }
    var leaks = PiiLeakAppender.drain();
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          "Log lines with a full phone number or email address:\n  " + String.join("\n  ", leaks));
    }
  }
}
