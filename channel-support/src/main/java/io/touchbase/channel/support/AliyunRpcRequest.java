package io.touchbase.channel.support;

import io.touchbase.api.ConfigurationException;
import io.touchbase.spi.channel.ChannelSettings;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Builds signed OkHttp requests for Alibaba Cloud RPC actions (SendSms, SingleCallByTts ...) the
 * way the official SDK sends them: POST, every parameter in the query string, an empty body.
 * Signed with V3 ({@code ACS3-HMAC-SHA256}, the default) or V2 ({@code HMAC-SHA1}). One instance
 * per configured channel; immutable and thread-safe. {@link #toString()} shows no secret.
 *
 * <pre>{@code
 * AliyunRpcRequest rpc = AliyunRpcRequest.builder()
 *     .endpoint("https://dysmsapi.aliyuncs.com")
 *     .accessKeyId(id).accessKeySecret(secret)
 *     .clock(context.clock())
 *     .build();
 * Request request = rpc.newRequest("SendSms", "2017-05-25", params);
 * }</pre>
 */
public final class AliyunRpcRequest {
  /** The setting that chooses the signature version: {@code ACS3} (default) or {@code V2}. */
  public static final String SIGNATURE_VERSION_SETTING = "signatureVersion";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final RequestBody EMPTY_BODY = RequestBody.create(new byte[0], null);

  private final HttpUrl endpoint;
  private final String accessKeyId;
  private final String accessKeySecret;
  private final Clock clock;
  private final Supplier<String> nonceSupplier;
  private final SignatureVersion signatureVersion;
  private final String regionId;

  private AliyunRpcRequest(Builder b) {
    this.endpoint = Objects.requireNonNull(b.endpoint, "endpoint");
    this.accessKeyId = Objects.requireNonNull(b.accessKeyId, "accessKeyId");
    this.accessKeySecret = Objects.requireNonNull(b.accessKeySecret, "accessKeySecret");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.nonceSupplier = b.nonceSupplier;
    this.signatureVersion = b.signatureVersion;
    this.regionId = b.regionId;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The signature version these requests use. */
  public SignatureVersion signatureVersion() {
    return signatureVersion;
  }

  /**
   * A signed request for one action.
   *
   * @param action the API action, e.g. {@code SendSms}
   * @param version the API version, e.g. {@code 2017-05-25}
   * @param apiParams the action's parameters (not the common ones, which are added here)
   */
  public Request newRequest(String action, String version, Map<String, String> apiParams) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(apiParams, "apiParams");
    String timestamp = TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    String nonce = Objects.requireNonNull(nonceSupplier.get(), "nonce");
    return signatureVersion == SignatureVersion.V2
        ? signedV2(action, version, apiParams, timestamp, nonce)
        : signedV3(action, version, apiParams, timestamp, nonce);
  }

  private Request signedV2(
      String action, String version, Map<String, String> apiParams, String timestamp, String nonce) {
    Map<String, String> params = new TreeMap<>(apiParams);
    params.put("AccessKeyId", accessKeyId);
    params.put("Action", action);
    params.put("Format", "JSON");
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureNonce", nonce);
    params.put("SignatureVersion", "1.0");
    params.put("Timestamp", timestamp);
    params.put("Version", version);
    if (regionId != null) {
      // RegionId is a documented V2 common parameter; V3 carries the region in the host.
      params.put("RegionId", regionId);
    }
    String signature = AliyunSigner.signV2("POST", params, accessKeySecret);
    HttpUrl url =
        endpoint.newBuilder()
            .encodedQuery(AliyunSigner.canonicalQuery(params) + "&Signature=" + AliyunSigner.percentEncode(signature))
            .build();
    return new Request.Builder().url(url).header("Host", hostHeader(url)).post(EMPTY_BODY).build();
  }

  private Request signedV3(
      String action, String version, Map<String, String> apiParams, String timestamp, String nonce) {
    HttpUrl url = endpoint.newBuilder().encodedQuery(emptyToNull(AliyunSigner.canonicalQuery(apiParams))).build();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", hostHeader(url));
    headers.put("x-acs-action", action);
    headers.put("x-acs-version", version);
    headers.put("x-acs-date", timestamp);
    headers.put("x-acs-signature-nonce", nonce);
    headers.put("x-acs-content-sha256", AliyunSigner.EMPTY_PAYLOAD_SHA256);
    String authorization =
        AliyunSigner.authorizationV3(
            "POST", canonicalUri(url), apiParams, headers, AliyunSigner.EMPTY_PAYLOAD_SHA256, accessKeyId,
            accessKeySecret);
    Request.Builder request = new Request.Builder().url(url);
    headers.forEach(request::header);
    return request.header("Authorization", authorization).post(EMPTY_BODY).build();
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static String canonicalUri(HttpUrl url) {
    String path = url.encodedPath();
    return path.isEmpty() ? "/" : path;
  }

  /**
   * The Host header exactly as OkHttp would send it; set explicitly so that what is signed is
   * what is sent.
   */
  static String hostHeader(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  @Override
  public String toString() {
    return "AliyunRpcRequest{endpoint=" + endpoint + ", accessKeyId=" + accessKeyId
        + ", signatureVersion=" + signatureVersion + "}";
  }

  /** The signature version of Alibaba Cloud RPC requests. */
  public enum SignatureVersion {
    /** {@code ACS3-HMAC-SHA256} in the {@code Authorization} header; the default. */
    ACS3,
    /** {@code HMAC-SHA1} in the {@code Signature} query parameter. */
    V2;

    /**
     * Reads setting {@value #SIGNATURE_VERSION_SETTING} (case-insensitive); {@link #ACS3} when
     * absent.
     *
     * @throws ConfigurationException naming the setting when the value is neither
     */
    public static SignatureVersion fromSettings(ChannelSettings settings) {
      String value = settings.get(SIGNATURE_VERSION_SETTING).map(String::strip).orElse("ACS3");
      if (value.equalsIgnoreCase("ACS3") || value.equalsIgnoreCase("ACS3-HMAC-SHA256")) {
        return ACS3;
      }
      if (value.equalsIgnoreCase("V2") || value.equalsIgnoreCase("HMAC-SHA1")) {
        return V2;
      }
      throw new ConfigurationException(
          "setting '" + SIGNATURE_VERSION_SETTING + "' must be ACS3 or V2, but was '" + value + "'");
    }
  }

  /** Builds an {@link AliyunRpcRequest}. Not thread-safe. */
  public static final class Builder {
    private HttpUrl endpoint;
    private String accessKeyId;
    private String accessKeySecret;
    private Clock clock = Clock.systemUTC();
    private Supplier<String> nonceSupplier = () -> UUID.randomUUID().toString();
    private SignatureVersion signatureVersion = SignatureVersion.ACS3;
    private String regionId;

    private Builder() {}

    /**
     * The base URL, e.g. {@code https://dysmsapi.aliyuncs.com}; its path is the canonical URI.
     *
     * @throws IllegalArgumentException if it is not an http or https URL
     */
    public Builder endpoint(String baseUrl) {
      HttpUrl url = HttpUrl.parse(Objects.requireNonNull(baseUrl, "endpoint"));
      if (url == null) {
        throw new IllegalArgumentException("endpoint must be an http or https URL, but was '" + baseUrl + "'");
      }
      return endpoint(url);
    }

    public Builder endpoint(HttpUrl baseUrl) {
      this.endpoint = Objects.requireNonNull(baseUrl, "endpoint").newBuilder().query(null).build();
      return this;
    }

    public Builder accessKeyId(String accessKeyId) {
      this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
      return this;
    }

    public Builder accessKeySecret(String accessKeySecret) {
      this.accessKeySecret = Objects.requireNonNull(accessKeySecret, "accessKeySecret");
      return this;
    }

    /** The clock for {@code Timestamp} / {@code x-acs-date}. Default: the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Supplies a unique nonce per request. Default: random UUIDs; tests pass fixed values. */
    public Builder nonceSupplier(Supplier<String> nonceSupplier) {
      this.nonceSupplier = Objects.requireNonNull(nonceSupplier, "nonceSupplier");
      return this;
    }

    public Builder signatureVersion(SignatureVersion signatureVersion) {
      this.signatureVersion = Objects.requireNonNull(signatureVersion, "signatureVersion");
      return this;
    }

    /** Adds {@code RegionId} to V2 requests (a V2 common parameter); V3 requests ignore it. */
    public Builder regionId(String regionId) {
      this.regionId = Objects.requireNonNull(regionId, "regionId");
      return this;
    }

    public AliyunRpcRequest build() {
      return new AliyunRpcRequest(this);
    }
  }
}
