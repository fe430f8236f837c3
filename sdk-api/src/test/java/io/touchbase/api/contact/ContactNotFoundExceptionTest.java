package io.touchbase.api.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.TouchbaseException;
import org.junit.jupiter.api.Test;

class ContactNotFoundExceptionTest {

  @Test
  void carriesTheIdInFieldAndMessage() {
    ContactNotFoundException e = new ContactNotFoundException(ContactId.of("user-42"));
    assertThat(e).isInstanceOf(TouchbaseException.class).hasMessage("No contact with id 'user-42'");
    assertThat(e.contactId()).isEqualTo(ContactId.of("user-42"));
  }
}
