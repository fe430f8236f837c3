package io.touchbase.channel.wechat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchbase.channel.support.HttpCalls;
import io.touchbase.channel.support.Json;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.SharedTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the Official Account API of one app with an access token from {@link SharedTokens}, so
 * that every engine instance uses the one token the database holds (key {@code wechat:<appId>}).
 * Tokens come from {@code POST /cgi-bin/stable_token} with {@code force_refresh:false}, which
 * returns the same token while it is valid and never invalidates another caller's (providers.md
 * §4.1). A call answered 40001, 40014 or 42001 gets a new token through {@link
 * SharedTokens#replace} and is made once more; a second rejection fails. JSON is sent as UTF-8 with
 * non-ASCII characters raw (WeChat rejects {@code \\u} escapes on some APIs with 40033), whatever
 * the shared mapper's settings. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeChatApi {
  static final String TOKEN_PATH = "cgi-bin/stable_token";
  private static final Logger LOG = LoggerFactory.getLogger(WeChatApi.class);

  private final String channel;
  private final String providerId;
  private final OkHttpClient client;
  private final ObjectMapper mapper;
  private final ObjectWriter writer;
  private final Config config;
  private final SharedTokens tokens;
  private final Clock clock;

  WeChatApi(String channel, String providerId, OkHttpClient client, ObjectMapper mapper, Config config,
      SharedTokens tokens, Clock clock) {
    this.channel = channel;
    this.providerId = providerId;
    this.client = client;
    this.mapper = mapper;
    this.writer = WxApiCalls.rawUtf8Writer(mapper);
    this.config = config;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** The key of this app's token in the shared store. */
  String tokenKey() {
    return "wechat:" + config.appId();
  }

  /**
   * POSTs {@code body} to {@code path} with the app's access token and returns the answer, whose
   * errcode was 0 (or absent).
   *
   * @param what the call, for messages
   * @throws ChannelException for a non-zero errcode, an HTTP error or an I/O failure
   */
  JsonNode post(String path, ObjectNode body, String what) {
    byte[] bytes = bytes(body);
    JsonNode answer = WxApiCalls.withToken(tokens, tokenKey(), this::fetchToken, WeChatErrors::tokenRejected,
        code -> LOG.debug("Channel '{}' ({}): access token rejected with {}, replacing it and calling again",
            channel, providerId, code),
        token -> call(path, token, bytes));
    int code = WxApiCalls.errcode(answer);
    if (code != WeChatErrors.OK) {
      throw WeChatErrors.toException(code, Json.text(answer, "errmsg").orElse(""), what, clock.instant());
    }
    return answer;
  }

  /** The JSON bytes exactly as {@link #post} sends them. */
  byte[] bytes(ObjectNode body) {
    return WxApiCalls.bytes(writer, body);
  }

  private JsonNode call(String path, String token, byte[] body) {
    Request request = new Request.Builder()
        .url(config.baseUrl().newBuilder().addPathSegments(path).addQueryParameter("access_token", token).build())
        .post(RequestBody.create(body, WxApiCalls.JSON))
        .build();
    HttpCalls.HttpResult result = HttpCalls.execute(client, request, providerId);
    if (result.status() >= 500) {
      // Sends are not idempotent: a server error may follow an accepted message.
      throw ChannelException.outcomeUnknown(
          "http-" + result.status(), "WeChat answered HTTP " + result.status() + " to " + path, null);
    }
    if (!result.isSuccessful()) {
      throw ChannelException.permanent("http-" + result.status(), "WeChat answered HTTP " + result.status()
          + " to " + path + ": check setting 'baseUrl'");
    }
    JsonNode answer = Json.objectOrEmpty(mapper, result.body());
    if (answer.isEmpty()) {
      throw ChannelException.outcomeUnknown("malformed-response", "WeChat answered " + path + " without JSON", null);
    }
    return answer;
  }

  /**
   * A token from {@code stable_token}. Asking for one sends nothing to anyone, so every failure
   * to get one is retryable or a configuration error, never "may have been sent".
   */
  SharedTokens.IssuedToken fetchToken() {
    ObjectNode body = mapper.createObjectNode()
        .put("grant_type", "client_credential")
        .put("appid", config.appId())
        .put("secret", config.appSecret())
        .put("force_refresh", false);
    Request request = new Request.Builder()
        .url(config.baseUrl().newBuilder().addPathSegments(TOKEN_PATH).build())
        .post(RequestBody.create(bytes(body), WxApiCalls.JSON))
        .build();
    JsonNode answer = WxApiCalls.tokenAnswer(client, mapper, request, providerId, "WeChat stable_token");
    int code = WxApiCalls.errcode(answer);
    Instant now = clock.instant();
    if (code != WeChatErrors.OK) {
      throw WeChatErrors.toException(code, Json.text(answer, "errmsg").orElse(""), "stable_token", now);
    }
    SharedTokens.IssuedToken token = WxApiCalls.issuedToken(answer, now, "WeChat stable_token");
    LOG.debug("Channel '{}' ({}): fetched an access token valid until {}", channel, providerId, token.expiresAt());
    return token;
  }

  @Override
  public String toString() {
    return "WeChatApi{" + config + "}";
  }

  /**
   * Where and as whom to call. {@link #toString()} omits the secret.
   *
   * @param baseUrl the API host, {@code https://api.weixin.qq.com} by default
   * @param appId the Official Account's app id
   * @param appSecret its AppSecret
   */
  record Config(HttpUrl baseUrl, String appId, String appSecret) {
    Config {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(appId, "appId");
      Objects.requireNonNull(appSecret, "appSecret");
    }

    @Override
    public String toString() {
      return "baseUrl=" + baseUrl + ", appId=" + appId;
    }
  }
}
