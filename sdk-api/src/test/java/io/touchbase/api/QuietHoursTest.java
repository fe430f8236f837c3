package io.touchbase.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

  @Test
  void defaultIsNineInTheEveningToEightInTheMorning() {
    assertThat(QuietHours.DEFAULT).isEqualTo(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0)));
    assertThat(QuietHours.DEFAULT.isEnabled()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "21:00, true",
    "23:59, true",
    "00:00, true",
    "03:30, true",
    "07:59:59, true",
    "08:00, false",
    "12:00, false",
    "20:59:59, false"
  })
  void windowAcrossMidnight(String time, boolean quiet) {
    assertThat(QuietHours.DEFAULT.contains(LocalTime.parse(time))).isEqualTo(quiet);
  }

  @ParameterizedTest
  @CsvSource({
    "12:00, true",
    "13:59, true",
    "14:00, false",
    "11:59, false",
    "00:00, false",
    "23:00, false"
  })
  void sameDayWindow(String time, boolean quiet) {
    QuietHours lunch = QuietHours.between(LocalTime.of(12, 0), LocalTime.of(14, 0));
    assertThat(lunch.contains(LocalTime.parse(time))).isEqualTo(quiet);
  }

  @Test
  void noneIsNeverQuiet() {
    QuietHours none = QuietHours.none();
    assertThat(none.isEnabled()).isFalse();
    assertThat(none.contains(LocalTime.MIDNIGHT)).isFalse();
    assertThat(none.contains(LocalTime.NOON)).isFalse();
    assertThat(none.contains(LocalTime.of(23, 59))).isFalse();
  }

  @Test
  void equalStartAndEndMeansDisabled() {
    QuietHours q = QuietHours.between(LocalTime.of(10, 0), LocalTime.of(10, 0));
    assertThat(q.isEnabled()).isFalse();
    assertThat(q.contains(LocalTime.of(10, 0))).isFalse();
  }

  @Test
  void boundsAreRequired() {
    assertThatThrownBy(() -> QuietHours.between(null, LocalTime.NOON))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("quietHours.start must not be null");
    assertThatThrownBy(() -> QuietHours.between(LocalTime.NOON, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("quietHours.end must not be null");
  }
}
