package io.touchbase.benchmarks;

import io.touchbase.api.Template;
import io.touchbase.api.contact.Address;
import io.touchbase.channel.support.AliyunSigner;
import io.touchbase.channel.support.PhoneNumbers;
import io.touchbase.channel.support.Tc3Signer;
import io.touchbase.core.internal.template.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH micro benchmarks of the per-round CPU work outside the database: template rendering, TC3
 * (Tencent) and ACS3 (Aliyun) signing, phone normalisation and masking. Average time per call.
 * Run with {@code mvn -B -q -pl benchmarks package exec:exec@micro -DskipTests}; JMH options go in
 * {@code -Djmh.args="..."}, e.g. {@code -Djmh.args="-f 1 -wi 3 -i 5 Signing"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MicroBenchmarks {
  private static final String SECRET = "bench-secret-value";

  private TemplateRenderer renderer;
  private Map<String, String> variables;
  private Map<String, String> aliyunQuery;
  private Map<String, String> aliyunHeaders;
  private byte[] tencentBody;
  private Address phone;

  /** Inputs of the size a real round has. */
  @Setup
  public void setUp() {
    renderer = new TemplateRenderer(List.of(Template.of("renewal",
        "Hi {{name}}, your {{plan}} membership ends on {{date}}. Renew now and save {{offer}}: {{link}}")));
    variables = Map.of("name", "Member 1024", "plan", "Gold", "date", "2026-03-09", "offer", "10%",
        "link", "https://shop.example/r/abc123", "contactId", "u1024");
    aliyunQuery = new TreeMap<>(Map.of("PhoneNumbers", "13800138000", "SignName", "会员中心",
        "TemplateCode", "SMS_1001", "TemplateParam", "{\"name\":\"Member 1024\",\"offer\":\"10%\"}",
        "OutId", "e1024r1a1"));
    aliyunHeaders = new TreeMap<>(Map.of("host", "dysmsapi.aliyuncs.com", "x-acs-action", "SendSms",
        "x-acs-version", "2017-05-25", "x-acs-date", "2026-03-02T02:00:00Z",
        "x-acs-signature-nonce", "3c1b1f0e-7a52-4c4b-9b1a-7c0b7a1d2e3f",
        "x-acs-content-sha256", AliyunSigner.EMPTY_PAYLOAD_SHA256));
    tencentBody = ("{\"PhoneNumberSet\":[\"+8613800138000\"],\"SmsSdkAppId\":\"1400000001\","
        + "\"SignName\":\"会员中心\",\"TemplateId\":\"2001\",\"TemplateParamSet\":[\"Member 1024\",\"10%\"],"
        + "\"SessionContext\":\"e1024r1a1\"}").getBytes(StandardCharsets.UTF_8);
    phone = Address.phone("+8613800138000");
  }

  @Benchmark
  public Optional<String> renderTemplate() {
    return renderer.render("renewal", Locale.ROOT, variables);
  }

  @Benchmark
  public String signAcs3() {
    return AliyunSigner.authorizationV3("POST", "/", aliyunQuery, aliyunHeaders, AliyunSigner.EMPTY_PAYLOAD_SHA256,
        "LTAI-bench-key", SECRET);
  }

  @Benchmark
  public String signTc3() {
    return Tc3Signer.authorization("AKID-bench", SECRET, "sms", "sms.tencentcloudapi.com",
        "application/json; charset=utf-8", 1_772_416_800L, tencentBody);
  }

  @Benchmark
  public Address phoneAddress() {
    return Address.phone("+8613800138000");
  }

  @Benchmark
  public String phoneToE164() {
    return PhoneNumbers.toE164("0086 138-0013-8000");
  }

  @Benchmark
  public String phoneToAliyun() {
    return PhoneNumbers.toAliyun("+8613800138000");
  }

  @Benchmark
  public String maskPhone() {
    return phone.masked();
  }
}
