package io.touchbase.channel.wechat.internal;

import io.touchbase.spi.channel.CallbackRejectedException;
import java.util.Objects;
import org.w3c.dom.Element;

/**
 * Opens and seals the encrypted messages of WeChat's safe mode and of WeCom (providers.md §4.5):
 * a message signature {@code hex(SHA1(sort([token, timestamp, nonce, Encrypt])))} over the
 * ciphertext, checked before decryption, and the reply envelope {@code <xml><Encrypt/>
 * <MsgSignature/><TimeStamp/><Nonce/></xml>}. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WxEnvelope {
  private final String token;
  private final WxCrypto crypto;

  WxEnvelope(String token, WxCrypto crypto) {
    this.token = Objects.requireNonNull(token, "token");
    this.crypto = Objects.requireNonNull(crypto, "crypto");
  }

  /**
   * The message inside {@code encrypt}, after checking {@code msgSignature} and decrypting.
   *
   * @throws CallbackRejectedException (401) when the signature does not match or decryption
   *     fails its checks
   */
  String open(String msgSignature, String timestamp, String nonce, String encrypt) {
    String expected = WxSignatures.sign(token, timestamp, nonce, encrypt);
    if (!WxSignatures.matches(expected, msgSignature)) {
      throw CallbackRejectedException.unverified("msg_signature does not match: wrong token or forged push");
    }
    return crypto.decrypt(encrypt);
  }

  /** The Encrypt text of an envelope body ({@code <xml><Encrypt>…</Encrypt>…</xml>}). */
  static String encryptOf(Element envelope) {
    return WxXml.nonBlank(envelope, "Encrypt")
        .orElseThrow(() -> CallbackRejectedException.malformed("encrypted push has no Encrypt element"));
  }

  /**
   * An encrypted reply to a push: {@code message} encrypted, signed with {@code timestamp} and
   * {@code nonce}, in the reply envelope.
   */
  String seal(String message, long timestamp, String nonce) {
    String encrypt = crypto.encrypt(message);
    String time = Long.toString(timestamp);
    String signature = WxSignatures.sign(token, time, nonce, encrypt);
    return "<xml>" + WxXml.cdata("Encrypt", encrypt) + WxXml.cdata("MsgSignature", signature)
        + "<TimeStamp>" + time + "</TimeStamp>" + WxXml.cdata("Nonce", nonce) + "</xml>";
  }

  @Override
  public String toString() {
    return "WxEnvelope{" + crypto + "}";
  }
}
