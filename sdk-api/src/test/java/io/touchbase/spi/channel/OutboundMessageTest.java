package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboundMessageTest {
  private static final DispatchId D = DispatchId.of("d-1");
  private static final ContactId C = ContactId.of("user-42");
  private static final Address PHONE = Address.phone("+8613800138000");
  private static final Address EMAIL = Address.email("jane.doe@example.com");

  private static OutboundMessage message(Address to, Map<String, String> variables) {
    return new OutboundMessage(
        D, "sms", C, to, Purpose.MARKETING, "renewal-1", variables,
        Optional.of("Hi Jane Doe, call +8613800138000"), Optional.of(Locale.SIMPLIFIED_CHINESE));
  }

  @Test
  void toStringMasksTheAddressAndOmitsTextAndVariableValues() {
    String s = message(PHONE, Map.of("name", "Jane Doe", "phone", "+8613800138000")).toString();
    assertThat(s)
        .contains("dispatchId=d-1")
        .contains("channel=sms")
        .contains("contactId=user-42")
        .contains("to=phone:+861******8000")
        .contains("purpose=MARKETING")
        .contains("templateId=renewal-1")
        .contains("name")
        .doesNotContain("+8613800138000")
        .doesNotContain("13800138000")
        .doesNotContain("Jane Doe")
        .doesNotContain("Hi ");
  }

  @Test
  void toStringMasksAnEmailAddress() {
    assertThat(message(EMAIL, Map.of()).toString())
        .contains("to=email:j***@example.com")
        .doesNotContain("jane.doe@example.com");
  }

  @Test
  void componentsAreNamedWhenInvalid() {
    Map<String, String> v = Map.of();
    Optional<String> t = Optional.empty();
    Optional<Locale> l = Optional.empty();
    Purpose p = Purpose.TRANSACTIONAL;
    assertThatThrownBy(() -> new OutboundMessage(null, "sms", C, PHONE, p, "t", v, t, l))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("message.dispatchId must not be null");
    assertThatThrownBy(() -> new OutboundMessage(D, "s m s", C, PHONE, p, "t", v, t, l))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("message.channel must start with a letter or digit");
    assertThatThrownBy(() -> new OutboundMessage(D, "sms", null, PHONE, p, "t", v, t, l))
        .hasMessage("message.contactId must not be null");
    assertThatThrownBy(() -> new OutboundMessage(D, "sms", C, null, p, "t", v, t, l))
        .hasMessage("message.to must not be null");
    assertThatThrownBy(() -> new OutboundMessage(D, "sms", C, PHONE, null, "t", v, t, l))
        .hasMessage("message.purpose must not be null");
    assertThatThrownBy(() -> new OutboundMessage(D, "sms", C, PHONE, p, " ", v, t, l))
        .hasMessage("message.templateId must not be blank");
    assertThatThrownBy(() -> new OutboundMessage(D, "sms", C, PHONE, p, "t", null, t, l))
        .hasMessage("message.variables must not be null");
    assertThatThrownBy(() -> new OutboundMessage(D, "sms", C, PHONE, p, "t", v, null, l))
        .hasMessage("message.text must not be null");
    assertThatThrownBy(() -> new OutboundMessage(D, "sms", C, PHONE, p, "t", v, t, null))
        .hasMessage("message.locale must not be null");
  }

  @Test
  void variablesAreAnUnmodifiableCopy() {
    Map<String, String> variables = new HashMap<>(Map.of("name", "Jane"));
    OutboundMessage m = message(PHONE, variables);
    variables.put("tier", "gold");
    assertThat(m.variables()).containsOnly(Map.entry("name", "Jane"));
    assertThatThrownBy(() -> m.variables().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
