package io.touchbase.channel.wechat.internal;

import io.touchbase.channel.support.ChinaTime;
import io.touchbase.channel.support.ProviderText;
import io.touchbase.channel.support.Windows;
import io.touchbase.spi.channel.ChannelException;
import java.time.Instant;
import java.util.Set;

/**
 * What a WeChat {@code errcode} means for the engine (providers.md §4.1–§4.3). The provider code
 * kept on the exception is the errcode as text, e.g. {@code 43004}. Messages name the setting or
 * console page to fix and carry WeChat's {@code errmsg} redacted; never a token or secret.
 * Stateless.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeChatErrors {
  static final int OK = 0;
  static final int BUSY = -1;
  static final int DAILY_QUOTA = 45009;
  static final int USER_REFUSED_SUBSCRIPTION = 43101;
  /** Invalid or not latest (40001), invalid (40014), expired (42001): refresh and retry once. */
  static final Set<Integer> TOKEN_REJECTED = Set.of(40001, 40014, 42001);

  private WeChatErrors() {}

  static boolean tokenRejected(int code) {
    return TOKEN_REJECTED.contains(code);
  }

  /**
   * The exception for a non-zero errcode.
   *
   * @param what the call, for messages, e.g. {@code template 'renewal-1'} or {@code stable_token}
   */
  static ChannelException toException(int code, String errmsg, String what, Instant now) {
    String c = Integer.toString(code);
    String detail = " (" + c + ": " + ProviderText.redact(errmsg) + ")";
    String prefix = "WeChat refused " + what + ": ";
    return switch (code) {
      case BUSY -> ChannelException.retryable(c, prefix + "system busy, try again later" + detail);
      case DAILY_QUOTA -> ChannelException.deferUntil(c,
          prefix + "the account's daily quota for this API is used up; retrying after midnight China time" + detail,
          Windows.nextDay(now, ChinaTime.ZONE));
      case 40001, 40014, 42001 -> ChannelException.retryable(c,
          prefix + "a freshly fetched access token was rejected too; is another system force-refreshing the "
              + "stable token of this app?" + detail);
      case 40013 -> ChannelException.permanent(c, prefix + "invalid app id: check setting 'appId'" + detail);
      case 40125 -> ChannelException.permanent(c, prefix + "invalid app secret: check secret 'appSecret' against "
          + "the Official Account console (设置与开发 > 基本配置 > 开发者密码 AppSecret)" + detail);
      case 40164 -> ChannelException.permanent(c, prefix + "this server's IP address is not allow-listed: add it "
          + "in the Official Account console (设置与开发 > 基本配置 > IP白名单)" + detail);
      case 48001 -> ChannelException.permanent(c, prefix + "the account has no permission for this API: enable "
          + "template messages (模板消息) or subscribe notifications (订阅通知) in the Official Account console, "
          + "and check the account is verified" + detail);
      case 43004 -> ChannelException.permanent(c, prefix + "the recipient does not follow the account" + detail);
      case 40003 -> ChannelException.permanent(c, prefix + "not an openid of setting 'appId'" + detail);
      case 40037 -> ChannelException.permanent(c,
          prefix + "unknown WeChat template id: check the mapping's template.<id>.code" + detail);
      case 47003 -> ChannelException.permanent(c,
          prefix + "the data does not fit the WeChat template: check the mapping's template.<id>.params" + detail);
      case USER_REFUSED_SUBSCRIPTION -> ChannelException.noQuotaLeft(c,
          prefix + "the recipient refused this subscribe template or has no subscription left for it" + detail);
      default -> ChannelException.permanent(c, prefix + "error" + detail);
    };
  }
}
