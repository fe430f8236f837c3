package io.touchbase.channel.phone.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures computed the way the provider reference describes them, written apart from
 * channel-support so that tests check the requests against a second implementation. {@link
 * SigningTest} pins this class to the reference's verified vectors.
 */
final class Signing {
  private Signing() {}

  /** Aliyun V3 {@code Authorization} for a request with an empty body. */
  static String acs3Authorization(
      String method, String canonicalQuery, Map<String, String> headers, String accessKeyId, String secret) {
    Map<String, String> sorted = new TreeMap<>(headers);
    String canonicalHeaders =
        sorted.entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue().strip() + "\n")
            .collect(Collectors.joining());
    String signedHeaders = String.join(";", sorted.keySet());
    String canonicalRequest =
        method + "\n/\n" + canonicalQuery + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + sha256Hex("");
    String stringToSign = "ACS3-HMAC-SHA256\n" + sha256Hex(canonicalRequest);
    String signature = HexFormat.of().formatHex(hmac("HmacSHA256", secret, stringToSign));
    return "ACS3-HMAC-SHA256 Credential=" + accessKeyId + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature;
  }

  /** Twilio's {@code X-Twilio-Signature} of a form POST. */
  static String twilio(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, data.toString()));
  }

  static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] hmac(String algorithm, String key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
