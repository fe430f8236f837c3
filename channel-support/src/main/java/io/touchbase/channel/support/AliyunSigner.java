package io.touchbase.channel.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Signs Alibaba Cloud RPC requests: signature V2 ({@code HMAC-SHA1}, key = secret + {@code &})
 * and V3 ({@code ACS3-HMAC-SHA256}). Pure functions, checked against the published vectors.
 * Stateless and thread-safe.
 */
public final class AliyunSigner {
  /** The hex SHA-256 of an empty body, the {@code x-acs-content-sha256} of a body-less request. */
  public static final String EMPTY_PAYLOAD_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** The V3 algorithm name, first word of the {@code Authorization} header. */
  public static final String ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

  private AliyunSigner() {}

  /**
   * RFC 3986 percent-encoding as Alibaba Cloud requires: UTF-8, unreserved characters {@code
   * A-Z a-z 0-9 - _ . ~} kept, everything else {@code %XY} in upper case (space is {@code %20}).
   */
  public static String percentEncode(String value) {
    Objects.requireNonNull(value, "value");
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  /**
   * The canonicalized query string: parameters sorted by name in case-sensitive order, names and
   * values percent-encoded, joined as {@code name=value} with {@code &}. A parameter named {@code
   * Signature} is left out: it is never part of what is signed.
   */
  public static String canonicalQuery(Map<String, String> params) {
    Objects.requireNonNull(params, "params");
    // String's natural order compares UTF-16 units; parameter names are ASCII, where that is byte order.
    StringJoiner joiner = new StringJoiner("&");
    new TreeMap<>(params)
        .forEach(
            (name, value) -> {
              if (!name.equals("Signature")) {
                joiner.add(percentEncode(name) + "=" + percentEncode(Objects.requireNonNull(value, name)));
              }
            });
    return joiner.toString();
  }

  /** The V2 string to sign: {@code METHOD&%2F&enc(canonicalQuery)}. */
  public static String stringToSignV2(String method, Map<String, String> params) {
    return method.toUpperCase(Locale.ROOT)
        + "&"
        + percentEncode("/")
        + "&"
        + percentEncode(canonicalQuery(params));
  }

  /**
   * Signs with V2.
   *
   * @param method the HTTP method; it is part of what is signed
   * @param params every parameter sent, common ones included, {@code Signature} excluded
   * @param accessKeySecret the AccessKey secret; the HMAC key is this secret followed by {@code &}
   * @return the Base64 signature, to be sent percent-encoded as parameter {@code Signature}
   */
  public static String signV2(String method, Map<String, String> params, String accessKeySecret) {
    Objects.requireNonNull(accessKeySecret, "accessKeySecret");
    byte[] mac = Crypto.hmacSha1(Crypto.utf8(accessKeySecret + "&"), stringToSignV2(method, params));
    return Base64.getEncoder().encodeToString(mac);
  }

  /**
   * The V3 canonical request. Headers {@code host}, {@code content-type} and every {@code
   * x-acs-*} header are signed (names lower-cased, values trimmed, sorted); others are ignored.
   */
  public static String canonicalRequestV3(
      String method,
      String canonicalUri,
      Map<String, String> query,
      Map<String, String> headers,
      String hashedPayloadHex) {
    Map<String, String> signed = signedHeaders(headers);
    StringBuilder canonicalHeaders = new StringBuilder();
    signed.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
    return method.toUpperCase(Locale.ROOT)
        + "\n"
        + canonicalUri
        + "\n"
        + canonicalQuery(query)
        + "\n"
        + canonicalHeaders
        + "\n"
        + String.join(";", signed.keySet())
        + "\n"
        + hashedPayloadHex;
  }

  /** The V3 string to sign: the algorithm and the hex SHA-256 of the canonical request. */
  public static String stringToSignV3(String canonicalRequest) {
    return ACS3_ALGORITHM + "\n" + Crypto.sha256Hex(canonicalRequest);
  }

  /**
   * The V3 {@code Authorization} header value.
   *
   * @param method the HTTP method
   * @param canonicalUri the path, {@code /} for RPC actions
   * @param query the query parameters
   * @param headers the headers to sign, including {@code host} and the {@code x-acs-*} headers
   * @param hashedPayloadHex hex SHA-256 of the body ({@link #EMPTY_PAYLOAD_SHA256} for none)
   * @param accessKeyId the AccessKey id, shown in the header
   * @param accessKeySecret the AccessKey secret, used raw as HMAC key (no trailing {@code &})
   */
  public static String authorizationV3(
      String method,
      String canonicalUri,
      Map<String, String> query,
      Map<String, String> headers,
      String hashedPayloadHex,
      String accessKeyId,
      String accessKeySecret) {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(accessKeySecret, "accessKeySecret");
    String canonicalRequest = canonicalRequestV3(method, canonicalUri, query, headers, hashedPayloadHex);
    String signature =
        Crypto.hex(Crypto.hmacSha256(Crypto.utf8(accessKeySecret), stringToSignV3(canonicalRequest)));
    return ACS3_ALGORITHM
        + " Credential="
        + accessKeyId
        + ",SignedHeaders="
        + String.join(";", signedHeaders(headers).keySet())
        + ",Signature="
        + signature;
  }

  private static Map<String, String> signedHeaders(Map<String, String> headers) {
    Map<String, String> signed = new TreeMap<>();
    headers.forEach(
        (name, value) -> {
          String n = name.strip().toLowerCase(Locale.ROOT);
          if (n.equals("host") || n.equals("content-type") || n.startsWith("x-acs-")) {
            signed.put(n, value.strip());
          }
        });
    return signed;
  }
}
