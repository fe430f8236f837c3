package io.touchbase.channel.phone.internal;

import io.touchbase.channel.support.BindingSettings;
import io.touchbase.spi.channel.ChannelContext;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The checked settings of one {@code twilio-voice} binding. Holds no secret.
 *
 * @param endpoint the API base URL
 * @param accountSid the account that places the calls
 * @param from the caller number, E.164
 * @param statusCallbackUrl where Twilio posts the call result; no results when empty
 * @param language the {@code Say} language; the message's locale when empty
 * @param voice the {@code Say} voice; Twilio's default when empty
 * @param timeoutSeconds how long the phone rings; Twilio's default (60 s) when empty
 */
record TwilioVoiceConfig(
    HttpUrl endpoint,
    String accountSid,
    String from,
    Optional<HttpUrl> statusCallbackUrl,
    Optional<String> language,
    Optional<String> voice,
    OptionalInt timeoutSeconds) {

  static final String DEFAULT_ENDPOINT = "https://api.twilio.com";

  private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z0-9._-]+");

  /**
   * Reads the settings of {@code context}.
   *
   * @throws io.touchbase.api.ConfigurationException naming the setting that is missing or wrong
   */
  static TwilioVoiceConfig from(ChannelContext context) {
    BindingSettings s = BindingSettings.of(context);
    String accountSid = s.require("accountSid");
    if (!ACCOUNT_SID.matcher(accountSid).matches()) {
      throw s.error("setting 'accountSid' must be AC followed by 32 hex digits");
    }
    String from = s.require("from");
    if (!E164.matcher(from).matches()) {
      // The value is a phone number: the message does not repeat it.
      throw s.error("setting 'from' must be a phone number in E.164 form (+ then 7 to 15 digits)");
    }
    Optional<String> language = s.optional("language");
    if (language.isPresent() && !ATTRIBUTE.matcher(language.get()).matches()) {
      throw s.error("setting 'language' must be a language tag such as en-US, but was '" + language.get() + "'");
    }
    Optional<String> voice = s.optional("voice");
    if (voice.isPresent() && !ATTRIBUTE.matcher(voice.get()).matches()) {
      throw s.error("setting 'voice' must be a voice name such as Polly.Joanna, but was '" + voice.get() + "'");
    }
    return new TwilioVoiceConfig(
        s.url("endpoint", DEFAULT_ENDPOINT),
        accountSid,
        from,
        s.optionalUrl("statusCallbackUrl"),
        language,
        voice,
        // unconfirmed: Twilio documents 60 s as the default and 600 s as the longest ring time.
        s.intInRange("timeoutSeconds", 1, 600));
  }
}
