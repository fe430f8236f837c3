package io.touchbase.channel.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test's own signing agrees with the provider reference's verified vectors. */
class SigningTest {

  @Test
  void acs3MatchesTheVerifiedVector() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", "ecs.cn-shanghai.aliyuncs.com");
    headers.put("x-acs-action", "RunInstances");
    headers.put("x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    headers.put("x-acs-date", "2023-10-26T10:22:32Z");
    headers.put("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d");
    headers.put("x-acs-version", "2014-05-26");
    assertThat(
            Signing.acs3Authorization(
                "POST",
                "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai",
                headers,
                "YourAccessKeyId",
                "YourAccessKeySecret"))
        .isEqualTo(
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;"
                + "x-acs-date;x-acs-signature-nonce;x-acs-version,"
                + "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
  }

  @Test
  void twilioMatchesTheVerifiedVector() {
    Map<String, String> params = Map.of(
        "CallSid", "CA1234567890ABCDE",
        "Caller", "+12349013030",
        "Digits", "1234",
        "From", "+12349013030",
        "To", "+18005551212");
    assertThat(Signing.twilio("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params))
        .isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  }
}
