package io.touchbase.core.logging;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class of the module (JUnit extension auto-detection): after a class
 * runs, fails it if any log line it produced held a full phone number or email address.
 */
public final class NoPiiInLogsExtension implements AfterAllCallback {
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
