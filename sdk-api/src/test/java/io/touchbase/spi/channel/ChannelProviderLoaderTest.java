package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelProviderLoaderTest {

  @TempDir Path tempDir;

  private final List<String> failures = new ArrayList<>();

  private List<ChannelProvider> load(ChannelProviderLoader loader) {
    return loader.load((message, error) -> failures.add(message));
  }

  @Test
  void ofReturnsExactlyTheGivenProvidersInOrder() {
    ChannelProvider a = new ChannelProviderTest.MinimalProvider("a");
    ChannelProvider b = new ChannelProviderTest.MinimalProvider("b");
    assertThat(load(ChannelProviderLoader.of(a, b))).containsExactly(a, b);
    assertThat(load(ChannelProviderLoader.of())).isEmpty();
    assertThat(failures).isEmpty();
  }

  @Test
  void ofCopiesTheArrayAndReturnsAnUnmodifiableList() {
    ChannelProvider a = new ChannelProviderTest.MinimalProvider("a");
    ChannelProvider[] providers = {a};
    ChannelProviderLoader loader = ChannelProviderLoader.of(providers);
    providers[0] = new ChannelProviderTest.MinimalProvider("b");
    List<ChannelProvider> loaded = load(loader);
    assertThat(loaded).containsExactly(a);
    assertThatThrownBy(() -> loaded.add(a)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void serviceLoaderFindsNothingOnThisModulesTestClasspath() {
    assertThat(load(ChannelProviderLoader.serviceLoader())).isEmpty();
    assertThat(failures).isEmpty();
  }

  @Test
  void serviceLoaderLoadsListedProviders() throws IOException {
    try (URLClassLoader cl = servicesListing(ListedProvider.class.getName())) {
      List<ChannelProvider> loaded = load(ChannelProviderLoader.serviceLoader(cl));
      assertThat(loaded).hasSize(1);
      assertThat(loaded.get(0)).isInstanceOf(ListedProvider.class);
      assertThat(failures).isEmpty();
    }
  }

  @Test
  void serviceLoaderReportsAProviderThatFailsToLoadAndKeepsTheOthers() throws IOException {
    try (URLClassLoader cl =
        servicesListing("io.touchbase.spi.channel.NoSuchProvider", ListedProvider.class.getName())) {
      List<ChannelProvider> loaded = load(ChannelProviderLoader.serviceLoader(cl));
      assertThat(loaded).singleElement().isInstanceOf(ListedProvider.class);
      assertThat(failures).singleElement().asString().contains("io.touchbase.spi.channel.NoSuchProvider");
    }
  }

  @Test
  void serviceLoaderUsesTheContextClassLoader() throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader cl = servicesListing(ListedProvider.class.getName())) {
      thread.setContextClassLoader(cl);
      ChannelProviderLoader loader = ChannelProviderLoader.serviceLoader();
      thread.setContextClassLoader(previous);
      assertThat(load(loader)).singleElement().isInstanceOf(ListedProvider.class);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private URLClassLoader servicesListing(String... classNames) throws IOException {
    Path services = tempDir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.write(services.resolve(ChannelProvider.class.getName()), List.of(classNames));
    return new URLClassLoader(
        new URL[] {tempDir.toUri().toURL()}, ChannelProviderLoaderTest.class.getClassLoader());
  }

  /** Found through the services file written by the tests above. */
  public static final class ListedProvider implements ChannelProvider {
    public ListedProvider() {}

    @Override
    public String id() {
      return "listed";
    }

    @Override
    public ChannelType channelType() {
      return ChannelType.SMS;
    }

    @Override
    public List<AddressKind> requiredAddressKinds() {
      return List.of(AddressKind.PHONE);
    }

    @Override
    public Channel create(ChannelContext context) {
      throw new UnsupportedOperationException();
    }
  }
}
