package io.touchbase.channel.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses {@code application/x-www-form-urlencoded} text (form bodies and query strings, also
 * those of whole URLs), UTF-8.
 * Stateless and thread-safe.
 */
public final class Forms {
  private Forms() {}

  /**
   * Every parameter, in the order of first appearance, with every value of a repeated name in
   * the order given. {@code +} decodes to a space; a name without {@code =} has an empty value.
   *
   * @throws IllegalArgumentException if a percent-escape is malformed; the message holds no
   *     part of the text, which may carry phone numbers
   */
  public static Map<String, List<String>> parse(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    params.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return Collections.unmodifiableMap(params);
  }

  /** The first value of {@code name}, if present. */
  public static Optional<String> first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The parameters of the URL's query, as {@link #parse} reads them; none when it has no query.
   *
   * @throws IllegalArgumentException if the URL or a percent-escape is malformed; the message
   *     holds no part of the URL, which may carry phone numbers or tokens
   */
  public static Map<String, List<String>> queryOf(String url) {
    String query;
    try {
      query = new URI(Objects.requireNonNull(url, "url")).getRawQuery();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("URL is malformed");
    }
    return parse(query == null ? "" : query);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("form data has a malformed percent-escape");
    }
  }
}
