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
    assertThat(e.getMessage())
        .isEqualTo(
            "Address phone:+861******8000 given for contact 'user-1' already belongs to contact 'user-2'");
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
  }
}
