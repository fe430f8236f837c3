package io.touchbase.channel.phone.internal;

import io.touchbase.channel.support.AliyunRpcRequest.SignatureVersion;
import io.touchbase.channel.support.BindingSettings;
import io.touchbase.channel.support.TemplateMappings;
import io.touchbase.spi.channel.ChannelContext;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The checked settings of one {@code aliyun-voice} binding. Holds no secret.
 *
 * @param endpoint the API base URL
 * @param accessKeyId the AccessKey id
 * @param calledShowNumber the caller id (a purchased number); empty in public-pool mode
 * @param playTimes how often the text is played, 1 to 3; provider default when empty
 * @param volume 0 to 100; provider default when empty
 * @param speed -500 to 500; provider default when empty
 * @param regionId the V2 {@code RegionId}
 * @param signatureVersion ACS3 or V2
 * @param templates logical template to {@code TtsCode} and {@code TtsParam} names
 */
record AliyunVoiceConfig(
    HttpUrl endpoint,
    String accessKeyId,
    Optional<String> calledShowNumber,
    OptionalInt playTimes,
    OptionalInt volume,
    OptionalInt speed,
    String regionId,
    SignatureVersion signatureVersion,
    TemplateMappings templates) {

  static final String DEFAULT_ENDPOINT = "https://dyvmsapi.aliyuncs.com";
  static final String DEFAULT_REGION = "cn-hangzhou";

  // A landline with area code (057112345678) or a mobile; digits only, as Aliyun shows them.
  private static final Pattern SHOW_NUMBER = Pattern.compile("[0-9]{5,20}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");

  /**
   * Reads the settings of {@code context}.
   *
   * @throws io.touchbase.api.ConfigurationException naming the setting that is missing or wrong
   */
  static AliyunVoiceConfig from(ChannelContext context) {
    BindingSettings s = BindingSettings.of(context);
    String accessKeyId = s.require("accessKeyId");
    Optional<String> showNumber = s.optional("calledShowNumber");
    if (showNumber.isPresent() && !SHOW_NUMBER.matcher(showNumber.get()).matches()) {
      // The value is a phone number: the message does not repeat it.
      throw s.error("setting 'calledShowNumber' must be the caller number in digits, without + or spaces");
    }
    String regionId = s.optional("regionId").orElse(DEFAULT_REGION);
    if (!REGION.matcher(regionId).matches()) {
      throw s.error("setting 'regionId' must be a region id such as cn-hangzhou, but was '" + regionId + "'");
    }
    return new AliyunVoiceConfig(
        s.url("endpoint", DEFAULT_ENDPOINT),
        accessKeyId,
        showNumber,
        s.intInRange("playTimes", 1, 3),
        s.intInRange("volume", 0, 100),
        s.intInRange("speed", -500, 500),
        regionId,
        s.named(() -> SignatureVersion.fromSettings(context.settings())),
        s.named(() -> TemplateMappings.from(context.settings())));
  }
}
