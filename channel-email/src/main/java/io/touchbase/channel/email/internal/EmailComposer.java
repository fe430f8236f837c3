package io.touchbase.channel.email.internal;

import io.touchbase.spi.channel.DispatchId;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the MIME message of one dispatch: {@code multipart/alternative} with the plain text
 * first and the HTML second (clients show the last part they can), both UTF-8; a UTF-8 subject;
 * a {@code Message-ID} derived from the dispatch id, so that a repeated send of the same attempt
 * carries the same id and receivers and relays can tell it for a repeat; {@code
 * X-Touchbase-Dispatch}; and the unsubscribe headers of marketing email. Stateless.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class EmailComposer {
  static final String DISPATCH_HEADER = "X-Touchbase-Dispatch";
  static final String UTF_8 = "UTF-8";
  // A dot-atom of RFC 5322 made of the characters our dispatch ids use; anything else is encoded.
  private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  private EmailComposer() {}

  /** The {@code Message-ID} of a dispatch, with angle brackets: {@code <e42r1a1.touchbase@shop.example>}. */
  static String messageId(DispatchId dispatchId, String domain) {
    String id = dispatchId.value();
    String local = DOT_ATOM.matcher(id).matches()
        ? id
        : "b64." + Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.US_ASCII));
    return "<" + local + ".touchbase@" + domain + ">";
  }

  /**
   * The message, with every header set ({@code saveChanges} done).
   *
   * @param unsubscribe the {@code List-Unsubscribe} value for marketing email; empty otherwise
   */
  static MimeMessage compose(Session session, InternetAddress from, InternetAddress to, DispatchId dispatchId,
      String domain, EmailTemplates.Email email, Optional<String> unsubscribe, Instant now)
      throws MessagingException {
    String messageId = messageId(dispatchId, domain);
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, to);
    message.setSubject(email.subject(), UTF_8);
    message.setSentDate(Date.from(now));
    message.setHeader(DISPATCH_HEADER, dispatchId.value());
    if (unsubscribe.isPresent()) {
      // setHeader keeps the value on one line: some relays break DKIM on folded values.
      message.setHeader(UnsubscribeLinks.LIST_UNSUBSCRIBE, unsubscribe.get());
      message.setHeader(UnsubscribeLinks.LIST_UNSUBSCRIBE_POST, UnsubscribeLinks.ONE_CLICK);
    }
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), UTF_8, "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(email.html(), UTF_8, "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    return message;
  }
}
