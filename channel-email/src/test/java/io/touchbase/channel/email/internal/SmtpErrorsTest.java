package io.touchbase.channel.email.internal;

import static io.touchbase.channel.email.internal.EmailTests.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import io.touchbase.spi.channel.SendResult;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What each failure of the SMTP dialogue becomes, against a server that answers as scripted. */
class SmtpErrorsTest {
  private final ScriptedSmtpServer server = new ScriptedSmtpServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private SmtpChannel channel(String... extraSettings) {
    Map<String, String> settings = new HashMap<>(EmailTests.settings(server.port()));
    for (int i = 0; i < extraSettings.length; i += 2) {
      settings.put(extraSettings[i], extraSettings[i + 1]);
    }
    return EmailTests.channel(settings, EmailTests.secrets());
  }

  private static ChannelException failure(SmtpChannel channel, String dispatchId) {
    ChannelException e = catchThrowableOfType(ChannelException.class,
        () -> channel.send(EmailTests.message(dispatchId, Purpose.MARKETING)));
    assertThat(e).as("the send fails").isNotNull();
    assertThat(e.getMessage()).as("message shows no address").doesNotContain(TO).doesNotContain("jane.doe");
    assertThat(e.getCause()).as("the library's exception, which may hold the address, is not chained").isNull();
    return e;
  }

  private long dataCommands() {
    return server.commands().stream().filter(c -> c.equals("DATA")).count();
  }

  @Test
  void aRecipientRefusedWith5xxFailsPermanentlyKeepingTheCode() {
    server.reply("RCPT", "550 5.1.1 <" + TO + ">: Recipient address rejected: User unknown");
    try (SmtpChannel channel = channel()) {
      ChannelException e = failure(channel, "e31r1a1");

      assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo("smtp-550");
      assertThat(e.mayHaveBeenSent()).isFalse();
      assertThat(e.getMessage()).contains("RCPT TO").contains("550 5.1.1 <***@***>: Recipient address rejected");
    }
    assertThat(server.commands()).contains("RCPT TO:<" + TO + ">");
    assertThat(dataCommands()).isZero();
  }

  @Test
  void aRecipientRefusedWith4xxIsRetryableAndTheRetrySendsTheSameMessageId() {
    server.reply("RCPT", "450 4.2.1 Mailbox busy, try again later");
    try (SmtpChannel channel = channel()) {
      ChannelException e = failure(channel, "e32r1a1");

      assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
      assertThat(e.providerCode()).isEqualTo("smtp-450");
      assertThat(e.mayHaveBeenSent()).isFalse();
      assertThat(dataCommands()).isZero();

      SendResult retried = channel.send(EmailTests.message("e32r1a1", Purpose.MARKETING));
      assertThat(retried.providerMessageId()).isEqualTo("<e32r1a1.touchbase@shop.example>");
      assertThat(retried.attributes()).containsEntry("smtpReply", "250 2.0.0 OK queued as 4ABC123");
    }
    assertThat(server.messages()).hasSize(1);
    assertThat(server.messages().get(0)).contains("Message-ID: <e32r1a1.touchbase@shop.example>\r\n");
  }

  @Test
  void anyOther4xxOr5xxRecipientReplyKeepsItsCode() {
    server.reply("RCPT", "452 4.5.3 Too many recipients", "554 5.7.1 Relay access denied");
    try (SmtpChannel channel = channel()) {
      ChannelException first = failure(channel, "e33r1a1");
      ChannelException second = failure(channel, "e33r1a2");

      assertThat(first.outcome()).isEqualTo(Outcome.RETRY);
      assertThat(first.providerCode()).isEqualTo("smtp-452");
      assertThat(second.outcome()).isEqualTo(Outcome.PERMANENT);
      assertThat(second.providerCode()).isEqualTo("smtp-554");
    }
  }

  @Test
  void aRefusedSenderIsPermanentAndNamesMailFrom() {
    server.reply("MAIL", "553 5.7.1 <news@shop.example>: Sender address rejected: not owned by user");
    try (SmtpChannel channel = channel()) {
      ChannelException e = failure(channel, "e34r1a1");

      assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo("smtp-553");
      assertThat(e.getMessage()).contains("MAIL FROM").doesNotContain("news@shop.example");
    }
  }

  @Test
  void aReplyAfterTheContentIsDefinite5xxPermanentAnd4xxRetryable() {
    server.reply("END", "554 5.7.1 Message rejected as spam", "451 4.3.0 Temporary queue failure");
    try (SmtpChannel channel = channel()) {
      ChannelException spam = failure(channel, "e35r1a1");
      ChannelException busy = failure(channel, "e35r1a2");

      assertThat(spam.outcome()).isEqualTo(Outcome.PERMANENT);
      assertThat(spam.providerCode()).isEqualTo("smtp-554");
      assertThat(spam.mayHaveBeenSent()).isFalse();
      assertThat(spam.getMessage()).contains("the end of the message content");
      assertThat(busy.outcome()).isEqualTo(Outcome.RETRY);
      assertThat(busy.providerCode()).isEqualTo("smtp-451");
      assertThat(busy.mayHaveBeenSent()).isFalse();
    }
  }

  @Test
  void aRefusedDataCommandIsDefiniteToo() {
    server.reply("DATA", "554 5.5.1 No valid recipients");
    try (SmtpChannel channel = channel()) {
      ChannelException e = failure(channel, "e36r1a1");

      assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo("smtp-554");
      assertThat(e.getMessage()).contains("DATA");
    }
  }

  @Test
  void aConnectionDroppedAfterTheContentLeavesTheOutcomeUnknown() {
    server.reply("END", ScriptedSmtpServer.DROP);
    try (SmtpChannel channel = channel()) {
      ChannelException e = failure(channel, "e37r1a1");

      assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
      assertThat(e.mayHaveBeenSent()).isTrue();
      assertThat(e.providerCode()).isEqualTo("smtp-no-reply");
    }
    assertThat(server.messages()).hasSize(1);
  }

  @Test
  void noReplyAfterTheContentWithinTheReadTimeoutLeavesTheOutcomeUnknown() {
    server.reply("END", ScriptedSmtpServer.SILENT);
    try (SmtpChannel channel = channel("readTimeout", "PT1S")) {
      ChannelException e = failure(channel, "e38r1a1");

      assertThat(e.mayHaveBeenSent()).isTrue();
      assertThat(e.providerCode()).isEqualTo("smtp-no-reply");
    }
  }

  @Test
  void noReplyBeforeTheContentIsRetryableAndNothingWasSent() {
    server.reply("RCPT", ScriptedSmtpServer.SILENT);
    try (SmtpChannel channel = channel("readTimeout", "PT1S")) {
      ChannelException e = failure(channel, "e39r1a1");

      assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
      assertThat(e.mayHaveBeenSent()).isFalse();
      assertThat(e.providerCode()).isEqualTo("smtp-timeout");
    }
    assertThat(dataCommands()).isZero();
  }

  @Test
  void aConnectionDroppedBeforeTheContentIsRetryable() {
    server.reply("MAIL", ScriptedSmtpServer.DROP);
    try (SmtpChannel channel = channel()) {
      ChannelException e = failure(channel, "e40r1a1");

      assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
      assertThat(e.mayHaveBeenSent()).isFalse();
    }
  }

  @Test
  void aRefusedLoginIsPermanentAndNamesTheSettings() {
    String refused = "535 5.7.8 Error: authentication failed";
    server.offerAuth().reply("AUTH", refused, refused);
    Map<String, String> settings = new HashMap<>(EmailTests.settings(server.port()));
    settings.put("username", "shop");
    Map<String, String> secrets = new HashMap<>(EmailTests.secrets());
    secrets.put("password", "relay-password-1");
    try (SmtpChannel channel = EmailTests.channel(settings, secrets)) {
      ChannelException e = failure(channel, "e41r1a1");

      assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo("smtp-auth");
      assertThat(e.getMessage()).contains("'username'").contains("'password'").doesNotContain("relay-password-1");
    }
    assertThat(server.commands()).noneMatch(c -> c.startsWith("MAIL"));
  }

  @Test
  void aFailedConnectionIsNotReusedAndTheNextSendConnectsAgain() {
    server.reply("RCPT", "550 5.1.1 User unknown");
    try (SmtpChannel channel = channel()) {
      failure(channel, "e42r1a1");
      assertThat(channel.pool().idleConnections()).isZero();

      channel.send(EmailTests.message("e42r1a2", Purpose.TRANSACTIONAL));
      assertThat(channel.pool().idleConnections()).isEqualTo(1);
    }
    assertThat(server.commands().stream().filter(c -> c.startsWith("EHLO")).count()).isEqualTo(2);
  }
}
