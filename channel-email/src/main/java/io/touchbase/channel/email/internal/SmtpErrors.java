package io.touchbase.channel.email.internal;

import io.touchbase.channel.support.ProviderText;
import io.touchbase.spi.channel.ChannelException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * What a failed SMTP send becomes:
 *
 * <ul>
 *   <li>a login the server refuses: permanent {@code smtp-auth}, naming the settings to check;
 *   <li>a reply code from the server (to {@code MAIL FROM}, {@code RCPT TO}, {@code DATA} or the
 *       end of the content): {@code smtp-<code>}, retryable for 4xx and permanent for 5xx;
 *   <li>a server without STARTTLS while {@code security=starttls}: permanent {@code
 *       smtp-starttls-unavailable}, sent nowhere in clear text;
 *   <li>a certificate that is not trusted or does not name {@code host}: permanent {@code smtp-tls};
 *       any other failed TLS handshake: retryable {@code smtp-tls-handshake};
 *   <li>no connection, a timeout or a dropped connection before the content went out: retryable
 *       ({@code smtp-connect}, {@code smtp-timeout}, {@code smtp-io}): the server cannot have
 *       taken the message;
 *   <li>the same after the content went out with no final reply: outcome unknown ({@code
 *       smtp-no-reply}), as the server may have queued it.
 * </ul>
 *
 * Messages hold the server's reply redacted (relays echo the recipient) and never chain the
 * library's exception, whose text may hold the address. Stateless.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class SmtpErrors {
  private SmtpErrors() {}

  static ChannelException toException(String channel, MessagingException e, boolean contentStarted) {
    List<Throwable> chain = chain(e);
    String prefix = "Channel '" + channel + "' (smtp): ";
    if (chain.stream().anyMatch(t -> t instanceof AuthenticationFailedException)) {
      return ChannelException.permanent("smtp-auth", prefix + "the server refused the login of setting 'username'"
          + " with secret 'password' (" + text(e) + ")");
    }
    Optional<Integer> code = replyCode(chain);
    if (code.isPresent() && code.get() >= 400 && code.get() <= 599) {
      String what = prefix + "the server answered " + phase(chain) + " with " + text(replyOf(chain).orElse(e));
      return code.get() < 500
          ? ChannelException.retryable("smtp-" + code.get(), what)
          : ChannelException.permanent("smtp-" + code.get(), what);
    }
    if (contentStarted) {
      return ChannelException.outcomeUnknown("smtp-no-reply", prefix + "the connection failed after the message "
          + "content was sent and before the server confirmed it, so it may have been accepted (" + causeText(chain)
          + ")", null);
    }
    // Angus Mail reports a missing STARTTLS only through this text (checked in 2.0.3).
    if (String.valueOf(e.getMessage()).contains("STARTTLS is required")) {
      return ChannelException.permanent("smtp-starttls-unavailable", prefix + "the server does not offer STARTTLS,"
          + " which setting 'security' = starttls requires; nothing was sent in clear text");
    }
    if (chain.stream().anyMatch(t -> t instanceof CertificateException
        || String.valueOf(t.getMessage()).startsWith("Unable to check server identity"))) {
      return ChannelException.permanent("smtp-tls", prefix + "TLS with the server failed: its certificate is not "
          + "trusted or does not name setting 'host' (" + causeText(chain) + ")");
    }
    if (chain.stream().anyMatch(t -> t instanceof SSLHandshakeException)) {
      // No verdict on the certificate: a reset during the handshake, or no TLS version in common.
      return ChannelException.retryable("smtp-tls-handshake", prefix + "the TLS handshake with the server failed ("
          + causeText(chain) + "); nothing was sent");
    }
    if (chain.stream().anyMatch(t -> t instanceof MailConnectException)) {
      return ChannelException.retryable("smtp-connect", prefix + "cannot connect to the server of settings 'host'"
          + " and 'port' (" + causeText(chain) + "); nothing was sent");
    }
    if (chain.stream().anyMatch(t -> t instanceof SocketTimeoutException)) {
      return ChannelException.retryable("smtp-timeout", prefix + "the server did not answer in time ("
          + causeText(chain) + "); nothing was sent");
    }
    if (chain.stream().anyMatch(t -> t instanceof IOException)) {
      return ChannelException.retryable("smtp-io", prefix + "the connection failed before the message content was"
          + " sent (" + causeText(chain) + "); nothing was sent");
    }
    // A reply outside 4xx/5xx, or the server closing the connection instead of replying.
    return ChannelException.retryable("smtp-error", prefix + "the send failed before the message content was sent ("
        + causeText(chain) + "); nothing was sent");
  }

  /** The exception, its causes and the exceptions chained with {@code setNextException}, once each. */
  private static List<Throwable> chain(Throwable e) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    List<Throwable> out = new ArrayList<>();
    List<Throwable> todo = new ArrayList<>(List.of(e));
    while (!todo.isEmpty() && out.size() < 32) {
      Throwable t = todo.remove(0);
      if (t == null || seen.put(t, Boolean.TRUE) != null) {
        continue;
      }
      out.add(t);
      todo.add(t.getCause());
      if (t instanceof MessagingException m) {
        todo.add(m.getNextException());
      }
    }
    return out;
  }

  private static Optional<MessagingException> replyOf(List<Throwable> chain) {
    for (Throwable t : chain) {
      if (t instanceof SMTPAddressFailedException || t instanceof SMTPSendFailedException) {
        return Optional.of((MessagingException) t);
      }
    }
    return Optional.empty();
  }

  private static Optional<Integer> replyCode(List<Throwable> chain) {
    return replyOf(chain).map(t -> t instanceof SMTPAddressFailedException a
        ? a.getReturnCode()
        : ((SMTPSendFailedException) t).getReturnCode());
  }

  private static String phase(List<Throwable> chain) {
    Optional<MessagingException> reply = replyOf(chain);
    if (reply.isPresent() && reply.get() instanceof SMTPAddressFailedException) {
      return "RCPT TO";
    }
    String command = reply.map(r -> ((SMTPSendFailedException) r).getCommand()).orElse("");
    if (command == null || command.isBlank()) {
      return "the message";
    }
    if (command.equals(".")) {
      return "the end of the message content";
    }
    // MAIL FROM:<address> or DATA: the command name only, never an address.
    return command.startsWith("MAIL") ? "MAIL FROM" : command.split("[ :]", 2)[0];
  }

  private static String text(Throwable t) {
    return ProviderText.redact(String.valueOf(t.getMessage()).replaceAll("\\s+", " "));
  }

  /** The innermost cause: its class and redacted message. */
  private static String causeText(List<Throwable> chain) {
    Throwable root = chain.get(0);
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + text(root);
  }
}
