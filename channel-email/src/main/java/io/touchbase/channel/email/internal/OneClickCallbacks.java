package io.touchbase.channel.email.internal;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.api.callback.CallbackResponse;
import io.touchbase.api.contact.Purpose;
import io.touchbase.channel.support.Forms;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.spi.channel.DispatchId;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the one-click unsubscribe URL of marketing email (RFC 8058). The token in the URL's last
 * path segment is checked first, on every method.
 *
 * <ul>
 *   <li>{@code POST} with the body {@code List-Unsubscribe=One-Click}, as {@code
 *       application/x-www-form-urlencoded} or {@code multipart/form-data}: a {@link
 *       ChannelEvent.DispatchOptOut} for marketing, and 200 with an empty body. A repeated POST
 *       gives the same event; recording it once is the engine's job.
 *   <li>{@code GET} (and {@code HEAD}): a small confirmation page whose button POSTs that body,
 *       and no event: mail scanners open links, so a GET must never unsubscribe.
 *   <li>Anything else, a wrong token or a wrong body: {@link CallbackRejectedException}.
 * </ul>
 *
 * Thread-safe.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class OneClickCallbacks implements CallbackHandler {
  static final String SOURCE = "email:one-click";
  private static final Logger LOG = LoggerFactory.getLogger(OneClickCallbacks.class);
  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final String FIELD = "List-Unsubscribe";
  private static final String VALUE = "One-Click";
  private static final String HTML = "text/html; charset=utf-8";

  private final String channel;
  private final UnsubscribeTokens tokens;
  private final Clock clock;

  OneClickCallbacks(String channel, UnsubscribeTokens tokens, Clock clock) {
    this.channel = channel;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public CallbackResult handle(CallbackRequest request) {
    String method = request.method();
    if (!method.equals("POST") && !method.equals("GET") && !method.equals("HEAD")) {
      throw new CallbackRejectedException(405, "one-click unsubscribe accepts POST and GET only");
    }
    DispatchId dispatch = tokens.verify(token(request.url()))
        .orElseThrow(() -> CallbackRejectedException.unverified("unsubscribe token is malformed or forged"));
    if (!method.equals("POST")) {
      return new CallbackResult(List.of(), CallbackResponse.ok(HTML, PAGE));
    }
    requireOneClickBody(request);
    LOG.info("Channel '{}': one-click unsubscribe through dispatch {}", channel, dispatch);
    return new CallbackResult(
        List.of(new ChannelEvent.DispatchOptOut(dispatch, Purpose.MARKETING, clock.instant(), SOURCE)),
        CallbackResponse.text(200, ""));
  }

  /** The last segment of the URL's path; a query the receiver may add is ignored. */
  private static String token(String url) {
    String path;
    try {
      path = new URI(url).getRawPath();
    } catch (URISyntaxException e) {
      throw CallbackRejectedException.unverified("unsubscribe URL is malformed");
    }
    if (path == null || path.isEmpty()) {
      throw CallbackRejectedException.unverified("unsubscribe URL has no token");
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static void requireOneClickBody(CallbackRequest request) {
    byte[] body = request.body();
    if (body.length > MAX_BODY_BYTES) {
      throw CallbackRejectedException.malformed("one-click body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    String contentType = request.header("Content-Type").orElse("application/x-www-form-urlencoded");
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    Map<String, List<String>> fields;
    try {
      fields = switch (mediaType) {
        case "application/x-www-form-urlencoded" -> Forms.parse(new String(body, StandardCharsets.UTF_8).strip());
        case "multipart/form-data" -> FormData.parse(body, FormData.boundary(contentType));
        // The type given is not echoed: it is request text.
        default -> throw CallbackRejectedException.malformed(
            "one-click body must be application/x-www-form-urlencoded or multipart/form-data");
      };
    } catch (IllegalArgumentException e) {
      throw CallbackRejectedException.malformed("one-click body is malformed: " + e.getMessage());
    }
    List<String> values = fields.getOrDefault(FIELD, List.of());
    if (values.size() != 1 || !values.get(0).strip().equals(VALUE)) {
      throw CallbackRejectedException.malformed("one-click body must be " + UnsubscribeLinks.ONE_CLICK);
    }
  }

  // No action attribute: the form posts back to the URL of the page, so no request text is echoed.
  static final String PAGE = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        + "<meta name=\"robots\" content=\"noindex\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Unsubscribe</title></head>\n"
        + "<body><p>Stop receiving these emails?</p>\n<form method=\"post\">"
        + "<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + VALUE + "\">"
        + "<button type=\"submit\">Unsubscribe</button></form></body></html>\n";

  @Override
  public String toString() {
    return "OneClickCallbacks{channel=" + channel + "}";
  }
}
