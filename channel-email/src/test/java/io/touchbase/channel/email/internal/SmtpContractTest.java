package io.touchbase.channel.email.internal;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.testkit.ChannelProviderContractTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit's contract against GreenMail; for a failing send the server is stopped. */
class SmtpContractTest extends ChannelProviderContractTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig()
          .withUser("news@shop.example", "shop", "smtp-password-0001")
          .withUser("jane.doe@example.com", "jane", "jane-pw-1"));

  @Override
  protected ChannelProvider provider() {
    return new SmtpProvider();
  }

  @Override
  protected Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    s.put("host", "127.0.0.1");
    s.put("port", Integer.toString(GREEN_MAIL.getSmtp().getPort()));
    s.put("security", "none-insecure");
    s.put("from", "Shop <news@shop.example>");
    s.put("username", "shop");
    s.put("unsubscribeUrl", "https://shop.example/touchbase/callbacks/contract-test/u");
    s.put("template.contract-test.subject", "Hello {{name}}");
    s.put("template.contract-test.html", "<p>Hello {{name}}</p>");
    s.put("template.contract-test.text", "Hello {{name}}");
    return s;
  }

  @Override
  protected Map<String, String> secrets() {
    return Map.of("password", EmailTests.PASSWORDS[1], "unsubscribeKey", "unsubscribe-key-0001-0123456789");
  }

  @Override
  protected boolean prepareFailingSend() {
    GREEN_MAIL.stop(); // started again before the next test
    return true;
  }
}
