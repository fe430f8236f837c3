package io.touchbase.spi.channel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;

/**
 * Finds channel providers. The default uses {@link ServiceLoader}; tests pass {@link #of} to
 * control discovery exactly.
 */
@FunctionalInterface
public interface ChannelProviderLoader {

  /**
   * Loads providers. A provider that fails to load is reported to {@code onFailure} with its
   * error and skipped, so one broken jar does not hide the others.
   */
  List<ChannelProvider> load(BiConsumer<String, Throwable> onFailure);

  /** Providers listed in {@code META-INF/services} visible to the class loader. */
  static ChannelProviderLoader serviceLoader(ClassLoader classLoader) {
    return onFailure -> {
      List<ChannelProvider> found = new ArrayList<>();
      Iterator<ChannelProvider> it =
          ServiceLoader.load(ChannelProvider.class, classLoader).iterator();
      while (true) {
        try {
          if (!it.hasNext()) {
            break;
          }
          found.add(it.next());
        } catch (ServiceConfigurationError e) {
          onFailure.accept(e.getMessage(), e);
        }
      }
      return found;
    };
  }

  /** Providers found by the thread's context class loader, else this API's class loader. */
  static ChannelProviderLoader serviceLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return serviceLoader(cl != null ? cl : ChannelProvider.class.getClassLoader());
  }

  /** Exactly these providers, nothing discovered. */
  static ChannelProviderLoader of(ChannelProvider... providers) {
    List<ChannelProvider> list = List.of(providers);
    return onFailure -> list;
  }
}
