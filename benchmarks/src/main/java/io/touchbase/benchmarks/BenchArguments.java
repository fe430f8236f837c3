package io.touchbase.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name=value} arguments of the benchmark mains, checked against the names a main
 * knows so that a misspelt option fails instead of silently running the default.
 *
 * <p>This class is internal and is hence not for public use.
 */
final class BenchArguments {
  private BenchArguments() {}

  /** The arguments by name; throws naming the first malformed or unknown one. */
  static Map<String, String> parse(String[] args, Set<String> known) {
    Map<String, String> a = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("argument '" + arg + "': expected --name=value");
      }
      a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    for (String k : a.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("argument '--" + k + "' is unknown; known: " + known);
      }
    }
    return a;
  }
}
