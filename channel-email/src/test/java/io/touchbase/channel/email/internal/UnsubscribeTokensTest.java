package io.touchbase.channel.email.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.spi.channel.DispatchId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {
  private static final UnsubscribeTokens TOKENS = EmailTests.tokens();

  @Test
  void theTokenIsTheIdAndItsHmacSha256InUnpaddedBase64Url() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(EmailTests.UNSUBSCRIBE_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = "ZTQycjFhMQ." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal("e42r1a1".getBytes(StandardCharsets.US_ASCII)));

    assertThat(TOKENS.tokenFor(DispatchId.of("e42r1a1"))).isEqualTo(expected).doesNotContain("=");
    assertThat(TOKENS.verify(expected)).contains(DispatchId.of("e42r1a1"));
  }

  @Test
  void everyDispatchIdRoundTrips() {
    String longest = "~".repeat(64);
    for (String id : new String[] {"e1r1a1", "contract-test", longest, "a/b?c=d&e#f", "!"}) {
      assertThat(TOKENS.verify(TOKENS.tokenFor(DispatchId.of(id)))).contains(DispatchId.of(id));
    }
  }

  @Test
  void anythingElseIsRefused() {
    String token = TOKENS.tokenFor(DispatchId.of("e42r1a1"));
    String mac = token.substring(token.indexOf('.') + 1);
    assertThat(TOKENS.verify("ZTQycjFhMg." + mac)).isEmpty(); // e42r1a2 with e42r1a1's MAC
    assertThat(TOKENS.verify(token.substring(0, token.length() - 1))).isEmpty();
    assertThat(TOKENS.verify(token + "A")).isEmpty();
    assertThat(TOKENS.verify(token + "=")).isEmpty();
    assertThat(TOKENS.verify(token.replace('.', '-'))).isEmpty();
    assertThat(TOKENS.verify(".")).isEmpty();
    assertThat(TOKENS.verify("")).isEmpty();
    assertThat(TOKENS.verify("." + mac)).isEmpty();
    assertThat(TOKENS.verify(token + "." + mac)).isEmpty();
    UnsubscribeTokens otherKey = new UnsubscribeTokens("another-key-0123456789".getBytes(StandardCharsets.UTF_8));
    assertThat(otherKey.verify(token)).isEmpty();
  }

  @Test
  void aRotatedKeyStillAcceptsTheLinksOfThePreviousOne() {
    byte[] oldKey = "old-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    byte[] newKey = "new-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    DispatchId sentBefore = DispatchId.of("e7r1a1");
    DispatchId sentAfter = DispatchId.of("e8r1a1");
    String oldLink = new UnsubscribeTokens(oldKey).tokenFor(sentBefore);
    UnsubscribeTokens rotated = new UnsubscribeTokens(newKey, Optional.of(oldKey));

    assertThat(rotated.verify(oldLink)).contains(sentBefore);
    String newLink = rotated.tokenFor(sentAfter);
    assertThat(newLink).as("new links are made with the new key").isEqualTo(new UnsubscribeTokens(newKey).tokenFor(sentAfter));
    assertThat(new UnsubscribeTokens(oldKey).verify(newLink)).isEmpty();
    assertThat(rotated.verify(newLink)).contains(sentAfter);
    String foreign = new UnsubscribeTokens("another-key-0123456789".getBytes(StandardCharsets.UTF_8)).tokenFor(sentBefore);
    assertThat(rotated.verify(foreign)).isEmpty();
    assertThatThrownBy(() -> new UnsubscribeTokens(newKey, Optional.of(new byte[15])))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("previous key must have at least 16 bytes");
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(() -> new UnsubscribeTokens(new byte[15])).isInstanceOf(IllegalArgumentException.class);
  }
}
