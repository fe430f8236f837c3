package io.touchbase.channel.email.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * An SMTP transport that remembers whether the message content went out: once the server has
 * answered {@code DATA} with 354 and we started writing, a lost connection leaves the outcome
 * unknown (the server may have queued the message), whereas any failure before it means the
 * message was not accepted. Angus Mail reports both as the same {@code MessagingException}, so
 * the phase is tracked here, through the protected hooks that {@link SMTPTransport} documents
 * for subclasses. Used by one thread at a time, like any transport.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class TrackingSmtpTransport extends SMTPTransport {
  private volatile boolean contentStarted;

  TrackingSmtpTransport(Session session, URLName url, boolean ssl) {
    super(session, url, ssl ? "smtps" : "smtp", ssl);
  }

  /** Forgets the previous message's phase; call before each send. */
  void resetPhase() {
    contentStarted = false;
  }

  /** Whether the server accepted {@code DATA} (or {@code BDAT} began) for the current message. */
  boolean contentStarted() {
    return contentStarted;
  }

  @Override
  protected synchronized OutputStream data() throws MessagingException {
    OutputStream out = super.data();
    contentStarted = true;
    return out;
  }

  @Override
  protected synchronized OutputStream bdat() throws MessagingException {
    // BDAT sends content with its first chunk: from here on the server may take the message.
    contentStarted = true;
    return super.bdat();
  }
}
