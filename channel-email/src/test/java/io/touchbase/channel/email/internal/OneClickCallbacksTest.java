package io.touchbase.channel.email.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.spi.channel.DispatchId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one-click unsubscribe URL, handled as the engine hands it over from the host's web layer. */
class OneClickCallbacksTest {
  private static SmtpChannel channel;
  private static CallbackHandler handler;
  private static final String TOKEN = EmailTests.tokens().tokenFor(DispatchId.of("e51r2a1"));
  private static final String URL = EmailTests.UNSUBSCRIBE_URL + "/" + TOKEN;
  private static final ChannelEvent OPT_OUT =
      new ChannelEvent.DispatchOptOut(DispatchId.of("e51r2a1"), Purpose.MARKETING, EmailTests.NOW, "email:one-click");

  @BeforeAll
  static void create() {
    channel = EmailTests.channel(EmailTests.settings(2525), EmailTests.secrets());
    handler = channel.callbackHandler().orElseThrow();
  }

  @AfterAll
  static void close() {
    channel.close();
  }

  private static CallbackRejectedException rejected(io.touchbase.api.callback.CallbackRequest request) {
    CallbackRejectedException e = catchThrowableOfType(CallbackRejectedException.class, () -> handler.handle(request));
    assertThat(e).as("rejected").isNotNull();
    assertThat(e.getMessage()).doesNotContain(TOKEN);
    return e;
  }

  @Test
  void aUrlEncodedOneClickPostIsAnOptOutForMarketingAnswered200WithAnEmptyBody() {
    CallbackResult result = handler.handle(EmailTests.callback("POST", URL)
        .header("Content-Type", "application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").build());

    assertThat(result.events()).containsExactly(OPT_OUT);
    assertThat(result.response().status()).isEqualTo(200);
    assertThat(result.response().body()).isEmpty();
  }

  @Test
  void aMultipartOneClickPostIsTheSameOptOut() {
    String body = "--XyZ123\r\n"
        + "Content-Disposition: form-data; name=\"List-Unsubscribe\"\r\n"
        + "\r\n"
        + "One-Click\r\n"
        + "--XyZ123--\r\n";
    CallbackResult result = handler.handle(EmailTests.callback("POST", URL)
        .header("Content-Type", "multipart/form-data; boundary=\"XyZ123\"").body(body).build());

    assertThat(result.events()).containsExactly(OPT_OUT);
    assertThat(result.response().status()).isEqualTo(200);
    assertThat(result.response().body()).isEmpty();
  }

  @Test
  void aMultipartBodyWithAPreambleAndOtherFieldsCounts() {
    String body = "preamble\r\n--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n"
        + "--b\r\ncontent-disposition: FORM-DATA; name=List-Unsubscribe\r\nContent-Type: text/plain\r\n\r\n"
        + "One-Click\r\n"
        + "--b--";
    CallbackResult result = handler.handle(EmailTests.callback("POST", URL)
        .header("content-type", "Multipart/Form-Data; charset=utf-8; boundary=b").body(body).build());

    assertThat(result.events()).containsExactly(OPT_OUT);
  }

  @Test
  void aRepeatedPostGivesTheSameEvent() {
    var request = EmailTests.callback("POST", URL).header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click").build();

    assertThat(handler.handle(request).events()).isEqualTo(handler.handle(request).events());
  }

  @Test
  void aGetAnswersAConfirmationPageThatPostsTheOneClickBodyAndOptsNobodyOut() {
    CallbackResult result = handler.handle(EmailTests.callback("GET", URL).build());

    assertThat(result.events()).isEmpty();
    assertThat(result.response().status()).isEqualTo(200);
    assertThat(result.response().contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(result.response().body())
        .contains("<form method=\"post\">")
        .contains("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">")
        .doesNotContain(TOKEN);
  }

  @Test
  void aForgedOrAlteredTokenIsRejectedOnEveryMethod() {
    String otherKey = new UnsubscribeTokens("another-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
        .tokenFor(DispatchId.of("e51r2a1"));
    String otherDispatch = TOKEN.replaceFirst("^[^.]+", "ZTUxcjNhMQ"); // e51r3a1 with e51r2a1's MAC
    for (String token : new String[] {otherKey, otherDispatch, "", "e51r2a1", TOKEN + "x", TOKEN.replace('.', '!')}) {
      String url = EmailTests.UNSUBSCRIBE_URL + "/" + token;
      assertThat(rejected(EmailTests.callback("POST", url).header("Content-Type", "application/x-www-form-urlencoded")
          .body("List-Unsubscribe=One-Click").build()).status()).as("POST %s", token).isEqualTo(401);
      assertThat(rejected(EmailTests.callback("GET", url).build()).status()).as("GET %s", token).isEqualTo(401);
    }
  }

  @Test
  void aWrongOrMissingBodyIsRejected() {
    String[][] cases = {
      {"application/x-www-form-urlencoded", ""},
      {"application/x-www-form-urlencoded", "List-Unsubscribe=Yes"},
      {"application/x-www-form-urlencoded", "List-Unsubscribe=One-Click&List-Unsubscribe=One-Click"},
      {"application/x-www-form-urlencoded", "list-unsubscribe=One-Click"},
      {"application/x-www-form-urlencoded", "List-Unsubscribe=%E4%"},
      {"application/json", "{\"List-Unsubscribe\":\"One-Click\"}"},
      {"multipart/form-data", "--b\r\n\r\nOne-Click\r\n--b--"},
      {"multipart/form-data; boundary=b", "List-Unsubscribe=One-Click"},
      {"multipart/form-data; boundary=b",
        "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click"},
      {"multipart/form-data; boundary=b",
        "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nOne-Click\r\n--b--"},
    };
    for (String[] c : cases) {
      CallbackRejectedException e = rejected(EmailTests.callback("POST", URL).header("Content-Type", c[0]).body(c[1])
          .build());
      assertThat(e.status()).as("%s: %s", c[0], c[1]).isEqualTo(400);
    }
  }

  @Test
  void otherMethodsAreRejected() {
    for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
      assertThat(rejected(EmailTests.callback(method, URL).body("List-Unsubscribe=One-Click").build()).status())
          .isEqualTo(405);
    }
  }

  @Test
  void aQueryAddedToTheUrlDoesNotMatter() {
    CallbackResult result = handler.handle(EmailTests.callback("POST", URL + "?utm=x")
        .header("Content-Type", "application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").build());

    assertThat(result.events()).containsExactly(OPT_OUT);
  }
}
