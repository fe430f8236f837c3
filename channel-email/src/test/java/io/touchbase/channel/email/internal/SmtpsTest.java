package io.touchbase.channel.email.internal;

import static io.touchbase.channel.email.internal.EmailTests.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.DispatchId;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Implicit TLS ({@code security=ssl}) against GreenMail's SMTPS server, whose certificate names
 * {@code localhost} only: the server's identity is checked even where its certificate is trusted.
 */
class SmtpsTest {
  static {
    TestCertificates.install();
  }

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser(TO, "jane", "jane-password-1"));

  private static Map<String, String> settings(String host) {
    Map<String, String> s = new HashMap<>(EmailTests.settings(GREEN_MAIL.getSmtps().getPort()));
    s.put("host", host);
    s.put("security", "ssl");
    s.put("trustHosts", host);
    return s;
  }

  @Test
  void sendsTheExactMessageOverImplicitTls() throws Exception {
    try (SmtpChannel channel = EmailTests.channel(settings("localhost"), EmailTests.secrets())) {
      channel.send(EmailTests.message("e21r1a1", Purpose.MARKETING));
    }

    assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage m = GREEN_MAIL.getReceivedMessages()[0];
    assertThat(m.getHeader("Message-ID")).containsExactly("<e21r1a1.touchbase@shop.example>");
    assertThat(m.getSubject()).isEqualTo("Renew now, Jane: café € 20% off");
    assertThat(m.getHeader("List-Unsubscribe")).containsExactly("<" + EmailTests.UNSUBSCRIBE_URL + "/"
        + EmailTests.tokens().tokenFor(DispatchId.of("e21r1a1"))
        + ">, <mailto:unsubscribe@shop.example?subject=unsubscribe>");
    assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(m.getContentType()).startsWith("multipart/alternative;");
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).isEqualTo("text/plain; charset=UTF-8");
    assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hello Jane,\r\nyour plan ends on 2024-06-01.");
    assertThat(parts.getBodyPart(1).getContentType()).isEqualTo("text/html; charset=UTF-8");
    assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Hello Jane,</p><p>your plan ends on 2024-06-01.</p>");
  }

  @Test
  void aTrustedCertificateThatDoesNotNameTheHostIsRefused() {
    // The certificate names localhost; 127.0.0.1 is the same server under a name it does not carry.
    try (SmtpChannel channel = EmailTests.channel(settings("127.0.0.1"), EmailTests.secrets())) {
      ChannelException e = catchThrowableOfType(ChannelException.class,
          () -> channel.send(EmailTests.message("e22r1a1", Purpose.TRANSACTIONAL)));

      assertThat(e.outcome()).isEqualTo(ChannelException.Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo("smtp-tls");
      assertThat(e.getMessage()).contains("'host'");
    }
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void aSelfSignedCertificateIsNotTrustedWithoutTrustHosts() {
    Map<String, String> settings = settings("localhost");
    settings.remove("trustHosts");
    try (SmtpChannel channel = EmailTests.channel(settings, EmailTests.secrets())) {
      ChannelException e = catchThrowableOfType(ChannelException.class,
          () -> channel.send(EmailTests.message("e23r1a1", Purpose.TRANSACTIONAL)));

      assertThat(e.outcome()).isEqualTo(ChannelException.Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo("smtp-tls");
    }
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }
}
