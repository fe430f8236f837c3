package io.touchbase.api.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsentTest {
  private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void factoriesSetTheStatus() {
    Consent in = Consent.optIn(ChannelType.SMS, Purpose.MARKETING, AT, "signup-form");
    Consent out = Consent.optOut(ChannelType.SMS, Purpose.MARKETING, AT, "sms-reply:TD");
    assertThat(in.status()).isEqualTo(ConsentStatus.OPTED_IN);
    assertThat(out.status()).isEqualTo(ConsentStatus.OPTED_OUT);
    assertThat(in.channelType()).isEqualTo(ChannelType.SMS);
    assertThat(in.purpose()).isEqualTo(Purpose.MARKETING);
    assertThat(in.changedAt()).isEqualTo(AT);
    assertThat(in.source()).isEqualTo("signup-form");
  }

  @Test
  void everyComponentIsRequiredAndNamed() {
    assertThatThrownBy(() -> Consent.optIn(null, Purpose.MARKETING, AT, "s"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("consent.channelType must not be null");
    assertThatThrownBy(() -> Consent.optIn(ChannelType.SMS, null, AT, "s"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("consent.purpose must not be null");
    assertThatThrownBy(() -> new Consent(ChannelType.SMS, Purpose.MARKETING, null, AT, "s"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("consent.status must not be null");
    assertThatThrownBy(() -> Consent.optIn(ChannelType.SMS, Purpose.MARKETING, null, "s"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("consent.changedAt must not be null");
    assertThatThrownBy(() -> Consent.optIn(ChannelType.SMS, Purpose.MARKETING, AT, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("consent.source must not be null");
    assertThatThrownBy(() -> Consent.optIn(ChannelType.SMS, Purpose.MARKETING, AT, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("consent.source must not be blank");
  }
}
