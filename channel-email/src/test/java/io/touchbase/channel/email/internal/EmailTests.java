package io.touchbase.channel.email.internal;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.testkit.TestChannelContext;
import io.touchbase.testkit.logging.PiiLeakAppender;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Fixtures shared by the email tests. */
final class EmailTests {
  static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String FROM = "news@shop.example";
  static final String TO = "jane.doe@example.com";
  static final String UNSUBSCRIBE_KEY = "unsubscribe-key-0123456789abcdef";
  static final String UNSUBSCRIBE_URL = "https://shop.example/touchbase/callbacks/email/u";

  /** The relay passwords the tests configure. */
  static final String[] PASSWORDS = {"relay-password-1", "smtp-password-0001"};

  static {
    // On top of every email address: no log line may hold the unsubscribe key or a relay password.
    PiiLeakAppender.forbid(UNSUBSCRIBE_KEY, "unsubscribe-key-0001-0123456789");
    PiiLeakAppender.forbid(PASSWORDS);
  }

  private EmailTests() {}

  /** The renewal template: default (English) and Simplified Chinese. */
  static Map<String, String> templates() {
    Map<String, String> t = new HashMap<>();
    t.put("template.renewal.subject", "Renew now, {{name}}: café € 20% off");
    t.put("template.renewal.html", "<p>Hello {{name}},</p><p>your plan ends on {{date}}.</p>");
    t.put("template.renewal.text", "Hello {{name}},\nyour plan ends on {{date}}.");
    t.put("template.renewal.zh.subject", "{{name}}，续费享八折");
    t.put("template.renewal.zh.html", "<p>{{name}}您好，</p><p>会员将于{{date}}到期。</p>");
    t.put("template.renewal.zh.text", "{{name}}您好，会员将于{{date}}到期。");
    return t;
  }

  /** Settings of a channel on a local server in clear text, with unsubscribe links. */
  static Map<String, String> settings(int port) {
    Map<String, String> s = new HashMap<>(templates());
    s.put("host", "127.0.0.1");
    s.put("port", Integer.toString(port));
    s.put("security", "none-insecure");
    s.put("from", "Shop News <" + FROM + ">");
    s.put("unsubscribeUrl", UNSUBSCRIBE_URL);
    s.put("unsubscribeMailto", "unsubscribe@shop.example");
    s.put("connectTimeout", "PT2S");
    s.put("readTimeout", "PT5S");
    s.put("writeTimeout", "PT5S");
    return s;
  }

  static Map<String, String> secrets() {
    return Map.of("unsubscribeKey", UNSUBSCRIBE_KEY);
  }

  static TestChannelContext context(Map<String, String> settings, Map<String, String> secrets) {
    return TestChannelContext.builder()
        .channelName("email")
        .providerId(SmtpProvider.ID)
        .settings(settings)
        .secrets(secrets)
        .clock(CLOCK)
        .build();
  }

  static SmtpChannel channel(Map<String, String> settings, Map<String, String> secrets) {
    return (SmtpChannel) new SmtpProvider().create(context(settings, secrets));
  }

  static OutboundMessage message(String dispatchId, Purpose purpose, Map<String, String> variables,
      Optional<Locale> locale) {
    return new OutboundMessage(DispatchId.of(dispatchId), "email", ContactId.of("c-" + dispatchId),
        Address.email(TO), purpose, "renewal", variables, Optional.empty(), locale);
  }

  static OutboundMessage message(String dispatchId, Purpose purpose) {
    return message(dispatchId, purpose, Map.of("name", "Jane", "date", "2024-06-01"), Optional.empty());
  }

  static UnsubscribeTokens tokens() {
    return new UnsubscribeTokens(UNSUBSCRIBE_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static CallbackRequest.Builder callback(String method, String url) {
    return CallbackRequest.builder("email").method(method).url(url);
  }
}
