package io.touchbase.api.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {
  private static final String PHONE = "+8613800138000";
  private static final String NATIONAL = "13800138000";
  private static final String EMAIL = "jane.doe@example.com";
  private static final String OPENID = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";

  @Test
  void phoneKeepsAnE164Number() {
    Address a = Address.phone(PHONE);
    assertThat(a.kind()).isEqualTo(AddressKind.PHONE);
    assertThat(a.value()).isEqualTo(PHONE);
    assertThat(a.scope()).isEmpty();
  }

  @Test
  void phoneIsStripped() {
    assertThat(Address.phone("  " + PHONE + "\t").value()).isEqualTo(PHONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1234567", "+123456789012345"})
  void phoneAcceptsSevenToFifteenDigits(String value) {
    assertThat(Address.phone(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "13800138000",
        "8613800138000",
        "+0123456789",
        "+123456",
        "+1234567890123456",
        "+86 138 0013 8000",
        "+86-138-0013-8000",
        "+86138001380OO"
      })
  void phoneRejectsValuesNotInE164Form(String value) {
    assertThatThrownBy(() -> Address.phone(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("address.value must be a phone number in E.164 form");
  }

  @ParameterizedTest
  @ValueSource(strings = {NATIONAL, "8613800138000", "+86138001380001234", "+86 138 0013 8000"})
  void invalidPhoneMessageDoesNotContainTheNumber(String value) {
    assertThatThrownBy(() -> Address.phone(value))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(value)
                    .doesNotContain(NATIONAL)
                    .contains("*"));
  }

  @Test
  void emailLowerCasesTheDomainOnly() {
    assertThat(Address.email("Jane.Doe@Example.COM").value()).isEqualTo("Jane.Doe@example.com");
  }

  @Test
  void emailIsStripped() {
    assertThat(Address.email("  " + EMAIL + " \n").value()).isEqualTo(EMAIL);
  }

  @Test
  void emailsDifferingOnlyInDomainCaseAreEqual() {
    assertThat(Address.email("jane.doe@EXAMPLE.com")).isEqualTo(Address.email(EMAIL));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jane.doe",
        "jane.doe@",
        "@example.com",
        "jane doe@example.com",
        "jane.doe@example",
        "jane.doe@-example.com",
        "jane.doe@exa_mple.com"
      })
  void emailRejectsMalformedValuesWithoutEchoingThem(String value) {
    assertThatThrownBy(() -> Address.email(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("address.value must be an email address (local@domain.tld)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(value));
  }

  @Test
  void emailLongerThan254CharactersIsRejectedMasked() {
    String local = "jane.doe." + "x".repeat(240);
    String value = local + "@example.com";
    assertThatThrownBy(() -> Address.email(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("address.value must be an email address (local@domain.tld), but was 'j***@example.com'");
  }

  @Test
  void nullAndBlankComponentsAreNamed() {
    assertThatThrownBy(() -> new Address(null, PHONE, ""))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("address.kind must not be null");
    assertThatThrownBy(() -> new Address(AddressKind.PHONE, null, ""))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("address.value must not be null");
    assertThatThrownBy(() -> new Address(AddressKind.PHONE, " ", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("address.value must not be blank");
    assertThatThrownBy(() -> new Address(AddressKind.PHONE, PHONE, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("address.scope must not be null");
  }

  @Test
  void wechatOpenIdCarriesItsAppId() {
    Address a = Address.wechatOpenId("wx1234567890", OPENID);
    assertThat(a.kind()).isEqualTo(AddressKind.WECHAT_OPENID);
    assertThat(a.scope()).isEqualTo("wx1234567890");
    assertThat(a.value()).isEqualTo(OPENID);
  }

  @Test
  void openIdNeedsAScope() {
    assertThatThrownBy(() -> new Address(AddressKind.WECHAT_OPENID, OPENID, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("address.scope must name the app or corporation id for kind 'wechat-openid'");
    assertThatThrownBy(() -> new Address(AddressKind.WECHAT_OPENID, OPENID, "  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("address.scope must name");
    assertThatThrownBy(() -> Address.wechatOpenId(" ", OPENID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("appId must not be blank");
    assertThatThrownBy(() -> Address.wechatOpenId(null, OPENID))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("appId must not be null");
  }

  @Test
  void wecomExternalUserIdNeedsACorpId() {
    Address a = Address.wecomExternalUserId("ww42", "wmABCDEFGHIJ");
    assertThat(a.kind()).isEqualTo(AddressKind.WECOM_EXTERNAL_USER_ID);
    assertThat(a.scope()).isEqualTo("ww42");
    assertThatThrownBy(() -> Address.wecomExternalUserId("", "wmABCDEFGHIJ"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("corpId must not be blank");
    assertThatThrownBy(() -> new Address(AddressKind.WECOM_EXTERNAL_USER_ID, "wmABCDEFGHIJ", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "address.scope must name the app or corporation id for kind 'wecom-external-userid'");
  }

  @Test
  void unionIdAndPluginKindsNeedNoScope() {
    assertThat(Address.wechatUnionId("oUnion123456").scope()).isEmpty();
    Address a = Address.of(AddressKind.of("dingtalk-user"), "user-1");
    assertThat(a.kind().id()).isEqualTo("dingtalk-user");
    assertThat(a.scope()).isEmpty();
  }

  @Test
  void valueIsAtMost256Characters() {
    AddressKind kind = AddressKind.of("dingtalk-user");
    assertThat(Address.of(kind, "x".repeat(256)).value()).hasSize(256);
    assertThatThrownBy(() -> Address.of(kind, "x".repeat(257)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("address.value must be at most 256 characters, but was 257");
  }

  @Test
  void maskedHidesTheValueButStaysRecognisable() {
    assertThat(Address.phone(PHONE).masked()).isEqualTo("+861******8000");
    assertThat(Address.email(EMAIL).masked()).isEqualTo("j***@example.com");
    assertThat(Address.wechatOpenId("wx1", OPENID).masked()).isEqualTo("o6***2M");
  }

  @Test
  void toStringShowsKindScopeAndMaskedValueOnly() {
    Address phone = Address.phone(PHONE);
    Address email = Address.email(EMAIL);
    Address openId = Address.wechatOpenId("wx1", OPENID);

    assertThat(phone.toString())
        .isEqualTo("phone:+861******8000")
        .doesNotContain(PHONE)
        .doesNotContain(NATIONAL);
    assertThat(email.toString())
        .isEqualTo("email:j***@example.com")
        .doesNotContain(EMAIL)
        .doesNotContain("jane.doe");
    assertThat(openId.toString()).isEqualTo("wechat-openid@wx1:o6***2M").doesNotContain(OPENID);
  }
}
