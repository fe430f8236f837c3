package io.touchbase.api.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressKindTest {

  @Test
  void builtInKindsHaveStableIds() {
    assertThat(AddressKind.PHONE.id()).isEqualTo("phone");
    assertThat(AddressKind.EMAIL.id()).isEqualTo("email");
    assertThat(AddressKind.WECHAT_OPENID.id()).isEqualTo("wechat-openid");
    assertThat(AddressKind.WECHAT_UNIONID.id()).isEqualTo("wechat-unionid");
    assertThat(AddressKind.WECOM_EXTERNAL_USER_ID.id()).isEqualTo("wecom-external-userid");
  }

  @Test
  void ofReturnsAKindEqualToTheConstant() {
    assertThat(AddressKind.of("phone")).isEqualTo(AddressKind.PHONE);
    assertThat(AddressKind.of("dingtalk-user")).isNotEqualTo(AddressKind.PHONE);
  }

  @Test
  void onlyOpenIdAndWecomExternalUserIdAreScoped() {
    assertThat(AddressKind.WECHAT_OPENID.scoped()).isTrue();
    assertThat(AddressKind.WECOM_EXTERNAL_USER_ID.scoped()).isTrue();
    assertThat(AddressKind.of("wechat-openid").scoped()).isTrue();
    assertThat(AddressKind.PHONE.scoped()).isFalse();
    assertThat(AddressKind.EMAIL.scoped()).isFalse();
    assertThat(AddressKind.WECHAT_UNIONID.scoped()).isFalse();
    assertThat(AddressKind.of("dingtalk-user").scoped()).isFalse();
  }

  @Test
  void idMustBeLowerKebab() {
    assertThatThrownBy(() -> AddressKind.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("addressKind must not be null");
    assertThatThrownBy(() -> AddressKind.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("addressKind must not be blank");
    assertThatThrownBy(() -> AddressKind.of("Phone"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "addressKind must be lower-kebab-case (a-z, 0-9 and single dashes), but was 'Phone'");
  }

  @Test
  void toStringIsTheId() {
    assertThat(AddressKind.WECHAT_OPENID).hasToString("wechat-openid");
  }
}
