package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The verified vectors of providers.md §1.5, §1.6 and §3.3, byte for byte. */
class AliyunSignerTest {

  private static Map<String, String> v2a(String timestampKey) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccessKeyId", "testid");
    p.put("Action", "DescribeRegions");
    p.put("Format", "XML");
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
    p.put("SignatureVersion", "1.0");
    p.put(timestampKey, "2016-02-23T12:46:24Z");
    p.put("Version", "2014-05-26");
    return p;
  }

  @Test
  void v2aStringToSignAndSignature() {
    assertThat(AliyunSigner.stringToSignV2("GET", v2a("Timestamp")))
        .isEqualTo("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
            + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
            + "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
    assertThat(AliyunSigner.signV2("GET", v2a("Timestamp"), "testsecret")).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  }

  @Test
  void v2aWithTimeStampSpelledInCamelCaseSortsCaseSensitively() {
    // "TimeStamp" sorts before "Version" but after "SignatureVersion" by byte order, like "Timestamp";
    // only the spelling differs, and so does the signature.
    assertThat(AliyunSigner.signV2("GET", v2a("TimeStamp"), "testsecret")).isEqualTo("CT9X0VtwR86fNWSnsc6v8YGOjuE=");
  }

  @Test
  void canonicalQuerySortsUpperCaseBeforeLowerCase() {
    Map<String, String> p = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    p.put("b", "1");
    p.put("B2", "2");
    p.put("a", "x y*~/");
    assertThat(AliyunSigner.canonicalQuery(p)).isEqualTo("B2=2&a=x%20y%2A~%2F&b=1");
  }

  @Test
  void signatureParameterIsNeverSigned() {
    Map<String, String> p = v2a("Timestamp");
    p.put("Signature", "anything");
    assertThat(AliyunSigner.signV2("GET", p, "testsecret")).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  }

  @Test
  void v2bSendSms() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccessKeyId", "testId");
    p.put("Action", "SendSms");
    p.put("Format", "XML");
    p.put("OutId", "123");
    p.put("PhoneNumbers", "15300000001");
    p.put("RegionId", "cn-hangzhou");
    p.put("SignName", "阿里云短信测试专用");
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466");
    p.put("SignatureVersion", "1.0");
    p.put("TemplateCode", "SMS_71390007");
    p.put("TemplateParam", "{\"customer\":\"test\"}");
    p.put("Timestamp", "2017-07-12T02:42:19Z");
    p.put("Version", "2017-05-25");
    assertThat(AliyunSigner.stringToSignV2("GET", p))
        .isEqualTo("GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123"
            + "%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587"
            + "%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593"
            + "%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466"
            + "%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522"
            + "%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25");
    String signature = AliyunSigner.signV2("GET", p, "testSecret");
    assertThat(signature).isEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
    assertThat(AliyunSigner.percentEncode(signature)).isEqualTo("zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D");
  }

  @Test
  void v2Voice() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccessKeyId", "testId");
    p.put("Action", "SingleCallByTts");
    p.put("CalledNumber", "13000000000");
    p.put("CalledShowNumber", "057112345678");
    p.put("Format", "XML");
    p.put("OutId", "123");
    p.put("RegionId", "cn-hangzhou");
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureNonce", "f7d2d4ef-6d5f-4da4-86ed-88e001a66abb");
    p.put("SignatureVersion", "1.0");
    p.put("Timestamp", "2017-09-28T14:31:56Z");
    p.put("TtsCode", "TTS_0000000");
    p.put("TtsParam", "{\"code\":\"1234\",\"product\":\"test\"}");
    p.put("Version", "2017-05-25");
    assertThat(AliyunSigner.signV2("GET", p, "testSecret")).isEqualTo("aMfgrx8DLS7vLfpeR1c2rrKLr0Q=");
  }

  @Test
  void v3OfficialExample() {
    Map<String, String> query = Map.of(
        "ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId", "cn-shanghai");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-acs-version", "2014-05-26");
    headers.put("host", "ecs.cn-shanghai.aliyuncs.com");
    headers.put("x-acs-action", "RunInstances");
    headers.put("x-acs-date", "2023-10-26T10:22:32Z");
    headers.put("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d");
    headers.put("X-Acs-Content-Sha256", AliyunSigner.EMPTY_PAYLOAD_SHA256);
    headers.put("User-Agent", "not signed");

    String canonical = AliyunSigner.canonicalRequestV3("POST", "/", query, headers, AliyunSigner.EMPTY_PAYLOAD_SHA256);
    assertThat(canonical).isEqualTo("POST\n/\n"
        + "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
        + "host:ecs.cn-shanghai.aliyuncs.com\n"
        + "x-acs-action:RunInstances\n"
        + "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
        + "x-acs-date:2023-10-26T10:22:32Z\n"
        + "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
        + "x-acs-version:2014-05-26\n"
        + "\n"
        + "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Crypto.sha256Hex(canonical))
        .isEqualTo("7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
    assertThat(AliyunSigner.stringToSignV3(canonical))
        .isEqualTo("ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
    assertThat(AliyunSigner.authorizationV3(
            "POST", "/", query, headers, AliyunSigner.EMPTY_PAYLOAD_SHA256, "YourAccessKeyId", "YourAccessKeySecret"))
        .isEqualTo("ACS3-HMAC-SHA256 Credential=YourAccessKeyId,"
            + "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
            + "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
  }

  @Test
  void emptyPayloadHashIsTheSha256OfNothing() {
    assertThat(Crypto.sha256Hex(new byte[0])).isEqualTo(AliyunSigner.EMPTY_PAYLOAD_SHA256);
  }
}
