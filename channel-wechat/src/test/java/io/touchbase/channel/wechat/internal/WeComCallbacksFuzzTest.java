package io.touchbase.channel.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.channel.support.Forms;
import io.touchbase.testkit.fuzz.FuzzInputs;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the WeCom push handler. So that the fuzzer reaches the XML and the events, {@code safe}
 * encrypts the fuzzed body as the plaintext of a push and signs the ciphertext for the request's
 * own timestamp and nonce; {@code echo} encrypts the fuzzed text as a URL check's echostr and
 * requires it back exactly; {@code raw} hands the request over as it is.
 */
class WeComCallbacksFuzzTest {
  private static final String TOKEN = WeComCallbacksTest.TOKEN;
  private static final WxCrypto CRYPTO = WxCrypto.of(WeComCallbacksTest.AES_KEY, WeComCallbacksTest.CORP_ID,
      WxTests.fixedRandom("0123456789abcdef"));
  private static final WeComCallbacks HANDLER = WeComCallbacksTest.handler(WeComCallbacksTest.CORP_ID);

  @FuzzTest(maxDuration = "60s")
  void safe(byte[] data) {
    FuzzInputs.handle(HANDLER, encrypted(FuzzInputs.request("wecom", data)), FuzzInputs.text(data));
  }

  @FuzzTest(maxDuration = "60s")
  void raw(byte[] data) {
    FuzzInputs.handle(HANDLER, FuzzInputs.request("wecom", data), FuzzInputs.text(data));
  }

  @FuzzTest(maxDuration = "60s")
  void echo(byte[] data) {
    // What survives UTF-8: a lone surrogate becomes '?' on the way in.
    String text = new String(FuzzInputs.text(data).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return;
    }
    String echostr = CRYPTO.encrypt(text);
    long t = WeComCallbacksTest.T;
    CallbackRequest get = WeComCallbacksTest.get(WxSignatures.sign(TOKEN, Long.toString(t), "n", echostr), t, "n",
        echostr);
    assertThat(HANDLER.handle(get).response().body()).isEqualTo(text);
    FuzzInputs.assertNoPiiLogged();
  }

  /**
   * The request with its body encrypted into an envelope and {@code msg_signature} right for its
   * own timestamp and nonce; unchanged but for the body when its URL cannot be read.
   */
  private static CallbackRequest encrypted(CallbackRequest request) {
    String encrypt = CRYPTO.encrypt(request.bodyText());
    String body = "<xml><ToUserName><![CDATA[" + WeComCallbacksTest.CORP_ID + "]]></ToUserName>"
        + WxXml.cdata("Encrypt", encrypt) + "</xml>";
    String url = request.url();
    Map<String, List<String>> query;
    try {
      query = Forms.queryOf(url);
    } catch (IllegalArgumentException e) {
      return CallbackRequest.builder("wecom").method(request.method()).url(url).body(body).build();
    }
    String ts = Forms.first(query, "timestamp").orElse("");
    String nonce = Forms.first(query, "nonce").orElse("");
    int q = url.indexOf('?');
    List<String> kept = new ArrayList<>();
    if (q >= 0) {
      for (String pair : url.substring(q + 1).split("&")) {
        if (!pair.startsWith("msg_signature=")) {
          kept.add(pair);
        }
      }
    }
    kept.add("msg_signature=" + URLEncoder.encode(WxSignatures.sign(TOKEN, ts, nonce, encrypt),
        StandardCharsets.UTF_8));
    String base = q >= 0 ? url.substring(0, q) : url;
    return CallbackRequest.builder("wecom").method(request.method()).url(base + "?" + String.join("&", kept))
        .body(body).build();
  }

  /** The signing targets reach the events: otherwise the fuzzer would only see rejections. */
  @Test
  void signedSeedsAreAccepted() {
    List<byte[]> seeds = FuzzInputs.seeds(getClass(), "safe"); // file-name order
    assertThat(HANDLER.handle(encrypted(FuzzInputs.request("wecom", seeds.get(0)))).events()).isEmpty();
    assertThat(HANDLER.handle(encrypted(FuzzInputs.request("wecom", seeds.get(1)))).events()).hasSize(1);
    assertThat(HANDLER.handle(FuzzInputs.request("wecom", FuzzInputs.seeds(getClass(), "raw").get(0))).response()
        .body()).isEqualTo("1616140317555161061");
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "safe", 1500, this::safe);
    FuzzInputs.boundedRun(getClass(), "echo", 500, this::echo);
    FuzzInputs.boundedRun(getClass(), "raw", 500, this::raw);
  }
}
