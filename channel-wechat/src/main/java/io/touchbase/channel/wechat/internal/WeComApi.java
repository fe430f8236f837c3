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
 * Calls the WeCom API as one app or as the customer-contact secret, with an access token from
 * {@link SharedTokens} (key {@code wecom:<corpId>:<agentId or "contact">}: each secret has its own
 * token, providers.md §5). Tokens come from {@code GET /cgi-bin/gettoken}, which returns the same
 * token while it is valid, so instances sharing it never invalidate each other. A call answered
 * 40014 or 42001 gets a new token through {@link SharedTokens#replace} and is made once more; a
 * second rejection fails. JSON goes out as UTF-8 with non-ASCII characters raw, whatever the
 * shared mapper's settings. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeComApi {
  static final String TOKEN_PATH = "cgi-bin/gettoken";
  private static final Logger LOG = LoggerFactory.getLogger(WeComApi.class);

  private final String channel;
  private final String providerId;
  private final OkHttpClient client;
  private final ObjectMapper mapper;
  private final ObjectWriter writer;
  private final Config config;
  private final SharedTokens tokens;
  private final Clock clock;

  WeComApi(String channel, String providerId, OkHttpClient client, ObjectMapper mapper, Config config,
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

  /** The key of this secret's token in the shared store. */
  String tokenKey() {
    return "wecom:" + config.corpId() + ":" + config.tokenScope();
  }

  Config config() {
    return config;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /**
   * POSTs {@code body} to {@code path} with the access token and returns the answer, whose errcode
   * was 0.
   *
   * @param what the call, for messages
   * @param mayHaveSent whether a lost answer may mean the call took effect (a send), so that an
   *     I/O failure after the request was written is reported as outcome unknown; otherwise (a
   *     query) every such failure is plainly retryable
   * @throws ChannelException for a non-zero errcode, an HTTP error or an I/O failure
   */
  JsonNode post(String path, ObjectNode body, String what, boolean mayHaveSent) {
    byte[] bytes = bytes(body);
    JsonNode answer = WxApiCalls.withToken(tokens, tokenKey(), this::fetchToken, WeComErrors::tokenRejected,
        code -> LOG.debug("Channel '{}' ({}): access token rejected with {}, replacing it and calling again",
            channel, providerId, code),
        token -> call(path, token, bytes, mayHaveSent));
    int code = WxApiCalls.errcode(answer);
    if (code != WeComErrors.OK) {
      throw WeComErrors.toException(code, Json.text(answer, "errmsg").orElse(""), what, config);
    }
    return answer;
  }

  /** The JSON bytes exactly as {@link #post} sends them. */
  byte[] bytes(ObjectNode body) {
    return WxApiCalls.bytes(writer, body);
  }

  private JsonNode call(String path, String token, byte[] body, boolean mayHaveSent) {
    Request request = new Request.Builder()
        .url(config.baseUrl().newBuilder().addPathSegments(path).addQueryParameter("access_token", token).build())
        .post(RequestBody.create(body, WxApiCalls.JSON))
        .build();
    HttpCalls.HttpResult result;
    try {
      result = HttpCalls.execute(client, request, providerId);
    } catch (ChannelException e) {
      if (mayHaveSent) {
        throw e;
      }
      throw ChannelException.retryable(e.providerCode(), "WeCom " + path + ": " + e.getMessage(), e);
    }
    if (result.status() >= 500) {
      String message = "WeCom answered HTTP " + result.status() + " to " + path;
      // Sends are not idempotent: a server error may follow an accepted message.
      throw mayHaveSent
          ? ChannelException.outcomeUnknown("http-" + result.status(), message, null)
          : ChannelException.retryable("http-" + result.status(), message);
    }
    if (!result.isSuccessful()) {
      throw ChannelException.permanent("http-" + result.status(), "WeCom answered HTTP " + result.status()
          + " to " + path + ": check setting 'baseUrl'");
    }
    JsonNode answer = Json.objectOrEmpty(mapper, result.body());
    if (answer.isEmpty()) {
      String message = "WeCom answered " + path + " without JSON";
      throw mayHaveSent
          ? ChannelException.outcomeUnknown("malformed-response", message, null)
          : ChannelException.retryable("malformed-response", message);
    }
    return answer;
  }

  /**
   * A token from {@code gettoken}. Asking for one sends nothing to anyone, so every failure to
   * get one is retryable or a configuration error, never "may have been sent".
   */
  SharedTokens.IssuedToken fetchToken() {
    Request request = new Request.Builder()
        .url(config.baseUrl().newBuilder().addPathSegments(TOKEN_PATH)
            .addQueryParameter("corpid", config.corpId())
            .addQueryParameter("corpsecret", config.secret())
            .build())
        .get()
        .build();
    JsonNode answer = WxApiCalls.tokenAnswer(client, mapper, request, providerId, "WeCom gettoken");
    int code = WxApiCalls.errcode(answer);
    Instant now = clock.instant();
    if (code != WeComErrors.OK) {
      throw WeComErrors.toException(code, Json.text(answer, "errmsg").orElse(""), "gettoken", config);
    }
    SharedTokens.IssuedToken token = WxApiCalls.issuedToken(answer, now, "WeCom gettoken");
    LOG.debug("Channel '{}' ({}): fetched an access token valid until {}", channel, providerId, token.expiresAt());
    return token;
  }

  @Override
  public String toString() {
    return "WeComApi{" + config + "}";
  }

  /**
   * Where and as whom to call. {@link #toString()} omits the secret.
   *
   * @param baseUrl the API host, {@code https://qyapi.weixin.qq.com} by default
   * @param corpId the corporation id (企业ID)
   * @param tokenScope the app's agent id, or {@code contact} for the customer-contact secret
   * @param secretName the name of the secret, for messages: {@code agentSecret} or {@code
   *     contactSecret}
   * @param secret the secret
   * @param otherAppHint what to check when WeCom says the token is another app's (301002)
   */
  record Config(HttpUrl baseUrl, String corpId, String tokenScope, String secretName, String secret,
      String otherAppHint) {
    Config {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(corpId, "corpId");
      Objects.requireNonNull(tokenScope, "tokenScope");
      Objects.requireNonNull(secretName, "secretName");
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(otherAppHint, "otherAppHint");
    }

    @Override
    public String toString() {
      return "baseUrl=" + baseUrl + ", corpId=" + corpId + ", token=" + tokenScope;
    }
  }
}
