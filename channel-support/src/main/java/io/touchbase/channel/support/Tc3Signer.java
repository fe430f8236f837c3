package io.touchbase.channel.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * Signs Tencent Cloud API 3.0 requests with {@code TC3-HMAC-SHA256} for POST requests to path
 * {@code /} with headers {@code content-type} and {@code host} signed. Pure functions, checked
 * against the published vector. Stateless and thread-safe.
 */
public final class Tc3Signer {
  /** The algorithm name, first word of the {@code Authorization} header. */
  public static final String ALGORITHM = "TC3-HMAC-SHA256";

  private static final String SIGNED_HEADERS = "content-type;host";

  private Tc3Signer() {}

  /**
   * The {@code Authorization} header value.
   *
   * @param secretId the SecretId, shown in the header
   * @param secretKey the SecretKey
   * @param service the product, e.g. {@code sms}
   * @param host the Host header sent, e.g. {@code sms.tencentcloudapi.com}
   * @param contentType the Content-Type exactly as sent, e.g. {@code application/json; charset=utf-8}
   * @param timestampSeconds the {@code X-TC-Timestamp} sent; its UTC date is the credential scope
   * @param body the exact body bytes sent
   */
  public static String authorization(
      String secretId,
      String secretKey,
      String service,
      String host,
      String contentType,
      long timestampSeconds,
      byte[] body) {
    Objects.requireNonNull(secretId, "secretId");
    String date = scopeDate(timestampSeconds);
    String signature = signature(secretKey, service, host, contentType, timestampSeconds, body);
    return ALGORITHM
        + " Credential="
        + secretId
        + "/"
        + date
        + "/"
        + service
        + "/tc3_request, SignedHeaders="
        + SIGNED_HEADERS
        + ", Signature="
        + signature;
  }

  /** The hex signature. */
  public static String signature(
      String secretKey, String service, String host, String contentType, long timestampSeconds, byte[] body) {
    Objects.requireNonNull(secretKey, "secretKey");
    String date = scopeDate(timestampSeconds);
    byte[] kDate = Crypto.hmacSha256(Crypto.utf8("TC3" + secretKey), date);
    byte[] kService = Crypto.hmacSha256(kDate, service);
    byte[] kSigning = Crypto.hmacSha256(kService, "tc3_request");
    String toSign = stringToSign(service, host, contentType, timestampSeconds, body);
    return Crypto.hex(Crypto.hmacSha256(kSigning, toSign));
  }

  /** The canonical request of a POST to {@code /} without query. */
  public static String canonicalRequest(String host, String contentType, byte[] body) {
    Objects.requireNonNull(body, "body");
    String canonicalHeaders =
        "content-type:"
            + contentType.strip().toLowerCase(Locale.ROOT)
            + "\nhost:"
            + host.strip().toLowerCase(Locale.ROOT)
            + "\n";
    return "POST\n/\n\n" + canonicalHeaders + "\n" + SIGNED_HEADERS + "\n" + Crypto.sha256Hex(body);
  }

  /** The string to sign. */
  public static String stringToSign(
      String service, String host, String contentType, long timestampSeconds, byte[] body) {
    return ALGORITHM
        + "\n"
        + timestampSeconds
        + "\n"
        + scopeDate(timestampSeconds)
        + "/"
        + service
        + "/tc3_request\n"
        + Crypto.sha256Hex(canonicalRequest(host, contentType, body));
  }

  /** The credential scope date: the UTC date of the timestamp (not the local one). */
  public static String scopeDate(long timestampSeconds) {
    return LocalDate.ofInstant(Instant.ofEpochSecond(timestampSeconds), ZoneOffset.UTC).toString();
  }
}
