package io.touchbase.channel.wechat.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.channel.support.Json;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.SharedTokens;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntPredicate;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * What the WeChat and WeCom API clients share: JSON written as raw UTF-8, the {@code errcode}
 * reading, the one retry with a replaced token, and reading a token answer. Both APIs answer
 * errors as HTTP 200 with {@code {"errcode":N,"errmsg":"..."}} and issue tokens as {@code
 * {"access_token":"...","expires_in":7200}} (providers.md §4.1, §5).
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WxApiCalls {
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  static final int OK = 0;

  private WxApiCalls() {}

  /**
   * A writer that leaves non-ASCII characters raw, whatever the shared mapper's settings: WeChat
   * rejects {@code \\u} escapes on some APIs with 40033.
   */
  static ObjectWriter rawUtf8Writer(ObjectMapper mapper) {
    return mapper.writer().without(JsonWriteFeature.ESCAPE_NON_ASCII).without(SerializationFeature.INDENT_OUTPUT);
  }

  static byte[] bytes(ObjectWriter writer, ObjectNode body) {
    try {
      return writer.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** The answer's errcode: {@link #OK} when it carries none, as tokens and some successes do. */
  static int errcode(JsonNode answer) {
    JsonNode code = answer.path("errcode");
    if (code.isMissingNode() || code.isNull()) {
      return OK;
    }
    if (code.canConvertToInt()) {
      return code.asInt();
    }
    try {
      return Integer.parseInt(code.asText().strip());
    } catch (NumberFormatException e) {
      return Integer.MIN_VALUE; // an unknown error, reported with its errmsg
    }
  }

  /**
   * Makes {@code call} with the shared token; when the answer says the token was rejected, gets a
   * replacement through {@link SharedTokens#replace} and makes the call once more.
   *
   * @param onReplace told the rejecting errcode, for the log
   */
  static JsonNode withToken(SharedTokens tokens, String key, SharedTokens.TokenSource source,
      IntPredicate rejected, java.util.function.IntConsumer onReplace, Function<String, JsonNode> call) {
    String token = tokens.token(key, source);
    JsonNode answer = call.apply(token);
    int code = errcode(answer);
    if (rejected.test(code)) {
      onReplace.accept(code);
      answer = call.apply(tokens.replace(key, token, source));
    }
    return answer;
  }

  /**
   * Runs a token request and returns its JSON answer. Asking for a token sends nothing to anyone,
   * so every failure is retryable or a configuration error, never "may have been sent".
   *
   * @param what the call for messages, e.g. {@code WeChat stable_token}
   */
  static JsonNode tokenAnswer(OkHttpClient client, ObjectMapper mapper, Request request, String providerId,
      String what) {
    HttpCalls.HttpResult result;
    try {
      result = HttpCalls.execute(client, request, providerId);
    } catch (ChannelException e) {
      throw ChannelException.retryable(e.providerCode(), what + ": " + e.getMessage(), e);
    }
    if (result.status() >= 500 || result.status() == 429) {
      throw ChannelException.retryable("http-" + result.status(), what + " answered HTTP " + result.status());
    }
    if (!result.isSuccessful()) {
      throw ChannelException.permanent("http-" + result.status(),
          what + " answered HTTP " + result.status() + ": check setting 'baseUrl'");
    }
    return Json.objectOrEmpty(mapper, result.body());
  }

  /** The token of an answer whose errcode was {@link #OK}, expiring {@code expires_in} after {@code now}. */
  static SharedTokens.IssuedToken issuedToken(JsonNode answer, Instant now, String what) {
    Optional<String> token = Json.nonBlankText(answer, "access_token");
    long expiresIn = answer.path("expires_in").asLong(0);
    if (token.isEmpty() || expiresIn <= 0 || token.get().length() > 2048) {
      throw ChannelException.retryable("malformed-token-response",
          what + " answered without a usable access_token and expires_in");
    }
    return new SharedTokens.IssuedToken(token.get(), now.plusSeconds(expiresIn));
  }
}
