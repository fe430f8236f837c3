package io.touchbase.channel.sms.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.touchbase.channel.support.TwilioSignature;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.testkit.fuzz.FuzzInputs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the callback handlers of every SMS provider, built through the provider with a callback
 * token or auth token configured. Seeds carry the right token, so that parsing is reached; the
 * Twilio targets sign each fuzzed request correctly ({@code twilioSigned}) or hand it over as it
 * is ({@code twilioRaw}).
 */
class SmsCallbacksFuzzTest {
  private static final String CALLBACK_TOKEN = "callback-token-0001";
  private static final String AUTH_TOKEN = "twilio-token-0001";

  private static final CallbackHandler ALIYUN = new AliyunSmsProvider().create(SmsTests.context("aliyun-sms",
          Map.of("accessKeyId", "LTAI-test", "signName", "测试店"),
          Map.of("accessKeySecret", "aliyun-secret-0001", "callbackToken", CALLBACK_TOKEN), SmsTests.CLOCK,
          SmsTests.CLIENT))
      .callbackHandler().orElseThrow();
  private static final CallbackHandler TENCENT = new TencentSmsProvider().create(SmsTests.context("tencent-sms",
          Map.of("secretId", "AKID-test", "smsSdkAppId", "1400000000", "signName", "测试店"),
          Map.of("secretKey", "tencent-secret-0001", "callbackToken", CALLBACK_TOKEN), SmsTests.CLOCK,
          SmsTests.CLIENT))
      .callbackHandler().orElseThrow();
  private static final CallbackHandler TWILIO = new TwilioSmsProvider().create(SmsTests.context("twilio-sms",
          Map.of("accountSid", "AC0123456789", "from", "+15005550006"), Map.of("authToken", AUTH_TOKEN),
          SmsTests.CLOCK, SmsTests.CLIENT))
      .callbackHandler().orElseThrow();

  @FuzzTest(maxDuration = "60s")
  void aliyun(byte[] data) {
    FuzzInputs.handle(ALIYUN, FuzzInputs.request("sms", data), FuzzInputs.text(data));
  }

  @FuzzTest(maxDuration = "60s")
  void tencent(byte[] data) {
    FuzzInputs.handle(TENCENT, FuzzInputs.request("sms", data), FuzzInputs.text(data));
  }

  @FuzzTest(maxDuration = "60s")
  void twilioSigned(byte[] data) {
    FuzzInputs.handle(TWILIO, TwilioSignature.sign(FuzzInputs.request("sms", data), AUTH_TOKEN),
        FuzzInputs.text(data));
  }

  @FuzzTest(maxDuration = "60s")
  void twilioRaw(byte[] data) {
    FuzzInputs.handle(TWILIO, FuzzInputs.request("sms", data), FuzzInputs.text(data));
  }

  @Test
  void boundedMutations() {
    FuzzInputs.boundedRun(getClass(), "aliyun", 1000, this::aliyun);
    FuzzInputs.boundedRun(getClass(), "tencent", 1000, this::tencent);
    FuzzInputs.boundedRun(getClass(), "twilioSigned", 1000, this::twilioSigned);
    FuzzInputs.boundedRun(getClass(), "twilioRaw", 300, this::twilioRaw);
  }
}
