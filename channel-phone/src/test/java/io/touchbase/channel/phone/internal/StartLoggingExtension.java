package io.touchbase.channel.phone.internal;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Starts logging before each test class, so that the PII check of {@code NoPiiInLogsExtension}
 * finds its appender installed even in a class whose code under test never logs.
 */
public final class StartLoggingExtension implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    LoggerFactory.getILoggerFactory();
  }
}
