package io.touchbase.testkit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.callback.CallbackRequest;
import io.touchbase.spi.channel.CallbackHandler;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.CallbackResult;
import io.touchbase.testkit.logging.PiiLeakAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads fuzz inputs and checks what the code under fuzzing may show. A callback input is text in
 * the shape of an HTTP request, so that seeds stay readable and the fuzzer can mutate every part:
 *
 * <pre>
 * POST https://shop.example/cb?token=t
 * Content-Type: application/json
 *
 * [{"phone_number":"13800138000"}]
 * </pre>
 *
 * <p>Jazzer fuzzes only with {@code JAZZER_FUZZ} set; without it a {@code @FuzzTest} runs its seed
 * inputs once. {@link #boundedRun} adds a short, deterministic mutation run of the same target to
 * the normal suite.
 *
 * <p>For Jazzer {@code @FuzzTest}s of channel plugins: the seed layout follows Jazzer's ({@code
 * <package>/<Class>Inputs/<method>/}). {@link #assertNoPiiLogged} needs the {@link
 * io.touchbase.testkit.logging.PiiLeakAppender} installed.
 */
public final class FuzzInputs {
  /** The URL of a request whose input names none: {@code https://shop.example/touchbase/callbacks/<channel>}. */
  public static final String DEFAULT_URL_PREFIX = "https://shop.example/touchbase/callbacks/";
  private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]{11,}");
  private static final String[] TOKENS = {
    "\"", "{", "}", "[", "]", ",", ":", "%", "%zz", "%E4%", "&", "=", "+", "\\", "\u0000", "\n", "?", "#",
    "null", "true", "1e999", "-1", "99999999999999999999", "13800138000", "+8613800138000", "0086", "é", "\uD83D",
    "token=", "&token=", ":443", ":80", "[{}]", "[[[[[[[[", "\"success\":", "1.5e17", "\t"
  };

  private FuzzInputs() {}

  /** An input as UTF-8 text. */
  public static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  /**
   * The request an input describes: the first line is {@code METHOD URL}, then header lines up to
   * an empty line, then the body. A missing method or URL takes a default, so that every input
   * reaches the handler.
   */
  public static CallbackRequest request(String channel, byte[] data) {
    String s = text(data);
    int end = s.indexOf('\n');
    String first = end < 0 ? s : s.substring(0, end);
    String rest = end < 0 ? "" : s.substring(end + 1);
    int space = first.indexOf(' ');
    String method = space < 0 ? first.strip() : first.substring(0, space).strip();
    String url = space < 0 ? "" : first.substring(space + 1).strip();
    CallbackRequest.Builder b = CallbackRequest.builder(channel)
        .method(method.isEmpty() ? "POST" : method)
        .url(url.isEmpty() ? DEFAULT_URL_PREFIX + channel : url);
    while (true) {
      int nl = rest.indexOf('\n');
      String line = nl < 0 ? rest : rest.substring(0, nl);
      if (line.isBlank()) {
        rest = nl < 0 ? "" : rest.substring(nl + 1);
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && !line.substring(0, colon).isBlank()) {
        b.header(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
      if (nl < 0) {
        rest = "";
        break;
      }
      rest = rest.substring(nl + 1);
    }
    return b.body(rest).build();
  }

  /**
   * Hands a request to a handler and checks the documented outcomes: a result with a response,
   * or a {@link CallbackRejectedException} (400 or 401) that shows no phone number of the input;
   * and no log line with personal data.
   */
  public static void handle(CallbackHandler handler, CallbackRequest request, String input) {
    try {
      CallbackResult result = handler.handle(request);
      assertThat(result.response()).isNotNull();
      assertThat(result.events()).doesNotContainNull();
    } catch (CallbackRejectedException e) {
      assertThat(e.status()).isIn(400, 401);
      assertNoDigitRunOfInput(input, e);
    }
    assertNoPiiLogged();
  }

  /** Fails when a message shows a run of 11 or more digits that the input holds (a phone number). */
  public static void assertNoDigitRunOfInput(String input, Throwable e) {
    String message = String.valueOf(e.getMessage());
    Matcher m = DIGIT_RUN.matcher(message);
    while (m.find()) {
      assertThat(input).as("message of %s shows digits of the input: %s", e.getClass().getSimpleName(), message)
          .doesNotContain(m.group());
    }
  }

  /** Fails at the input that made a log line with a full phone number or email. */
  public static void assertNoPiiLogged() {
    assertThat(PiiLeakAppender.drain()).as("log lines with personal data").isEmpty();
  }

  /** The seed inputs of a fuzz test, from {@code <package>/<Class>Inputs/<method>/}. */
  public static List<byte[]> seeds(Class<?> testClass, String method) {
    URL dir = testClass.getResource(testClass.getSimpleName() + "Inputs/" + method);
    assertThat(dir).as("seed directory of %s.%s", testClass.getSimpleName(), method).isNotNull();
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      List<byte[]> seeds = new ArrayList<>();
      for (Path f : files.sorted().toList()) {
        seeds.add(Files.readAllBytes(f));
      }
      assertThat(seeds).as("seeds of %s.%s", testClass.getSimpleName(), method).isNotEmpty();
      return seeds;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs a target on every seed and on {@code iterations} deterministic mutations of them (byte
   * flips, insertions of structural tokens, deletions, splices), so that the normal suite checks
   * malformed shapes without a fuzzing run. The seed of the random source is fixed: a failure
   * repeats.
   */
  public static void boundedRun(Class<?> testClass, String method, int iterations, Consumer<byte[]> target) {
    List<byte[]> seeds = seeds(testClass, method);
    seeds.forEach(target);
    Random random = new Random(method.hashCode());
    for (int i = 0; i < iterations; i++) {
      byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), seeds, random);
      try {
        target.accept(input);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("mutation " + i + " failed; input: " + text(input), e);
      }
    }
  }

  private static byte[] mutate(byte[] seed, List<byte[]> seeds, Random random) {
    StringBuilder s = new StringBuilder(text(seed));
    int steps = 1 + random.nextInt(4);
    for (int k = 0; k < steps; k++) {
      int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
      switch (random.nextInt(5)) {
        case 0 -> s.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
        case 1 -> {
          if (s.length() > 0) {
            int from = Math.min(at, s.length() - 1);
            s.delete(from, Math.min(s.length(), from + 1 + random.nextInt(8)));
          }
        }
        case 2 -> {
          if (at < s.length()) {
            s.setCharAt(at, (char) (s.charAt(at) ^ (1 << random.nextInt(7))));
          }
        }
        case 3 -> {
          String other = text(seeds.get(random.nextInt(seeds.size())));
          int from = other.isEmpty() ? 0 : random.nextInt(other.length());
          s.insert(at, other, from, Math.min(other.length(), from + 1 + random.nextInt(24)));
        }
        default -> {
          if (at < s.length() && Character.isDigit(s.charAt(at))) {
            s.insert(at, "9".repeat(1 + random.nextInt(20)));
          } else {
            s.insert(at, random.nextInt(10));
          }
        }
      }
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }
}
