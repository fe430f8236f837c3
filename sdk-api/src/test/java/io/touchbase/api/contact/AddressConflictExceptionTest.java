package io.touchbase.api.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.TouchbaseException;
import org.junit.jupiter.api.Test;

class AddressConflictExceptionTest {

  @Test
  void carriesBothContactsAndTheKind() {
    AddressConflictException e =
        new AddressConflictException(
            ContactId.of("user-1"), ContactId.of("user-2"), Address.phone("+8613800138000"));
    assertThat(e).isInstanceOf(TouchbaseException.class);
    assertThat(e.contactId()).isEqualTo(ContactId.of("user-1"));
    assertThat(e.ownerId()).isEqualTo(ContactId.of("user-2"));
    assertThat(e.kind()).isEqualTo(AddressKind.PHONE);
    assertThat(e.maskedAddress()).isEqualTo("phone:+861******8000");
    assertThat(e.getMessage())
        .isEqualTo(
            "Address phone:+861******8000 given for contact 'user-1' already belongs to contact 'user-2';"
                + " if both are one customer, merge them with contacts().merge(survivor, absorbed),"
                + " e.g. merge('user-2', 'user-1'), which keeps both ids findable");
  }

  @Test
  void messageMasksTheAddress() {
    AddressConflictException phone =
        new AddressConflictException(
            ContactId.of("u1"), ContactId.of("u2"), Address.phone("+8613800138000"));
    AddressConflictException email =
        new AddressConflictException(
            ContactId.of("u1"), ContactId.of("u2"), Address.email("jane.doe@example.com"));
    assertThat(phone.getMessage()).doesNotContain("+8613800138000").doesNotContain("13800138000");
    assertThat(email.getMessage())
        .doesNotContain("jane.doe@example.com")
        .contains("j***@example.com");
    AddressConflictException openId =
        new AddressConflictException(
            ContactId.of("u1"), ContactId.of("u2"), Address.wechatOpenId("wx-app", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"));
    assertThat(openId.getMessage()).doesNotContain("o6_bmjrPTlm6_2sgVt7hMZOPfL2M").contains("wechat-openid@wx-app:");
    assertThat(openId.maskedAddress()).doesNotContain("o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
  }
}
