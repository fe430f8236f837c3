package io.touchbase.api.contact;

import io.touchbase.api.internal.Checks;

/**
 * What an {@link Address} is: a phone number, an email, a WeChat openid and so on. The built-in
 * kinds are constants; a channel plugin may define its own with {@link #of(String)}.
 *
 * @param id stable lower-kebab id, e.g. {@code phone}, {@code dingtalk-user}
 */
public record AddressKind(String id) {
  /** A phone number in E.164 form, e.g. {@code +8613800138000}. */
  public static final AddressKind PHONE = new AddressKind("phone");
  /** An email address. */
  public static final AddressKind EMAIL = new AddressKind("email");
  /** A WeChat openid; scoped to the app id (Official Account or Mini Program) that issued it. */
  public static final AddressKind WECHAT_OPENID = new AddressKind("wechat-openid");
  /** A WeChat unionid: one per person across the apps of one WeChat Open Platform account. */
  public static final AddressKind WECHAT_UNIONID = new AddressKind("wechat-unionid");
  /** A WeCom external user id: a customer as seen by one WeCom corporation. */
  public static final AddressKind WECOM_EXTERNAL_USER_ID = new AddressKind("wecom-external-userid");

  public AddressKind {
    Checks.kebabId(id, "addressKind");
  }

  /** A kind by id; returns the built-in constant when the id is one of them. */
  public static AddressKind of(String id) {
    return new AddressKind(id);
  }

  /** Whether the values of this kind are scoped to an app or corporation id. */
  public boolean scoped() {
    return this.equals(WECHAT_OPENID) || this.equals(WECOM_EXTERNAL_USER_ID);
  }

  @Override
  public String toString() {
    return id;
  }
}
