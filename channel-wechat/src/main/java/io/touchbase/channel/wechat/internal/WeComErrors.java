package io.touchbase.channel.wechat.internal;

import io.touchbase.channel.support.ProviderText;
import io.touchbase.spi.channel.ChannelException;
import java.util.Set;

/**
 * What a WeCom {@code errcode} means for the engine (providers.md §5). The provider code kept on
 * the exception is the errcode as text, e.g. {@code 81013}. Messages name the setting or secret to
 * fix and carry WeCom's {@code errmsg} redacted; never a token or secret. Stateless.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeComErrors {
  static final int OK = 0;
  static final int BUSY = -1;
  static final int FREQUENCY = 45009;
  static final int ALL_RECIPIENTS_INVALID = 81013;
  /** Invalid (40014) or expired (42001) access token: fetch a new one and retry once. */
  static final Set<Integer> TOKEN_REJECTED = Set.of(40014, 42001);

  private WeComErrors() {}

  static boolean tokenRejected(int code) {
    return TOKEN_REJECTED.contains(code);
  }

  /**
   * The exception for a non-zero errcode.
   *
   * @param what the call, for messages, e.g. {@code message/send} or {@code gettoken}
   * @param config the binding, whose setting and secret names the message points at
   */
  static ChannelException toException(int code, String errmsg, String what, WeComApi.Config config) {
    String c = Integer.toString(code);
    String detail = " (" + c + ": " + ProviderText.redact(errmsg) + ")";
    String prefix = "WeCom refused " + what + ": ";
    return switch (code) {
      case BUSY -> ChannelException.retryable(c, prefix + "system busy, try again later" + detail);
      case FREQUENCY -> ChannelException.retryable(c,
          prefix + "API call frequency exceeded, try again later" + detail);
      case 40014, 42001 -> ChannelException.retryable(c,
          prefix + "a freshly fetched access token was rejected too" + detail);
      case 40001 -> ChannelException.permanent(c, prefix + "invalid secret: check secret '" + config.secretName()
          + "' against the WeCom admin console" + detail);
      case 40013 -> ChannelException.permanent(c, prefix + "invalid corp id: check setting 'corpId'" + detail);
      case 301002 -> ChannelException.permanent(c, prefix + "the access token belongs to another app: "
          + config.otherAppHint() + detail);
      case ALL_RECIPIENTS_INVALID -> ChannelException.permanent(c, prefix
          + "the recipient is not a member the app may reach: check the user id and the app's visible range"
          + detail);
      default -> ChannelException.permanent(c, prefix + "error" + detail);
    };
  }
}
