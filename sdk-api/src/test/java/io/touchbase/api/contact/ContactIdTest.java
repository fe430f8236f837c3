package io.touchbase.api.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContactIdTest {

  @Test
  void keepsTheHostId() {
    assertThat(ContactId.of("user-42").value()).isEqualTo("user-42");
    assertThat(ContactId.of("user-42")).isEqualTo(new ContactId("user-42")).hasToString("user-42");
  }

  @Test
  void rejectsNullAndBlank() {
    assertThatThrownBy(() -> ContactId.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("contactId must not be null");
    assertThatThrownBy(() -> ContactId.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contactId must not be blank");
    assertThatThrownBy(() -> ContactId.of("   "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contactId must not be blank");
  }

  @Test
  void isAtMost128Characters() {
    assertThat(ContactId.of("u".repeat(128)).value()).hasSize(128);
    assertThatThrownBy(() -> ContactId.of("u".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contactId must be at most 128 characters, but was 129");
  }
}
