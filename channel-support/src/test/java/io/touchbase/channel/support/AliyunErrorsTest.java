package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AliyunErrorsTest {
  // 2026-03-31 23:40:30 in Beijing.
  private static final Instant NOW = Instant.parse("2026-03-31T15:40:30Z");
  private static final String TEXT = "Channel 'birthday-day' refused: CODE (masked)";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "触发分钟级流控Permits:1 | 2026-03-31T15:41:00Z",
        "分钟 | 2026-03-31T15:41:00Z",
        "Minute flow control | 2026-03-31T15:41:00Z",
        "触发小时级流控Permits:5 | 2026-03-31T16:00:00Z",
        "小时 | 2026-03-31T16:00:00Z",
        "HOUR limit | 2026-03-31T16:00:00Z",
        // Midnight in Beijing, not in UTC.
        "触发天级流控Permits:10 | 2026-03-31T16:00:00Z",
        "触发日级流控 | 2026-03-31T16:00:00Z",
        "每天 | 2026-03-31T16:00:00Z",
        "日 | 2026-03-31T16:00:00Z",
        "day limit | 2026-03-31T16:00:00Z",
      })
  void businessLimitEndsWithTheWindowTheMessageNames(String message, Instant end) {
    assertThat(AliyunErrors.businessLimitWindowEnd(message, NOW)).isEqualTo(end);
  }

  @Test
  void businessLimitWindowsCountInBeijingTime() {
    Instant justAfterMidnight = Instant.parse("2026-03-31T16:00:01Z");
    assertThat(AliyunErrors.businessLimitWindowEnd("触发天级流控Permits:20", justAfterMidnight))
        .isEqualTo("2026-04-01T16:00:00Z");
    assertThat(AliyunErrors.businessLimitWindowEnd("day limit", Instant.parse("2026-03-31T10:00:00Z")))
        .isEqualTo("2026-03-31T16:00:00Z");
  }

  @Test
  void aMinuteOrHourWordWinsOverADayWord() {
    assertThat(AliyunErrors.businessLimitWindowEnd("每天触发小时级流控", NOW))
        .isEqualTo("2026-03-31T16:00:00Z");
    assertThat(AliyunErrors.businessLimitWindowEnd("day: 分钟级", NOW)).isEqualTo("2026-03-31T15:41:00Z");
  }

  @Test
  void aMessageNamingNoWindowDefersToTheNextHour() {
    assertThat(AliyunErrors.businessLimitWindowEnd("", Instant.parse("2026-03-31T10:20:00Z")))
        .isEqualTo("2026-03-31T11:00:00Z");
    assertThat(AliyunErrors.businessLimitWindowEnd("流控", Instant.parse("2026-03-31T10:20:00Z")))
        .isEqualTo("2026-03-31T11:00:00Z");
  }

  @Test
  void businessLimitDefersByTheProviderMessageNotTheText() {
    ChannelException e = AliyunErrors.toException(
        AliyunErrors.BUSINESS_LIMIT_CONTROL, "触发分钟级流控Permits:1", TEXT, NOW);

    assertThat(e.outcome()).isEqualTo(Outcome.DEFER);
    assertThat(e.providerCode()).isEqualTo("isv.BUSINESS_LIMIT_CONTROL");
    assertThat(e.retryAt()).contains(Instant.parse("2026-03-31T15:41:00Z"));
    assertThat(e.getMessage()).isEqualTo(TEXT);
  }

  @Test
  void accountQuotasDeferToTheNextDayOrMonthInBeijing() {
    Instant morning = Instant.parse("2026-03-31T10:00:00Z");
    ChannelException day = AliyunErrors.toException("isv.DAY_LIMIT_CONTROL", "日发送量超限", TEXT, morning);
    assertThat(day.outcome()).isEqualTo(Outcome.DEFER);
    assertThat(day.retryAt()).contains(Instant.parse("2026-03-31T16:00:00Z"));
    ChannelException month = AliyunErrors.toException("isv.MONTH_LIMIT_CONTROL", "", TEXT, morning);
    assertThat(month.outcome()).isEqualTo(Outcome.DEFER);
    // April 1 starts at 16:00 UTC on March 31.
    assertThat(month.retryAt()).contains(Instant.parse("2026-03-31T16:00:00Z"));
    assertThat(AliyunErrors.toException("isv.MONTH_LIMIT_CONTROL", "", TEXT, Instant.parse("2026-04-01T10:00:00Z"))
            .retryAt())
        .contains(Instant.parse("2026-04-30T16:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"isp.SYSTEM_ERROR", "InvalidTimeStamp.Expired", "SignatureNonceUsed", "Throttling",
      "Throttling.User", "Throttling.Api"})
  void platformAndGatewayRefusalsAreRetryable(String code) {
    ChannelException e = AliyunErrors.toException(code, "", TEXT, NOW);

    assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(e.mayHaveBeenSent()).isFalse();
    assertThat(e.providerCode()).isEqualTo(code);
    assertThat(e.getMessage()).isEqualTo(TEXT);
  }

  @Test
  void everythingElseIsPermanent() {
    for (String code : List.of("isv.MOBILE_NUMBER_ILLEGAL", "isv.TEMPLATE_MISSING_PARAMETERS",
        "isv.SMS_SIGNATURE_ILLEGAL", "isv.BLACK_KEY_CONTROL_LIMIT", "isv.AMOUNT_NOT_ENOUGH",
        "isp.RAM_PERMISSION_DENY", "SignatureDoesNotMatch", "isv.SOMETHING_NEW")) {
      ChannelException e = AliyunErrors.toException(code, "触发分钟级流控", TEXT, NOW);
      assertThat(e.outcome()).as(code).isEqualTo(Outcome.PERMANENT);
      assertThat(e.providerCode()).isEqualTo(code);
      assertThat(e.retryAt()).isEmpty();
    }
  }

  @Test
  void throttlingCodes() {
    assertThat(AliyunErrors.isThrottling("Throttling")).isTrue();
    assertThat(AliyunErrors.isThrottling("Throttling.User")).isTrue();
    assertThat(AliyunErrors.isThrottling("isv.BUSINESS_LIMIT_CONTROL")).isFalse();
    assertThat(AliyunErrors.isThrottling("isp.SYSTEM_ERROR")).isFalse();
  }
}
