package io.touchbase.channel.email.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578): the value of every part that has a {@code
 * Content-Disposition: form-data; name="..."}, decoded as UTF-8. Small on purpose: the one-click
 * body is one short field, so parts are not streamed, nested multiparts and transfer encodings
 * are not read, and CRLF and bare LF line ends are both accepted. Stateless and thread-safe.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class FormData {
  private FormData() {}

  /**
   * The boundary parameter of a {@code multipart/form-data} content type.
   *
   * @throws IllegalArgumentException if it is missing or not 1 to 70 characters (RFC 2046)
   */
  static String boundary(String contentType) {
    String boundary = parameter(contentType, "boundary")
        .orElseThrow(() -> new IllegalArgumentException("multipart/form-data without a boundary"));
    if (boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")
        || !boundary.chars().allMatch(c -> c >= 32 && c < 127)) {
      throw new IllegalArgumentException("multipart/form-data with a malformed boundary");
    }
    return boundary;
  }

  /**
   * The fields of a body, each name with its values in order.
   *
   * @throws IllegalArgumentException if the body does not have the shape of a multipart body with
   *     this boundary; the message holds no part of the body
   */
  static Map<String, List<String>> parse(byte[] body, String boundary) {
    // ISO-8859-1 maps bytes to chars one to one, so that positions stay byte positions.
    String s = new String(body, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    String delimiter = "--" + boundary;
    Map<String, List<String>> fields = new LinkedHashMap<>();
    int at;
    if (s.startsWith(delimiter)) {
      at = 0;
    } else {
      at = s.indexOf("\n" + delimiter);
      if (at < 0) {
        throw new IllegalArgumentException("multipart body without its boundary");
      }
      at++;
    }
    while (true) {
      at += delimiter.length();
      if (s.startsWith("--", at)) {
        return Collections.unmodifiableMap(fields); // the close delimiter; an epilogue is ignored
      }
      while (at < s.length() && (s.charAt(at) == ' ' || s.charAt(at) == '\t')) {
        at++;
      }
      if (at >= s.length() || s.charAt(at) != '\n') {
        throw new IllegalArgumentException("multipart boundary line is malformed");
      }
      at++;
      int next = s.indexOf("\n" + delimiter, at - 1);
      if (next < at - 1) {
        throw new IllegalArgumentException("multipart body is not closed");
      }
      String part = next < at ? "" : s.substring(at, next);
      readPart(part).ifPresent(f -> fields.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f.value()));
      at = next + 1;
    }
  }

  private record Field(String name, String value) {}

  private static Optional<Field> readPart(String part) {
    if (part.isEmpty()) {
      return Optional.empty();
    }
    int end;
    String headers;
    if (part.startsWith("\n")) {
      headers = "";
      end = 1;
    } else {
      int blank = part.indexOf("\n\n");
      if (blank < 0) {
        throw new IllegalArgumentException("multipart part without the blank line after its headers");
      }
      headers = part.substring(0, blank);
      end = blank + 2;
    }
    Optional<String> name = Optional.empty();
    for (String line : headers.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-Disposition")) {
        String value = line.substring(colon + 1).strip();
        if (value.toLowerCase(Locale.ROOT).startsWith("form-data")) {
          name = parameter(value, "name");
        }
      }
    }
    String value = new String(part.substring(end).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    return name.map(n -> new Field(utf8(n), value));
  }

  private static String utf8(String isoText) {
    return new String(isoText.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  /** A parameter of a header value such as {@code form-data; name="x"}, unquoted. */
  static Optional<String> parameter(String headerValue, String name) {
    String[] pieces = headerValue.split(";");
    for (int i = 1; i < pieces.length; i++) {
      String piece = pieces[i].strip();
      int eq = piece.indexOf('=');
      if (eq > 0 && piece.substring(0, eq).strip().equalsIgnoreCase(name)) {
        String value = piece.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
