package io.touchbase.channel.phone.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.channel.support.TwilioSignature;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.testkit.MutableClock;
import io.touchbase.testkit.TestChannelContext;
import io.touchbase.testkit.fuzz.FuzzInputs;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the callback handlers of the phone providers, built through the provider with a
 * callback token or auth token configured: Aliyun {@code VoiceReport} pushes (seeds carry the
 * right token, so that parsing is reached) and Twilio call status callbacks, signed correctly
 * for each fuzzed request ({@code twilioSigned}) or handed over as they are ({@code twilioRaw}).
 */
class PhoneCallbacksFuzzTest {
  private static final String CALLBACK_TOKEN = "voice-callback-token-1";
  private static final String AUTH_TOKEN = "twilio-auth-token-1";
  private static final Instant NOW = Instant.parse("2026-03-01T02:03:04Z");

  private static final CallbackHandler ALIYUN = new AliyunVoiceProvider().create(TestChannelContext.builder()
          .channelName("phone")
          .providerId(AliyunVoiceProvider.ID)
          .setting("accessKeyId", "testId")
          .secret("accessKeySecret", "testSecret")
          .secret("callbackToken", CALLBACK_TOKEN)
          .clock(MutableClock.at(NOW))
          .services(Fixtures.services())
          .build())
      .callbackHandler().orElseThrow();
  private static final CallbackHandler TWILIO = new TwilioVoiceProvider().create(TestChannelContext.builder()
          .channelName("phone")
          .providerId(TwilioVoiceProvider.ID)
          .setting("accountSid", "AC0123456789abcdef0123456789abcdef")
          .setting("from", "+15005550006")
          .secret("authToken", AUTH_TOKEN)
          .clock(MutableClock.at(NOW))
          .services(Fixtures.services())
          .build())
      .callbackHandler().orElseThrow();

  @FuzzTest(maxDuration = "60s")
  void aliyunVoiceReport(byte[] data) {
    FuzzInputs.handle(ALIYUN, FuzzInputs.request("phone", data), FuzzInputs.text(data));
  }

  @FuzzTest(maxDuration = "60s")
  void twilioSigned(byte[] data) {
    FuzzInputs.handle(TWILIO, TwilioSignature.sign(FuzzInputs.request("phone", data), AUTH_TOKEN),
        FuzzInputs.text(data));
  }

  @FuzzTest(maxDuration = "60s")
  void twilioRaw(byte[] data) {
    FuzzInputs.handle(TWILIO, FuzzInputs.request("phone", data), FuzzInputs.text(data));
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "aliyunVoiceReport", 1000, this::aliyunVoiceReport);
    FuzzInputs.boundedRun(getClass(), "twilioSigned", 1000, this::twilioSigned);
    FuzzInputs.boundedRun(getClass(), "twilioRaw", 300, this::twilioRaw);
  }
}
