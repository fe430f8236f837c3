package io.touchbase.channel.support;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okhttp3.Credentials;
import okhttp3.HttpUrl;

/**
 * Twilio's REST API, version {@value #VERSION}, as the Messages and Calls resources share it
 * (providers.md §6.1, §6.2): where an account's resource is, and how a request authenticates.
 * Stateless.
 */
public final class TwilioApi {
  /** The API version, the first segment of every resource path. */
  public static final String VERSION = "2010-04-01";

  private TwilioApi() {}

  /**
   * The URL of an account's resource: {@code <endpoint>/2010-04-01/Accounts/<accountSid>/<resource>}.
   *
   * @param endpoint the API base URL, {@code https://api.twilio.com} but in tests
   * @param resource e.g. {@code Messages.json} or {@code Calls.json}
   */
  public static HttpUrl accountResource(HttpUrl endpoint, String accountSid, String resource) {
    return Objects.requireNonNull(endpoint, "endpoint").newBuilder()
        .addPathSegment(VERSION)
        .addPathSegment("Accounts")
        .addPathSegment(Objects.requireNonNull(accountSid, "accountSid"))
        .addPathSegment(Objects.requireNonNull(resource, "resource"))
        .build();
  }

  /** The {@code Authorization} header: HTTP Basic with the account SID and its auth token, UTF-8. */
  public static String authorization(String accountSid, String authToken) {
    return Credentials.basic(
        Objects.requireNonNull(accountSid, "accountSid"), Objects.requireNonNull(authToken, "authToken"),
        StandardCharsets.UTF_8);
  }
}
