package io.touchbase.channel.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AliyunVoiceErrorsTest {
  // 2026-03-31 23:40:30 in Beijing.
  private static final Instant NOW = Instant.parse("2026-03-31T15:40:30Z");

  @Test
  void flowControlDefersToTheWindowTheMessageNames() {
    assertThat(AliyunVoiceErrors.nextWindow("触发分钟级流控Permits:1", NOW))
        .isEqualTo(Instant.parse("2026-03-31T15:41:00Z"));
    assertThat(AliyunVoiceErrors.nextWindow("触发小时级流控Permits:5", NOW))
        .isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
    // Midnight in Beijing, not in UTC.
    assertThat(AliyunVoiceErrors.nextWindow("触发天级流控Permits:20", NOW))
        .isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
    assertThat(AliyunVoiceErrors.nextWindow("触发天级流控Permits:20", Instant.parse("2026-03-31T16:00:01Z")))
        .isEqualTo(Instant.parse("2026-04-01T16:00:00Z"));
    assertThat(AliyunVoiceErrors.nextWindow("day limit", Instant.parse("2026-03-31T10:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
    assertThat(AliyunVoiceErrors.nextWindow("", Instant.parse("2026-03-31T10:20:00Z")))
        .isEqualTo(Instant.parse("2026-03-31T11:00:00Z"));
  }

  @Test
  void accountQuotasDeferToTheNextDayOrMonthInBeijing() {
    ChannelException day = AliyunVoiceErrors.of("phone", 200, Optional.of("isv.DAY_LIMIT_CONTROL"), Optional.empty(),
        Instant.parse("2026-03-31T10:00:00Z"));
    assertThat(day.outcome()).isEqualTo(Outcome.DEFER);
    assertThat(day.retryAt()).contains(Instant.parse("2026-03-31T16:00:00Z"));
    ChannelException month = AliyunVoiceErrors.of("phone", 200, Optional.of("isv.MONTH_LIMIT_CONTROL"),
        Optional.empty(), Instant.parse("2026-03-31T10:00:00Z"));
    assertThat(month.outcome()).isEqualTo(Outcome.DEFER);
    assertThat(month.retryAt()).contains(Instant.parse("2026-03-31T16:00:00Z"));
    assertThat(AliyunVoiceErrors.of("phone", 200, Optional.of("isv.MONTH_LIMIT_CONTROL"), Optional.empty(),
            Instant.parse("2026-04-01T10:00:00Z")).retryAt())
        .contains(Instant.parse("2026-04-30T16:00:00Z"));
  }

  @Test
  void providerTextIsMaskedInTheMessage() {
    ChannelException e = AliyunVoiceErrors.of("phone", 200, Optional.of("isv.MOBILE_NUMBER_ILLEGAL"),
        Optional.of("number 13800138000 is illegal"), NOW);
    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.getMessage()).contains("isv.MOBILE_NUMBER_ILLEGAL").contains("number *** is illegal")
        .doesNotContain("13800138000");
  }
}
