package io.touchbase.channel.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.channel.support.Forms;
import io.touchbase.testkit.fuzz.FuzzInputs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the push handler in plaintext and safe mode. So that the fuzzer reaches the XML and the
 * events, {@code plain} signs each fuzzed request for the timestamp and nonce it carries, and
 * {@code safe} encrypts the fuzzed body as the plaintext of a push and signs the ciphertext;
 * {@code raw} hands the request over as it is.
 */
class WeChatCallbacksFuzzTest {
  private static final String TOKEN = WeChatCallbacksTest.TOKEN;
  private static final WxCrypto CRYPTO =
      WxCrypto.of(WeChatCallbacksTest.AES_KEY, WeChatCallbacksTest.APP_ID, WxTests.fixedRandom("0123456789abcdef"));
  private static final WeChatCallbacks PLAIN = new WeChatCallbacks(WeChatCallbacksTest.APP_ID, Optional.of(TOKEN),
      Optional.empty(), Duration.ofMinutes(5), WeChatCallbacksTest.CLOCK);
  private static final WeChatCallbacks SAFE = new WeChatCallbacks(WeChatCallbacksTest.APP_ID, Optional.of(TOKEN),
      Optional.of(CRYPTO), Duration.ofMinutes(5), WeChatCallbacksTest.CLOCK);

  @FuzzTest(maxDuration = "60s")
  void plain(byte[] data) {
    CallbackRequest request = FuzzInputs.request("wechat", data);
    FuzzInputs.handle(PLAIN, resigned(request, request.body(), false), FuzzInputs.text(data));
  }

  @FuzzTest(maxDuration = "60s")
  void raw(byte[] data) {
    FuzzInputs.handle(SAFE, FuzzInputs.request("wechat", data), FuzzInputs.text(data));
    FuzzInputs.handle(PLAIN, FuzzInputs.request("wechat", data), FuzzInputs.text(data));
  }

  @FuzzTest(maxDuration = "60s")
  void safe(byte[] data) {
    CallbackRequest request = FuzzInputs.request("wechat", data);
    String encrypt = CRYPTO.encrypt(request.bodyText());
    String envelope = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>" + WxXml.cdata("Encrypt", encrypt)
        + "</xml>";
    FuzzInputs.handle(SAFE, resigned(request, envelope.getBytes(StandardCharsets.UTF_8), true),
        FuzzInputs.text(data));
  }

  /**
   * The request with correct {@code signature} (and {@code msg_signature} over the body's
   * Encrypt) for its own timestamp and nonce; unchanged when its URL cannot be read.
   */
  private static CallbackRequest resigned(CallbackRequest request, byte[] body, boolean encrypted) {
    String url = request.url();
    Map<String, List<String>> query;
    try {
      query = Forms.queryOf(url);
    } catch (IllegalArgumentException e) {
      return CallbackRequest.builder("wechat").method(request.method()).url(url).body(body).build();
    }
    String ts = Forms.first(query, "timestamp").orElse("");
    String nonce = Forms.first(query, "nonce").orElse("");
    int q = url.indexOf('?');
    List<String> kept = new ArrayList<>();
    if (q >= 0) {
      for (String pair : url.substring(q + 1).split("&")) {
        if (!pair.startsWith("signature=") && !pair.startsWith("msg_signature=")) {
          kept.add(pair);
        }
      }
    }
    kept.add("signature=" + WxSignatures.sign(TOKEN, ts, nonce));
    if (encrypted) {
      String text = new String(body, StandardCharsets.UTF_8);
      int start = text.indexOf("<![CDATA[", text.indexOf("<Encrypt>")) + 9;
      String encrypt = text.substring(start, text.lastIndexOf("]]>"));
      kept.add("msg_signature=" + WxSignatures.sign(TOKEN, ts, nonce, encrypt));
    }
    String base = q >= 0 ? url.substring(0, q) : url;
    return CallbackRequest.builder("wechat").method(request.method()).url(base + "?" + String.join("&", kept))
        .body(body).build();
  }

  /** The signing targets reach the events: otherwise the fuzzer would only see rejections. */
  @Test
  void signedSeedsAreAccepted() throws IOException {
    for (String seed : new String[] {"template-success", "popup", "sent", "text"}) {
      CallbackRequest request = FuzzInputs.request("wechat", seed("plain", seed));
      assertThat(PLAIN.handle(resigned(request, request.body(), false)).events()).as(seed).isNotEmpty();
      CallbackRequest safeRequest = FuzzInputs.request("wechat", seed("safe", seed));
      String envelope = "<xml>" + WxXml.cdata("Encrypt", CRYPTO.encrypt(safeRequest.bodyText())) + "</xml>";
      assertThat(SAFE.handle(resigned(safeRequest, envelope.getBytes(StandardCharsets.UTF_8), true)).events())
          .as(seed).isNotEmpty();
    }
  }

  private byte[] seed(String method, String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(getClass().getSimpleName() + "Inputs/" + method + "/" + name)) {
      assertThat(in).as("seed %s/%s", method, name).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "plain", 1500, this::plain);
    FuzzInputs.boundedRun(getClass(), "safe", 1000, this::safe);
    FuzzInputs.boundedRun(getClass(), "raw", 300, this::raw);
  }
}
