package io.touchbase.channel.email.internal;

import io.touchbase.spi.channel.ChannelException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Up to {@code poolSize} SMTP connections of one channel, each used by one send at a time and
 * kept open for the next: a TLS handshake and login per message would cost more than the
 * message. A connection that failed is closed rather than reused; an idle one the server has
 * dropped is found by the transport's {@code NOOP} check and opened again. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class TransportPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransportPool.class);

  private final String channel;
  private final SmtpConfig config;
  private final Session session;
  private final Semaphore permits;
  private final Deque<TrackingSmtpTransport> idle = new ConcurrentLinkedDeque<>();
  private final Duration maxWait;
  private volatile boolean closed;

  TransportPool(String channel, SmtpConfig config, Session session) {
    this.channel = channel;
    this.config = config;
    this.session = session;
    this.permits = new Semaphore(config.poolSize(), true);
    // As long as one send can take at most; waiting longer means the relay is stuck.
    this.maxWait = config.connectTimeout().plus(config.readTimeout()).plus(config.writeTimeout());
  }

  /** What an accepted send reports: the server's reply to the end of the message. */
  record Delivery(String lastReply) {}

  /** A send that failed, and whether its content had gone out by then. */
  static final class SendFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient MessagingException failure;
    private final boolean contentStarted;

    SendFailure(MessagingException failure, boolean contentStarted) {
      super(null, null, false, false);
      this.failure = failure;
      this.contentStarted = contentStarted;
    }

    MessagingException failure() {
      return failure;
    }

    boolean contentStarted() {
      return contentStarted;
    }
  }

  /**
   * Sends a message to one recipient on a pooled connection, connecting first where needed.
   *
   * @throws SendFailure for any failure of the connection or the SMTP dialogue
   * @throws ChannelException (retryable, nothing sent) when no connection is free in time, the
   *     pool is closed or the thread is interrupted
   */
  Delivery send(MimeMessage message, Address recipient) throws SendFailure {
    acquire();
    TrackingSmtpTransport transport = null;
    boolean healthy = false;
    try {
      transport = idle.pollFirst();
      if (transport == null || !transport.isConnected()) {
        closeQuietly(transport);
        transport = new TrackingSmtpTransport(session,
            new URLName(config.protocol(), config.host(), config.port(), null, null, null),
            config.security() == Security.SSL);
        connect(transport);
      }
      transport.resetPhase();
      transport.sendMessage(message, new Address[] {recipient});
      healthy = true;
      String reply = transport.getLastServerResponse();
      return new Delivery(reply == null ? "" : reply.strip());
    } catch (MessagingException e) {
      throw new SendFailure(e, transport != null && transport.contentStarted());
    } finally {
      if (healthy && !closed) {
        idle.addFirst(transport);
      } else {
        closeQuietly(transport);
      }
      permits.release();
    }
  }

  private void connect(TrackingSmtpTransport transport) throws MessagingException {
    transport.connect(config.host(), config.port(), config.username().orElse(null),
        config.password().orElse(null));
    LOG.debug("Channel '{}' (smtp): connected to {}:{} ({})", channel, config.host(), config.port(),
        config.security().setting());
  }

  private void acquire() {
    if (closed) {
      throw ChannelException.retryable("channel-closed", "Channel '" + channel + "' is closed");
    }
    try {
      if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw ChannelException.retryable("smtp-pool-busy", "Channel '" + channel + "': all " + config.poolSize()
            + " SMTP connections (setting 'poolSize') stayed busy for " + maxWait + "; nothing was sent");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ChannelException.retryable("interrupted", "Channel '" + channel + "': interrupted before sending");
    }
  }

  private static void closeQuietly(TrackingSmtpTransport transport) {
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (MessagingException | RuntimeException e) {
      // The connection is being thrown away; a failed QUIT changes nothing.
      LOG.trace("Closing an SMTP connection failed", e);
    }
  }

  /** The number of open idle connections, for tests. */
  int idleConnections() {
    return idle.size();
  }

  /** Closes the idle connections; connections in use are closed when their send ends. Idempotent. */
  @Override
  public void close() {
    closed = true;
    for (TrackingSmtpTransport t = idle.pollFirst(); t != null; t = idle.pollFirst()) {
      closeQuietly(t);
    }
  }
}
