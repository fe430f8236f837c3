package io.touchbase.channel.phone.internal;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.channel.support.AliyunPushes;
import io.touchbase.channel.support.CallbackTokens;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackResult;
import java.util.Optional;

/**
 * Receives Aliyun Voice call results pushed over HTTP ({@code VoiceReport}, and {@code
 * VoiceCallReport} if the console sends those to the same URL). Aliyun signs nothing, so the URL
 * carries a secret {@code token} query parameter that must equal the {@code callbackToken} secret;
 * that check comes first, and without a configured token every push is rejected.
 */
final class AliyunVoiceReportHandler implements CallbackHandler {
  private final Optional<String> callbackToken;
  private final AliyunVoiceReports reports;

  AliyunVoiceReportHandler(Optional<String> callbackToken, AliyunVoiceReports reports) {
    this.callbackToken = callbackToken;
    this.reports = reports;
  }

  @Override
  public CallbackResult handle(CallbackRequest request) {
    CallbackTokens.require(request, callbackToken);
    return new CallbackResult(reports.parse(request.bodyText()), AliyunPushes.RECEIVED);
  }

  @Override
  public String toString() {
    return "AliyunVoiceReportHandler{tokenConfigured=" + callbackToken.isPresent() + "}";
  }
}
