package io.touchbase.channel.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.spi.channel.CallbackRejectedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The verified vectors of providers.md §4.4, §4.5 and §5, byte for byte, and every rejection. */
class WxCryptoTest {
  static final String ENC_E_ENCRYPT = "D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80"
      + "F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCz"
      + "FhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5Wp"
      + "CDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKN"
      + "BQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==";
  static final String ENC_E_PLAINTEXT = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n"
      + "<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n"
      + "<CreateTime>1715943329</CreateTime>\n"
      + "<MsgType><![CDATA[event]]></MsgType>\n"
      + "<Event><![CDATA[debug_demo]]></Event>\n"
      + "<debug_str><![CDATA[hello world]]></debug_str>\n"
      + "</xml>";
  static final String ZERO_KEY = "A".repeat(43);
  static final String ENC_A_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  @Test
  void urlSignatureVector() {
    assertThat(WxSignatures.sign("AAAAA", "1714037059", "486452656"))
        .isEqualTo("899cf89e464efb63f54ddac96b0a0a235f53aa78");
    // Sorted, not in the given order: the same parts in another order sign alike.
    assertThat(WxSignatures.sign("486452656", "AAAAA", "1714037059"))
        .isEqualTo("899cf89e464efb63f54ddac96b0a0a235f53aa78");
  }

  @Test
  void signatureComparisonIsExact() {
    assertThat(WxSignatures.matches("899cf89e", "899cf89e")).isTrue();
    assertThat(WxSignatures.matches("899cf89e", "899cf89f")).isFalse();
    assertThat(WxSignatures.matches("899cf89e", "899CF89E")).isFalse();
    assertThat(WxSignatures.matches("899cf89e", "")).isFalse();
  }

  @Test
  void encAVectorEncryptsWithTheGivenRandomBytes() {
    WxCrypto crypto = WxCrypto.of(ENC_A_KEY, "wxb11529c136998cb6", WxTests.fixedRandom("aaaabbbbccccdddd"));
    String expected = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
    assertThat(crypto.encrypt("我是中文abcd123", "aaaabbbbccccdddd".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(expected);
    assertThat(crypto.encrypt("我是中文abcd123")).as("random bytes from the injected source").isEqualTo(expected);
    assertThat(crypto.decrypt(expected)).isEqualTo("我是中文abcd123");
  }

  @Test
  void encEVectorVerifiesAndDecryptsToTheExactEventXml() {
    assertThat(WxSignatures.sign("AAAAA", "1715943329", "1590219412", ENC_E_ENCRYPT))
        .isEqualTo("6c12a4205838198b8fa631b3220723bb07f1015c");
    WxEnvelope envelope =
        new WxEnvelope("AAAAA", WxCrypto.of(ZERO_KEY, "wx134c8103faa5a59e", WxTests.fixedRandom("x")));
    String plain = envelope.open("6c12a4205838198b8fa631b3220723bb07f1015c", "1715943329", "1590219412", ENC_E_ENCRYPT);
    assertThat(plain).isEqualTo(ENC_E_PLAINTEXT);
    Element root = WxXml.parse(plain);
    assertThat(WxXml.text(root, "Event")).hasValue("debug_demo");
    assertThat(WxXml.text(root, "debug_str")).hasValue("hello world");
  }

  @Test
  void wecomUrlVectorVerifiesTheEchoAndChecksTheCorpId() {
    String echostr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    String key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    assertThat(WxSignatures.sign("QDG6eK", "1409659589", "263014780", echostr))
        .isEqualTo("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
    WxEnvelope corp = new WxEnvelope("QDG6eK", WxCrypto.of(key, "wx5823bf96d3bd56c7", WxTests.fixedRandom("x")));
    assertThat(corp.open("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", echostr))
        .isEqualTo("1616140317555161061");

    WxEnvelope otherCorp = new WxEnvelope("QDG6eK", WxCrypto.of(key, "wx5823bf96d3bd56c8", WxTests.fixedRandom("x")));
    assertThatThrownBy(() -> otherCorp.open("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780",
        echostr))
        .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("receiveid");
    assertThatThrownBy(() -> corp.open("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4", "1409659589", "263014780",
        echostr))
        .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("msg_signature");
    assertThatThrownBy(() -> corp.open("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659590", "263014780",
        echostr))
        .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("msg_signature");
  }

  @Test
  void encryptedReplyRoundTrips() {
    WxEnvelope envelope = new WxEnvelope("reply-token",
        WxCrypto.of(ENC_A_KEY, "wx-app-1", WxTests.fixedRandom("0123456789abcdef")));
    String reply = envelope.seal("<xml><Content><![CDATA[收到 ok]]></Content></xml>", 1714037059L, "nonce-1");

    Element root = WxXml.parse(reply);
    String encrypt = WxEnvelope.encryptOf(root);
    assertThat(WxXml.text(root, "TimeStamp")).hasValue("1714037059");
    assertThat(WxXml.text(root, "Nonce")).hasValue("nonce-1");
    assertThat(WxXml.text(root, "MsgSignature"))
        .hasValue(WxSignatures.sign("reply-token", "1714037059", "nonce-1", encrypt));
    assertThat(envelope.open(WxXml.text(root, "MsgSignature").orElseThrow(), "1714037059", "nonce-1", encrypt))
        .isEqualTo("<xml><Content><![CDATA[收到 ok]]></Content></xml>");
    assertThat(reply).startsWith("<xml><Encrypt><![CDATA[").contains("<TimeStamp>1714037059</TimeStamp>");
  }

  @Test
  void paddingIsToWholeBlocksOf32IncludingAFullBlock() {
    WxCrypto crypto = WxCrypto.of(ZERO_KEY, "wx1", WxTests.fixedRandom("r"));
    for (int n = 0; n < 70; n++) {
      String msg = "m".repeat(n);
      byte[] data = Base64.getDecoder().decode(crypto.encrypt(msg));
      assertThat(data.length % 32).isZero();
      int expectedPad = 32 - (20 + n + 3) % 32;
      assertThat(data.length).isEqualTo(20 + n + 3 + expectedPad);
      assertThat(crypto.decrypt(Base64.getEncoder().encodeToString(data))).isEqualTo(msg);
    }
  }

  @Test
  void badPaddingIsRejected() {
    byte[] plain = body("hello", "wx1", 0);
    // Padding bytes that disagree: last byte says 4, the one before is not 4.
    plain[plain.length - 1] = 4;
    plain[plain.length - 2] = 5;
    assertRejected(raw(plain), "padding");
    byte[] zero = body("hello", "wx1", 0);
    zero[zero.length - 1] = 0;
    assertRejected(raw(zero), "padding");
    byte[] tooMuch = body("hello", "wx1", 0);
    tooMuch[tooMuch.length - 1] = 33;
    assertRejected(raw(tooMuch), "padding");
  }

  @Test
  void lengthBeyondTheEndIsRejected() {
    byte[] plain = body("hello", "wx1", 0);
    ByteBuffer.wrap(plain).putInt(16, 1000);
    assertRejected(raw(plain), "length");
    ByteBuffer.wrap(plain).putInt(16, -1);
    assertRejected(raw(plain), "length");
  }

  @Test
  void wrongReceiveIdWrongKeyAndGarbageAreRejected() {
    WxCrypto app1 = WxCrypto.of(ZERO_KEY, "wx-app-1", WxTests.fixedRandom("r"));
    String forApp1 = app1.encrypt("<xml/>");
    assertThatThrownBy(() -> WxCrypto.of(ZERO_KEY, "wx-app-2", WxTests.fixedRandom("r")).decrypt(forApp1))
        .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("receiveid")
        .extracting(e -> ((CallbackRejectedException) e).status()).isEqualTo(401);
    assertThatThrownBy(() -> WxCrypto.of(ENC_A_KEY, "wx-app-1", WxTests.fixedRandom("r")).decrypt(forApp1))
        .isInstanceOf(CallbackRejectedException.class);
    assertRejected("not base64!", "Base64");
    assertRejected("", "blocks");
    assertRejected(Base64.getEncoder().encodeToString(new byte[16]), "blocks");
    assertRejected(raw(new byte[32]), "padding");
  }

  @Test
  void messageThatIsNotUtf8IsRejected() {
    byte[] plain = body("ab", "wx1", 0);
    plain[20] = (byte) 0xC3; // a lead byte followed by ASCII
    assertRejected(raw(plain), "UTF-8");
  }

  @Test
  void keyMustBe43Base64CharactersAndIsNeverShown() {
    String secretish = "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"; // 41 characters
    assertThatThrownBy(() -> WxCrypto.of(secretish, "wx1", WxTests.fixedRandom("r")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("43").hasMessageNotContaining(secretish);
    String badChar = "A".repeat(42) + "=";
    assertThatThrownBy(() -> WxCrypto.of(badChar, "wx1", WxTests.fixedRandom("r")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(badChar);
    assertThat(WxCrypto.of(ENC_A_KEY, "wx1", WxTests.fixedRandom("r")).toString()).doesNotContain(ENC_A_KEY);
  }

  private static void assertRejected(String encrypt, String why) {
    assertThatThrownBy(() -> WxCrypto.of(ZERO_KEY, "wx1", WxTests.fixedRandom("r")).decrypt(encrypt))
        .isInstanceOf(CallbackRejectedException.class).hasMessageContaining(why);
  }

  /** A well-formed plaintext for the zero key, padded, that a test can then spoil. */
  private static byte[] body(String msg, String receiveId, int extra) {
    byte[] m = msg.getBytes(StandardCharsets.UTF_8);
    byte[] id = receiveId.getBytes(StandardCharsets.UTF_8);
    int length = 20 + m.length + id.length + extra;
    int pad = 32 - length % 32;
    ByteBuffer b = ByteBuffer.allocate(length + pad);
    b.put(new byte[16]).putInt(m.length).put(m).put(id).put(new byte[extra]);
    while (b.hasRemaining()) {
      b.put((byte) pad);
    }
    return b.array();
  }

  /** Encrypts whole blocks as they are, with the zero key. */
  static String raw(byte[] plain) {
    try {
      byte[] key = new byte[32];
      Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
      return Base64.getEncoder().encodeToString(c.doFinal(plain));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
