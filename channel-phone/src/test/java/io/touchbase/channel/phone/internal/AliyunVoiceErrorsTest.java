package io.touchbase.channel.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The voice-specific part; the codes Aliyun's APIs share are tested with {@code AliyunErrors}. */
class AliyunVoiceErrorsTest {
  // 2026-03-31 23:40:30 in Beijing.
  private static final Instant NOW = Instant.parse("2026-03-31T15:40:30Z");

  @Test
  void flowControlDefersToTheWindowTheProviderMessageNames() {
    // The channel's name holds a day word; the window comes from the provider's message.
    ChannelException e = AliyunVoiceErrors.of("生日-holiday", 200, Optional.of("isv.BUSINESS_LIMIT_CONTROL"),
        Optional.of("触发分钟级流控Permits:1"), NOW);

    assertThat(e.outcome()).isEqualTo(Outcome.DEFER);
    assertThat(e.retryAt()).contains(Instant.parse("2026-03-31T15:41:00Z"));
  }

  @Test
  void serverErrorsMayHavePlacedTheCall() {
    ChannelException e = AliyunVoiceErrors.of("phone", 503, Optional.of("Throttling"), Optional.empty(), NOW);

    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isTrue();
    assertThat(e.providerCode()).isEqualTo("Throttling");
    assertThat(AliyunVoiceErrors.of("phone", 500, Optional.empty(), Optional.empty(), NOW).providerCode())
        .isEqualTo("http-500");
  }

  @Test
  void tooManyRequestsIsRetryableUnlessTheCodeDefers() {
    ChannelException e = AliyunVoiceErrors.of("phone", 429, Optional.of("isv.SOMETHING_NEW"), Optional.empty(), NOW);
    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isFalse();
    assertThat(AliyunVoiceErrors.of("phone", 429, Optional.empty(), Optional.empty(), NOW).providerCode())
        .isEqualTo("http-429");

    ChannelException day = AliyunVoiceErrors.of("phone", 429, Optional.of("isv.DAY_LIMIT_CONTROL"),
        Optional.empty(), Instant.parse("2026-03-31T10:00:00Z"));
    assertThat(day.outcome()).isEqualTo(Outcome.DEFER);
    assertThat(day.retryAt()).contains(Instant.parse("2026-03-31T16:00:00Z"));
  }

  @Test
  void otherCodesArePermanent() {
    ChannelException e = AliyunVoiceErrors.of("phone", 400, Optional.of("SignatureDoesNotMatch"), Optional.empty(),
        NOW);

    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.getMessage()).isEqualTo(
        "Channel 'phone' (aliyun-voice): SingleCallByTts answered HTTP 400 SignatureDoesNotMatch");
  }

  @Test
  void providerTextIsMaskedInTheMessage() {
    ChannelException e = AliyunVoiceErrors.of("phone", 200, Optional.of("isv.MOBILE_NUMBER_ILLEGAL"),
        Optional.of("number 13800138000 is illegal"), NOW);
    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.getMessage())
        .endsWith("SingleCallByTts answered HTTP 200 isv.MOBILE_NUMBER_ILLEGAL: number *** is illegal");
  }
}
