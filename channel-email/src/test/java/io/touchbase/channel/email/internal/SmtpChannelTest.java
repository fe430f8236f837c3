package io.touchbase.channel.email.internal;

import static io.touchbase.channel.email.internal.EmailTests.FROM;
import static io.touchbase.channel.email.internal.EmailTests.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.SendResult;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sends through GreenMail's SMTP server over a real socket and reads back what it received. */
class SmtpChannelTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      // Recipients exist up front: GreenMail logs the address of every mailbox it creates itself.
      .withConfiguration(GreenMailConfiguration.aConfig().withUser(TO, "jane", "jane-password-1"));

  private static Map<String, String> settings() {
    return EmailTests.settings(GREEN_MAIL.getSmtp().getPort());
  }

  private static MimeMessage onlyReceived() {
    assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1)).as("a message arrived").isTrue();
    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }

  @Test
  void transactionalEmailIsMultipartAlternativeTextThenHtmlInUtf8WithoutUnsubscribeHeaders() throws Exception {
    SendResult result;
    try (SmtpChannel channel = EmailTests.channel(settings(), EmailTests.secrets())) {
      result = channel.send(EmailTests.message("e7r1a1", Purpose.TRANSACTIONAL));
    }

    MimeMessage m = onlyReceived();
    assertThat(result.providerMessageId()).isEqualTo("<e7r1a1.touchbase@shop.example>");
    assertThat(result.attributes()).containsEntry("smtpReply", "250 OK");
    assertThat(m.getHeader("Message-ID")).containsExactly("<e7r1a1.touchbase@shop.example>");
    assertThat(m.getHeader("X-Touchbase-Dispatch")).containsExactly("e7r1a1");
    assertThat(m.getHeader("From")).containsExactly("Shop News <" + FROM + ">");
    assertThat(m.getHeader("To")).containsExactly(TO);
    assertThat(m.getHeader("MIME-Version")).containsExactly("1.0");
    assertThat(m.getSentDate().toInstant()).isEqualTo(EmailTests.NOW);
    assertThat(m.getSubject()).isEqualTo("Renew now, Jane: café € 20% off");
    assertThat(m.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    assertThat(m.getHeader("List-Unsubscribe")).isNull();
    assertThat(m.getHeader("List-Unsubscribe-Post")).isNull();

    assertThat(m.getContentType()).startsWith("multipart/alternative;").contains("boundary=");
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    BodyPart text = parts.getBodyPart(0);
    BodyPart html = parts.getBodyPart(1);
    assertThat(text.getContentType()).isEqualTo("text/plain; charset=UTF-8");
    assertThat(html.getContentType()).isEqualTo("text/html; charset=UTF-8");
    // MIME text travels in canonical form: line ends become CRLF.
    assertThat(text.getContent()).isEqualTo("Hello Jane,\r\nyour plan ends on 2024-06-01.");
    assertThat(html.getContent()).isEqualTo("<p>Hello Jane,</p><p>your plan ends on 2024-06-01.</p>");
  }

  @Test
  void marketingEmailCarriesBothUnsubscribeHeadersUnfoldedWithAVerifiableToken() throws Exception {
    try (SmtpChannel channel = EmailTests.channel(settings(), EmailTests.secrets())) {
      channel.send(EmailTests.message("e8r2a1", Purpose.MARKETING));
    }

    MimeMessage m = onlyReceived();
    String token = EmailTests.tokens().tokenFor(DispatchId.of("e8r2a1"));
    assertThat(m.getHeader("List-Unsubscribe")).containsExactly("<" + EmailTests.UNSUBSCRIBE_URL + "/" + token
        + ">, <mailto:unsubscribe@shop.example?subject=unsubscribe>");
    assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    assertThat(EmailTests.tokens().verify(token)).contains(DispatchId.of("e8r2a1"));
    assertThat(token).doesNotContain("jane").doesNotContain("example.com");
    // One line on the wire: no folding inside the header.
    assertThat(GreenMailUtil.getWholeMessage(m)).contains("List-Unsubscribe: <" + EmailTests.UNSUBSCRIBE_URL + "/"
        + token + ">, <mailto:unsubscribe@shop.example?subject=unsubscribe>\r\n");
  }

  @Test
  void theOneClickUrlOfAReceivedMarketingEmailOptsOutThroughItsDispatch() throws Exception {
    try (SmtpChannel channel = EmailTests.channel(settings(), EmailTests.secrets())) {
      channel.send(EmailTests.message("e14r3a1", Purpose.MARKETING));
      String header = onlyReceived().getHeader("List-Unsubscribe")[0];
      String url = header.substring(1, header.indexOf('>'));

      var get = channel.callbackHandler().orElseThrow().handle(EmailTests.callback("GET", url).build());
      var post = channel.callbackHandler().orElseThrow().handle(EmailTests.callback("POST", url)
          .header("Content-Type", "application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").build());

      assertThat(get.events()).isEmpty();
      assertThat(post.events()).containsExactly(new io.touchbase.spi.channel.ChannelEvent.DispatchOptOut(
          DispatchId.of("e14r3a1"), Purpose.MARKETING, EmailTests.NOW, "email:one-click"));
    }
  }

  @Test
  void marketingTemplatesMayShowTheOneClickUrlInTheBodyWhichTransactionalOnesCannotFill() throws Exception {
    Map<String, String> settings = new HashMap<>(settings());
    settings.put("template.renewal.html", "<p>Hi {{name}} {{date}}</p><a href=\"{{ unsubscribeUrl }}\">Unsubscribe</a>");
    try (SmtpChannel channel = EmailTests.channel(settings, EmailTests.secrets())) {
      assertThat(channel.requiredVariables("renewal")).contains(Set.of("name", "date"));
      channel.send(EmailTests.message("e15r1a1", Purpose.MARKETING));
      ChannelException e = catchThrowableOfType(ChannelException.class,
          () -> channel.send(EmailTests.message("e15r1a2", Purpose.TRANSACTIONAL)));
      assertThat(e.providerCode()).isEqualTo("missing-template-variable");
      assertThat(e.getMessage()).contains("'unsubscribeUrl'");
    }

    MimeMultipart parts = (MimeMultipart) onlyReceived().getContent();
    assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Hi Jane 2024-06-01</p><a href=\""
        + EmailTests.UNSUBSCRIBE_URL + "/" + EmailTests.tokens().tokenFor(DispatchId.of("e15r1a1"))
        + "\">Unsubscribe</a>");
  }

  @Test
  void marketingEmailWithoutMailtoCarriesTheHttpsUrlOnly() throws Exception {
    Map<String, String> settings = new HashMap<>(settings());
    settings.remove("unsubscribeMailto");
    try (SmtpChannel channel = EmailTests.channel(settings, EmailTests.secrets())) {
      channel.send(EmailTests.message("e9r1a1", Purpose.MARKETING));
    }

    assertThat(onlyReceived().getHeader("List-Unsubscribe")).containsExactly(
        "<" + EmailTests.UNSUBSCRIBE_URL + "/" + EmailTests.tokens().tokenFor(DispatchId.of("e9r1a1")) + ">");
  }

  @Test
  void theContactsLocalePicksTheVariantByLanguageAndFallsBackToTheDefault() throws Exception {
    try (SmtpChannel channel = EmailTests.channel(settings(), EmailTests.secrets())) {
      channel.send(EmailTests.message("e1r1a1", Purpose.TRANSACTIONAL, Map.of("name", "简", "date", "6月1日"),
          Optional.of(Locale.SIMPLIFIED_CHINESE)));
      channel.send(EmailTests.message("e2r1a1", Purpose.TRANSACTIONAL, Map.of("name", "Jeanne", "date", "1/6"),
          Optional.of(Locale.FRANCE)));
    }

    assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 2)).isTrue();
    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    MimeMessage zh = received[0].getHeader("X-Touchbase-Dispatch")[0].equals("e1r1a1") ? received[0] : received[1];
    MimeMessage fr = zh == received[0] ? received[1] : received[0];
    assertThat(zh.getSubject()).isEqualTo("简，续费享八折");
    assertThat(((MimeMultipart) zh.getContent()).getBodyPart(0).getContent())
        .isEqualTo("简您好，会员将于6月1日到期。");
    assertThat(fr.getSubject()).isEqualTo("Renew now, Jeanne: café € 20% off");
  }

  @Test
  void valuesAreHtmlEscapedInTheHtmlPartOnlyAndKeptOnOneLineInTheSubject() throws Exception {
    try (SmtpChannel channel = EmailTests.channel(settings(), EmailTests.secrets())) {
      channel.send(EmailTests.message("e3r1a1", Purpose.TRANSACTIONAL,
          Map.of("name", "<b>Tom & \"Jerry\"</b>\r\nBcc: x", "date", "d"), Optional.empty()));
    }

    MimeMessage m = onlyReceived();
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(parts.getBodyPart(0).getContent())
        .isEqualTo("Hello <b>Tom & \"Jerry\"</b>\r\nBcc: x,\r\nyour plan ends on d.");
    assertThat(parts.getBodyPart(1).getContent()).isEqualTo(
        "<p>Hello &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;\r\nBcc: x,</p><p>your plan ends on d.</p>");
    assertThat(m.getSubject()).isEqualTo("Renew now, <b>Tom & \"Jerry\"</b> Bcc: x: café € 20% off");
    assertThat(m.getHeader("Bcc")).isNull();
  }

  @Test
  void aMissingVariableFailsPermanentlyNamingItAndSendsNothing() {
    try (SmtpChannel channel = EmailTests.channel(settings(), EmailTests.secrets())) {
      ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel.send(
          EmailTests.message("e4r1a1", Purpose.TRANSACTIONAL, Map.of("name", "Jane"), Optional.empty())));

      assertThat(e.outcome()).isEqualTo(ChannelException.Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo("missing-template-variable");
      assertThat(e.getMessage()).contains("'renewal'").contains("'date'");
    }
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void anUnknownTemplateFailsPermanently() {
    try (SmtpChannel channel = EmailTests.channel(settings(), EmailTests.secrets())) {
      var m = EmailTests.message("e5r1a1", Purpose.TRANSACTIONAL);
      var other = new io.touchbase.spi.channel.OutboundMessage(m.dispatchId(), m.channel(), m.contactId(), m.to(),
          m.purpose(), "welcome", m.variables(), Optional.of("Hello"), Optional.empty());
      ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel.send(other));

      assertThat(e.outcome()).isEqualTo(ChannelException.Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo("unknown-template");
      assertThat(e.getMessage()).contains("template.welcome.subject");
    }
  }

  @Test
  void marketingEmailIsRefusedWhenNoUnsubscribeLinkIsConfigured() {
    Map<String, String> settings = new HashMap<>(settings());
    settings.remove("unsubscribeUrl");
    settings.remove("unsubscribeMailto");
    try (SmtpChannel channel = EmailTests.channel(settings, Map.of())) {
      ChannelException e = catchThrowableOfType(ChannelException.class,
          () -> channel.send(EmailTests.message("e6r1a1", Purpose.MARKETING)));

      assertThat(e.outcome()).isEqualTo(ChannelException.Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo("unsubscribe-not-configured");
      assertThat(e.getMessage()).contains("unsubscribeUrl").contains("unsubscribeKey");
      assertThat(channel.callbackHandler()).isEmpty();
      // Transactional email needs no unsubscribe link.
      channel.send(EmailTests.message("e6r1a2", Purpose.TRANSACTIONAL));
    }
    assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
  }

  @Test
  void requiredVariablesAreThoseEveryVariantReads() {
    try (SmtpChannel channel = EmailTests.channel(settings(), EmailTests.secrets())) {
      assertThat(channel.requiredVariables("renewal")).contains(Set.of("name", "date"));
      assertThat(channel.requiredVariables("welcome")).isEmpty();
    }
  }

  @Test
  void theEnvelopeSenderIsTheBounceAddress() throws Exception {
    Map<String, String> settings = new HashMap<>(settings());
    settings.put("envelopeFrom", "bounces@shop.example");
    try (SmtpChannel channel = EmailTests.channel(settings, EmailTests.secrets())) {
      channel.send(EmailTests.message("e10r1a1", Purpose.TRANSACTIONAL));
    }

    MimeMessage m = onlyReceived();
    assertThat(m.getHeader("Return-Path")).containsExactly("<bounces@shop.example>");
    assertThat(m.getHeader("From")).containsExactly("Shop News <" + FROM + ">");
  }

  @Test
  void sendsReuseOnePooledConnection() throws Exception {
    try (SmtpChannel channel = EmailTests.channel(settings(), EmailTests.secrets())) {
      for (int i = 1; i <= 3; i++) {
        channel.send(EmailTests.message("e11r" + i + "a1", Purpose.TRANSACTIONAL));
        assertThat(channel.pool().idleConnections()).isEqualTo(1);
      }
    }
    assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 3)).isTrue();
  }

  @Test
  void starttlsIsRequiredByDefaultAndNothingGoesInClearTextToAServerWithoutIt() {
    Map<String, String> settings = new HashMap<>(settings());
    settings.remove("security"); // the default, starttls
    try (SmtpChannel channel = EmailTests.channel(settings, EmailTests.secrets())) {
      ChannelException e = catchThrowableOfType(ChannelException.class,
          () -> channel.send(EmailTests.message("e12r1a1", Purpose.TRANSACTIONAL)));

      assertThat(e.outcome()).isEqualTo(ChannelException.Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo("smtp-starttls-unavailable");
      assertThat(e.getMessage()).contains("'security'");
    }
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void aRefusedConnectionIsRetryableAndSaysNothingWasSent() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (SmtpChannel channel = EmailTests.channel(EmailTests.settings(closedPort), EmailTests.secrets())) {
      ChannelException e = catchThrowableOfType(ChannelException.class,
          () -> channel.send(EmailTests.message("e13r1a1", Purpose.TRANSACTIONAL)));

      assertThat(e.outcome()).isEqualTo(ChannelException.Outcome.RETRY);
      assertThat(e.mayHaveBeenSent()).isFalse();
      assertThat(e.providerCode()).isEqualTo("smtp-connect");
      assertThat(e.getMessage()).doesNotContain(TO);
    }
  }
}
