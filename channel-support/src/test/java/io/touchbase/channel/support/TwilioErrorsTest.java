package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelException.Outcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioErrorsTest {
  private static final String TEXT = "Twilio refused: masked";

  @Test
  void serverErrorsLeaveTheOutcomeUnknownWhateverTheCode() {
    for (Optional<String> code :
        List.of(Optional.<String>empty(), Optional.of("20500"), Optional.of("21610"), Optional.of("20429"))) {
      ChannelException e = TwilioErrors.toException(503, code, TEXT);
      assertThat(e.outcome()).as("%s", code).isEqualTo(Outcome.RETRY);
      assertThat(e.mayHaveBeenSent()).isTrue();
      assertThat(e.providerCode()).isEqualTo(code.orElse("http-503"));
      assertThat(e.getMessage()).isEqualTo(TEXT);
    }
  }

  @Test
  void tooManyRequestsIsRetryableAndNotSent() {
    ChannelException coded = TwilioErrors.toException(429, Optional.of("20429"), TEXT);
    assertThat(coded.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(coded.mayHaveBeenSent()).isFalse();
    assertThat(coded.providerCode()).isEqualTo("20429");

    ChannelException bare = TwilioErrors.toException(429, Optional.empty(), TEXT);
    assertThat(bare.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(bare.providerCode()).isEqualTo("http-429");

    assertThat(TwilioErrors.toException(400, Optional.of("20429"), TEXT).outcome()).isEqualTo(Outcome.RETRY);
  }

  @Test
  void stopIsAnOptOut() {
    ChannelException e = TwilioErrors.toException(400, Optional.of("21610"), TEXT);

    assertThat(e.outcome()).isEqualTo(Outcome.RECIPIENT_OPTED_OUT);
    assertThat(e.providerCode()).isEqualTo("21610");
  }

  @ParameterizedTest
  @ValueSource(strings = {"21211", "21608", "21614", "21408", "20003", "99999"})
  void otherCodesArePermanent(String code) {
    ChannelException e = TwilioErrors.toException(400, Optional.of(code), TEXT);

    assertThat(e.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(e.providerCode()).isEqualTo(code);
    assertThat(e.getMessage()).isEqualTo(TEXT);
  }

  @Test
  void aStatusWithoutCodeIsPermanent() {
    assertThat(TwilioErrors.toException(401, Optional.empty(), TEXT).providerCode()).isEqualTo("http-401");
    assertThat(TwilioErrors.toException(401, Optional.empty(), TEXT).outcome()).isEqualTo(Outcome.PERMANENT);
  }
}
