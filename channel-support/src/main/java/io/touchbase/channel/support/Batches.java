package io.touchbase.channel.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Splits messages into the requests of a provider's batch API: only messages of equal key (the
 * template, say) share a request, a request holds at most a given number, and never one
 * recipient twice, since providers answer per recipient and could not tell two of one apart.
 * Stateless.
 */
public final class Batches {
  private Batches() {}

  /**
   * The batches, each in the order of {@code items}; batches of one key in the order they were
   * opened, keys in the order of their first item. Each item lands in the first batch of its
   * key that has room and lacks its recipient.
   *
   * @param key what items must share to go in one request; compared with {@code equals}
   * @param recipient whom an item goes to; compared with {@code equals}
   * @param maxSize the most items a request takes
   * @throws IllegalArgumentException if {@code maxSize} is less than 1
   */
  public static <T> List<List<T>> split(
      List<T> items, Function<? super T, ?> key, Function<? super T, ?> recipient, int maxSize) {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(recipient, "recipient");
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be greater than 0, but was " + maxSize);
    }
    Map<Object, List<List<T>>> batchesByKey = new LinkedHashMap<>();
    for (T item : items) {
      List<List<T>> batches = batchesByKey.computeIfAbsent(key.apply(item), k -> new ArrayList<>());
      Object to = recipient.apply(item);
      List<T> target = null;
      for (List<T> batch : batches) {
        if (batch.size() < maxSize && batch.stream().noneMatch(other -> recipient.apply(other).equals(to))) {
          target = batch;
          break;
        }
      }
      if (target == null) {
        target = new ArrayList<>();
        batches.add(target);
      }
      target.add(item);
    }
    List<List<T>> all = new ArrayList<>();
    batchesByKey.values().forEach(batches -> batches.forEach(batch -> all.add(List.copyOf(batch))));
    return List.copyOf(all);
  }
}
