package io.touchbase.channel.email.internal;

import io.touchbase.api.contact.Purpose;
import io.touchbase.channel.support.ProviderText;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured {@code smtp} channel: renders the message's template, builds the MIME message and
 * sends it on a pooled connection. The provider message id is our {@code Message-ID}. Marketing
 * email carries the one-click unsubscribe headers, and its templates may show the same link in the
 * body through variable {@code unsubscribeUrl}; a marketing send is refused while unsubscribe links
 * are not configured. There is no look-up: SMTP cannot ask a relay about a message afterwards.
 * Thread-safe.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class SmtpChannel implements Channel {
  /** The variable marketing templates may read for a visible unsubscribe link: the one-click URL. */
  static final String UNSUBSCRIBE_URL_VARIABLE = "unsubscribeUrl";
  private static final Logger LOG = LoggerFactory.getLogger(SmtpChannel.class);

  private final String name;
  private final SmtpConfig config;
  private final Session session;
  private final EmailTemplates templates;
  private final Optional<UnsubscribeLinks> unsubscribe;
  private final TransportPool pool;
  private final Optional<CallbackHandler> callbacks;
  private final Clock clock;

  SmtpChannel(String name, SmtpConfig config, EmailTemplates templates, Optional<UnsubscribeLinks> unsubscribe,
      Clock clock) {
    this.name = name;
    this.config = config;
    this.session = Session.getInstance(config.sessionProperties());
    this.templates = templates;
    this.unsubscribe = unsubscribe;
    this.clock = clock;
    this.pool = new TransportPool(name, config, session);
    this.callbacks = unsubscribe.map(u -> new OneClickCallbacks(name, u.tokens(), clock));
  }

  @Override
  public SendResult send(OutboundMessage message) {
    Optional<String> listUnsubscribe = Optional.empty();
    Map<String, String> variables = message.variables();
    if (message.purpose() == Purpose.MARKETING) {
      UnsubscribeLinks links = unsubscribe.orElseThrow(() -> ChannelException.permanent("unsubscribe-not-configured",
          "Channel '" + name + "' (smtp) sends no marketing email without one-click unsubscribe: set setting"
              + " 'unsubscribeUrl' and secret 'unsubscribeKey'"));
      listUnsubscribe = Optional.of(links.listUnsubscribe(message.dispatchId()));
      if (!variables.containsKey(UNSUBSCRIBE_URL_VARIABLE)) {
        variables = new HashMap<>(variables);
        variables.put(UNSUBSCRIBE_URL_VARIABLE, links.urlFor(message.dispatchId()));
      }
    }
    EmailTemplates.Email email = templates.find(message.templateId(), message.locale())
        .orElseThrow(() -> ChannelException.permanent("unknown-template", "Channel '" + name
            + "' (smtp) has no template '" + message.templateId() + "': set settings 'template."
            + message.templateId() + ".subject', '.html' and '.text'"))
        .render(variables);
    InternetAddress to = recipient(message);
    MimeMessage mime;
    try {
      mime = EmailComposer.compose(session, config.from(), to, message.dispatchId(), config.fromDomain(), email,
          listUnsubscribe, clock.instant());
    } catch (MessagingException e) {
      throw ChannelException.permanent("mime-error", "Channel '" + name + "' (smtp): cannot build the message of "
          + "dispatch " + message.dispatchId() + " (" + ProviderText.redact(String.valueOf(e.getMessage())) + ")");
    }
    String messageId = EmailComposer.messageId(message.dispatchId(), config.fromDomain());
    TransportPool.Delivery delivery;
    try {
      delivery = pool.send(mime, to);
    } catch (TransportPool.SendFailure f) {
      ChannelException e = SmtpErrors.toException(name, f.failure(), f.contentStarted());
      LOG.debug("Channel '{}' (smtp): dispatch {} to {} failed: {} {}", name, message.dispatchId(),
          message.to(), e.providerCode(), e.getMessage());
      throw e;
    }
    String reply = ProviderText.redact(delivery.lastReply());
    // Not the Message-ID: it has the shape of an email address, which log checks rightly flag.
    LOG.debug("Channel '{}' (smtp): dispatch {} accepted ({})", name, message.dispatchId(), reply);
    return new SendResult(messageId, reply.isEmpty() ? Map.of() : Map.of("smtpReply", reply));
  }

  private InternetAddress recipient(OutboundMessage message) {
    try {
      return new InternetAddress(message.to().value(), true);
    } catch (AddressException e) {
      throw ChannelException.permanent("invalid-address", "Channel '" + name + "' (smtp): address "
          + message.to().masked() + " is not a valid email address for SMTP");
    }
  }

  /**
   * Every variable the template's variants read, but {@code unsubscribeUrl}, which the channel
   * fills for marketing email; empty when the channel has no such template.
   */
  @Override
  public Optional<Set<String>> requiredVariables(String templateId) {
    return templates.requiredVariables(templateId).map(names -> {
      Set<String> needed = new LinkedHashSet<>(names);
      needed.remove(UNSUBSCRIBE_URL_VARIABLE);
      return Set.copyOf(needed);
    });
  }

  /** The one-click unsubscribe handler, when unsubscribe links are configured. */
  @Override
  public Optional<CallbackHandler> callbackHandler() {
    return callbacks;
  }

  /** The connection pool, for tests. */
  TransportPool pool() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "SmtpChannel{channel=" + name + ", " + config + unsubscribe.map(u -> ", " + u).orElse("")
        + ", templates=" + templates.ids() + "}";
  }
}
