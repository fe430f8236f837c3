package io.touchbase.channel.sms.internal;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Starts logback before each test class, so the PII log check is installed even in classes whose
 * code under test never logs (the check fails a class when logging was never configured).
 */
public final class StartLogging implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    LoggerFactory.getILoggerFactory();
  }
}
