package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The verified TC3 vector of providers.md §2.5, intermediate values included. */
class Tc3SignerTest {
  // Literal backslash-u escapes, exactly as in the official example.
  private static final byte[] BODY =
      "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}"
          .getBytes(StandardCharsets.UTF_8);
  private static final String CONTENT_TYPE = "application/json; charset=utf-8";
  private static final String HOST = "cvm.tencentcloudapi.com";
  private static final long TIMESTAMP = 1551113065L;
  private static final String SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

  @Test
  void bodyIsTheLiteralExample() {
    assertThat(new String(BODY, StandardCharsets.UTF_8)).contains("\\u672a").doesNotContain("未");
  }

  @Test
  void payloadHashAndCanonicalRequest() {
    assertThat(Crypto.sha256Hex(BODY)).isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
    String canonical = Tc3Signer.canonicalRequest(HOST, CONTENT_TYPE, BODY);
    assertThat(canonical).isEqualTo("POST\n/\n\ncontent-type:application/json; charset=utf-8\n"
        + "host:cvm.tencentcloudapi.com\n\ncontent-type;host\n"
        + "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
    assertThat(Crypto.sha256Hex(canonical))
        .isEqualTo("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
  }

  @Test
  void stringToSignUsesTheUtcDate() {
    // 1551113065 is 2019-02-26 00:44 in UTC+8, but the scope date is the UTC one.
    assertThat(Tc3Signer.scopeDate(TIMESTAMP)).isEqualTo("2019-02-25");
    assertThat(Tc3Signer.stringToSign("cvm", HOST, CONTENT_TYPE, TIMESTAMP, BODY))
        .isEqualTo("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
            + "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
  }

  @Test
  void signatureAndAuthorization() {
    assertThat(Tc3Signer.signature(SECRET_KEY, "cvm", HOST, CONTENT_TYPE, TIMESTAMP, BODY))
        .isEqualTo("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    assertThat(Tc3Signer.authorization("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", SECRET_KEY, "cvm", HOST, CONTENT_TYPE,
            TIMESTAMP, BODY))
        .isEqualTo("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
            + "SignedHeaders=content-type;host, "
            + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
  }
}
