package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ConfigurationException;
import io.touchbase.spi.channel.ChannelSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AliyunRpcRequestTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-06T07:08:09.500Z"), ZoneOffset.UTC);
  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient client = new OkHttpClient();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private AliyunRpcRequest.Builder rpc() {
    return AliyunRpcRequest.builder()
        .endpoint(server.url("/").toString())
        .accessKeyId("testId")
        .accessKeySecret("testSecret")
        .clock(CLOCK)
        .nonceSupplier(() -> "nonce-1");
  }

  private static Map<String, String> apiParams() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("PhoneNumbers", "15300000001");
    p.put("SignName", "阿里云短信测试专用");
    p.put("TemplateParam", "{\"customer\":\"test\"}");
    return p;
  }

  private RecordedRequest send(Request request) throws Exception {
    server.enqueue(new MockResponse().setBody("{}"));
    client.newCall(request).execute().close();
    return server.takeRequest();
  }

  @Test
  void v3PutsParamsInTheQuerySignsTheHeadersAndSendsThemAsSigned() throws Exception {
    RecordedRequest r = send(rpc().build().newRequest("SendSms", "2017-05-25", apiParams()));
    String host = "localhost:" + server.getPort();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/?" + AliyunSigner.canonicalQuery(apiParams()));
    assertThat(r.getBodySize()).isZero();
    assertThat(r.getHeader("Host")).isEqualTo(host);
    assertThat(r.getHeader("x-acs-action")).isEqualTo("SendSms");
    assertThat(r.getHeader("x-acs-version")).isEqualTo("2017-05-25");
    assertThat(r.getHeader("x-acs-date")).isEqualTo("2024-05-06T07:08:09Z");
    assertThat(r.getHeader("x-acs-signature-nonce")).isEqualTo("nonce-1");
    assertThat(r.getHeader("x-acs-content-sha256")).isEqualTo(AliyunSigner.EMPTY_PAYLOAD_SHA256);
    Map<String, String> signed = new TreeMap<>();
    for (String name : new String[] {"host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce",
        "x-acs-content-sha256"}) {
      signed.put(name, r.getHeader(name));
    }
    assertThat(r.getHeader("Authorization")).isEqualTo(AliyunSigner.authorizationV3(
        "POST", "/", apiParams(), signed, AliyunSigner.EMPTY_PAYLOAD_SHA256, "testId", "testSecret"));
    assertThat(r.getHeader("Authorization")).startsWith("ACS3-HMAC-SHA256 Credential=testId,SignedHeaders="
        + "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=");
  }

  @Test
  void v2PutsCommonParamsAndSignatureInTheQuery() throws Exception {
    RecordedRequest r = send(rpc().signatureVersion(AliyunRpcRequest.SignatureVersion.V2).regionId("cn-hangzhou")
        .build().newRequest("SendSms", "2017-05-25", apiParams()));
    Map<String, String> expected = new TreeMap<>(apiParams());
    expected.put("AccessKeyId", "testId");
    expected.put("Action", "SendSms");
    expected.put("Format", "JSON");
    expected.put("RegionId", "cn-hangzhou");
    expected.put("SignatureMethod", "HMAC-SHA1");
    expected.put("SignatureNonce", "nonce-1");
    expected.put("SignatureVersion", "1.0");
    expected.put("Timestamp", "2024-05-06T07:08:09Z");
    expected.put("Version", "2017-05-25");
    String signature = AliyunSigner.signV2("POST", expected, "testSecret");
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/?" + AliyunSigner.canonicalQuery(expected) + "&Signature="
        + AliyunSigner.percentEncode(signature));
    assertThat(r.getHeader("Authorization")).isNull();
    assertThat(r.getRequestUrl().queryParameter("Signature")).isEqualTo(signature);
    assertThat(r.getRequestUrl().queryParameter("SignName")).isEqualTo("阿里云短信测试专用");
  }

  @Test
  void signatureVersionSetting() {
    assertThat(AliyunRpcRequest.SignatureVersion.fromSettings(ChannelSettings.of(Map.of())))
        .isEqualTo(AliyunRpcRequest.SignatureVersion.ACS3);
    assertThat(AliyunRpcRequest.SignatureVersion.fromSettings(ChannelSettings.of(Map.of("signatureVersion", "v2"))))
        .isEqualTo(AliyunRpcRequest.SignatureVersion.V2);
    assertThatThrownBy(() -> AliyunRpcRequest.SignatureVersion.fromSettings(
            ChannelSettings.of(Map.of("signatureVersion", "V4"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'signatureVersion'");
  }

  @Test
  void toStringHidesTheSecret() {
    assertThat(rpc().build().toString()).contains("testId").doesNotContain("testSecret");
  }
}
