package io.touchbase.api.contact;

import io.touchbase.api.internal.Checks;
import io.touchbase.api.internal.Mask;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a channel reaches a contact. Values are validated and normalised on construction: phone
 * numbers must be E.164, emails are lower-cased in their domain. {@link #toString()} masks the
 * value, so an address can be logged.
 *
 * @param kind what the value is
 * @param value the phone number, email, openid ...
 * @param scope the app id or corporation id the value belongs to, for {@link
 *     AddressKind#WECHAT_OPENID} and {@link AddressKind#WECOM_EXTERNAL_USER_ID}; empty otherwise
 */
public record Address(AddressKind kind, String value, String scope) {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  public Address {
    Checks.notNull(kind, "address.kind");
    Checks.notBlank(value, "address.value");
    Checks.notNull(scope, "address.scope");
    value = value.strip();
    if (kind.equals(AddressKind.PHONE) && !E164.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "address.value must be a phone number in E.164 form (+ then 7 to 15 digits), but was '"
              + Mask.phone(value)
              + "'");
    }
    if (kind.equals(AddressKind.EMAIL)) {
      if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "address.value must be an email address (local@domain.tld), but was '"
                + Mask.email(value)
                + "'");
      }
      int at = value.lastIndexOf('@');
      value = value.substring(0, at) + value.substring(at).toLowerCase(Locale.ROOT);
    }
    if (kind.scoped() && scope.isBlank()) {
      throw new IllegalArgumentException(
          "address.scope must name the app or corporation id for kind '" + kind + "'");
    }
    if (value.length() > 256) {
      throw new IllegalArgumentException(
          "address.value must be at most 256 characters, but was " + value.length());
    }
  }

  /** A phone number in E.164 form, e.g. {@code +8613800138000}. */
  public static Address phone(String e164) {
    return new Address(AddressKind.PHONE, e164, "");
  }

  /** An email address. */
  public static Address email(String email) {
    return new Address(AddressKind.EMAIL, email, "");
  }

  /** A WeChat openid issued by the given app id. */
  public static Address wechatOpenId(String appId, String openId) {
    return new Address(AddressKind.WECHAT_OPENID, openId, Checks.notBlank(appId, "appId"));
  }

  /** A WeChat unionid. */
  public static Address wechatUnionId(String unionId) {
    return new Address(AddressKind.WECHAT_UNIONID, unionId, "");
  }

  /** A WeCom external user id as seen by the given corporation id. */
  public static Address wecomExternalUserId(String corpId, String externalUserId) {
    return new Address(
        AddressKind.WECOM_EXTERNAL_USER_ID, externalUserId, Checks.notBlank(corpId, "corpId"));
  }

  /** An address of a plugin-defined kind. */
  public static Address of(AddressKind kind, String value) {
    return new Address(kind, value, "");
  }

  /** The value masked for display: {@code +861******8000}, {@code j***@example.com}. */
  public String masked() {
    if (kind.equals(AddressKind.PHONE)) {
      return Mask.phone(value);
    }
    if (kind.equals(AddressKind.EMAIL)) {
      return Mask.email(value);
    }
    return Mask.opaque(value);
  }

  @Override
  public String toString() {
    return kind + (scope.isEmpty() ? "" : "@" + scope) + ":" + masked();
  }
}
