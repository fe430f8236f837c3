package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChinaTimeTest {

  @Test
  void readsALocalTimeAsMainlandChinaTime() {
    assertThat(ChinaTime.parse("2024-05-06 15:08:30")).contains(Instant.parse("2024-05-06T07:08:30Z"));
    // Just after midnight in Beijing is the previous day in UTC.
    assertThat(ChinaTime.parse(" 2024-05-07 00:00:01\n")).contains(Instant.parse("2024-05-06T16:00:01Z"));
  }

  @Test
  void blankOrOtherTextIsNoTime() {
    assertThat(ChinaTime.parse("")).isEmpty();
    assertThat(ChinaTime.parse("  ")).isEmpty();
    assertThat(ChinaTime.parse("2024-05-06T15:08:30")).isEmpty();
    assertThat(ChinaTime.parse("2024-05-06 15:08")).isEmpty();
    assertThat(ChinaTime.parse("2024-13-06 15:08:30")).isEmpty();
    assertThat(ChinaTime.parse("1715000000")).isEmpty();
  }

  @Test
  void theZoneIsUtcPlusEightAllYear() {
    assertThat(ChinaTime.ZONE.getId()).isEqualTo("Asia/Shanghai");
    assertThat(ChinaTime.ZONE.getRules().getOffset(Instant.parse("2024-07-01T00:00:00Z")).getTotalSeconds())
        .isEqualTo(8 * 3600);
    assertThat(ChinaTime.ZONE.getRules().getOffset(Instant.parse("2024-01-01T00:00:00Z")).getTotalSeconds())
        .isEqualTo(8 * 3600);
  }
}
