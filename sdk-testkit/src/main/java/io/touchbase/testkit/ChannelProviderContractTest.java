package io.touchbase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.touchbase.api.ConfigurationException;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ChannelProviderLoader;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every channel plugin must keep, as one abstract JUnit 5 class. Extend it and
 * return your provider; override the hooks that your provider needs:
 *
 * <pre>{@code
 * class DingTalkProviderTest extends ChannelProviderContractTest {
 *   @Override protected ChannelProvider provider() { return new DingTalkRobotProvider(); }
 * }
 * }</pre>
 *
 * <p>A provider that calls an HTTP API points a setting at a MockWebServer in {@link #settings()},
 * offers the shared client in {@link #services()}, and enqueues the API's answers in {@link
 * #prepareSuccessfulSend()}, {@link #prepareFailingSend()} and {@link #prepareLookup()}. Every
 * test creates its own channel through {@code provider().create(context)} and closes it.
 */
public abstract class ChannelProviderContractTest {
  /** The channel name of the contexts and messages the contract uses. */
  protected static final String CHANNEL_NAME = "contract-test";

  private static final int THREADS = 8;
  private static final int SENDS_PER_THREAD = 25;
  // Lets a subclass enqueue one canned answer per send without making its own hooks thread-safe.
  private final Object prepareLock = new Object();

  /** A new instance of the provider under test. */
  protected abstract ChannelProvider provider();

  /** Valid settings: every key in {@code requiredSettings()}. Default: none. */
  protected Map<String, String> settings() {
    return Map.of();
  }

  /**
   * Valid secrets: every name in {@code requiredSecrets()}. Default: none. Use distinctive values
   * of at least 6 characters; the contract checks that none of them leaks.
   */
  protected Map<String, String> secrets() {
    return Map.of();
  }

  /** Shared services the context offers by type, such as an {@code OkHttpClient}. Default: none. */
  protected Map<Class<?>, Object> services() {
    return Map.of();
  }

  /** The context clock. Default: {@link Clock#systemUTC()}; return a {@link MutableClock} to pin it. */
  protected Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * A message the provider can send. Default: a transactional message of template {@code
   * contract-test} with variable {@code name=Contract} and text {@code Hello Contract}, to an
   * address of the provider's first address kind: {@code +8613800138000}, {@code
   * jane.doe@example.com}, or {@code contract-test-user} (scoped to {@code app-1} where the kind
   * is scoped). Called from several threads at once.
   */
  protected OutboundMessage message(DispatchId dispatchId) {
    return ContractMessages.message(
        dispatchId, CHANNEL_NAME, provider().requiredAddressKinds().get(0));
  }

  /** Called before each send that must succeed, e.g. to enqueue a response. Default: nothing. */
  protected void prepareSuccessfulSend() {}

  /**
   * Makes the next send fail, e.g. by enqueueing an error response.
   *
   * @return whether the provider has a failure scenario; the default, false, skips that test
   */
  protected boolean prepareFailingSend() {
    return false;
  }

  /** Called before looking up an unknown dispatch id, e.g. to enqueue the answer. Default: nothing. */
  protected void prepareLookup() {}

  @Test
  @DisplayName("is listed in META-INF/services, so ServiceLoader finds it")
  void registeredThroughServiceLoader() {
    Class<?> type = provider().getClass();
    List<String> failures = new ArrayList<>();
    List<Class<?>> found = new ArrayList<>();
    ChannelProviderLoader.serviceLoader()
        .load((what, error) -> failures.add(what))
        .forEach(p -> found.add(p.getClass()));
    assertThat(found)
        .as("ServiceLoader.load(ChannelProvider.class) should find %s: list it in "
            + "META-INF/services/%s (providers that failed to load: %s)",
            type.getName(), ChannelProvider.class.getName(), failures)
        .contains(type);
  }

  @Test
  @DisplayName("has a lower-kebab-case id that every instance reports alike")
  void idIsLowerKebabCaseAndStable() {
    String id = provider().id();
    assertThat(id).as("id()").isNotBlank().matches("[a-z0-9]+(-[a-z0-9]+)*");
    assertThat(provider().id()).as("id() of a second instance").isEqualTo(id);
  }

  @Test
  @DisplayName("declares a channel type and at least one address kind, none null")
  void declaresChannelTypeAndAddressKinds() {
    ChannelProvider p = provider();
    assertThat(p.channelType()).as("channelType()").isNotNull();
    assertThat(p.requiredAddressKinds()).as("requiredAddressKinds()").isNotEmpty().doesNotContainNull();
    assertThat(p.requiredSettings()).as("requiredSettings()").isNotNull().doesNotContainNull();
    assertThat(p.requiredSecrets()).as("requiredSecrets()").isNotNull().doesNotContainNull();
  }

  @Test
  @DisplayName("was built against an SPI version this API supports")
  void spiVersionIsSupported() {
    assertThat(provider().spiVersion()).as("spiVersion()").isBetween(1, ChannelProvider.SPI_VERSION);
  }

  @Test
  @DisplayName("creating without a required setting throws ConfigurationException naming it")
  void missingRequiredSettingIsNamed() {
    ChannelProvider p = provider();
    assumeFalse(p.requiredSettings().isEmpty(), "the provider declares no required settings");
    assertThat(settings()).as("settings() of this test").containsKeys(p.requiredSettings().toArray(String[]::new));
    for (String key : p.requiredSettings()) {
      Map<String, String> without = new HashMap<>(settings());
      without.remove(key);
      Throwable thrown = catchThrowable(() -> createAndClose(p, without, secrets()));
      assertThat(thrown).as("creating without setting '%s'", key)
          .isInstanceOf(ConfigurationException.class).hasMessageContaining(key);
    }
  }

  @Test
  @DisplayName("creating without a required secret throws ConfigurationException naming it, not showing values")
  void missingRequiredSecretIsNamed() {
    ChannelProvider p = provider();
    assumeFalse(p.requiredSecrets().isEmpty(), "the provider declares no required secrets");
    assertThat(secrets()).as("secrets() of this test").containsKeys(p.requiredSecrets().toArray(String[]::new));
    for (String name : p.requiredSecrets()) {
      Map<String, String> without = new HashMap<>(secrets());
      without.remove(name);
      Throwable thrown = catchThrowable(() -> createAndClose(p, settings(), without));
      assertThat(thrown).as("creating without secret '%s'", name)
          .isInstanceOf(ConfigurationException.class).hasMessageContaining(name);
      assertNoLeak(thrown.getMessage(), "the message of the ConfigurationException");
    }
  }

  @Test
  @DisplayName("a successful send returns the provider's message id")
  void successfulSendReturnsProviderMessageId() {
    try (Channel channel = create()) {
      prepareSuccessfulSend();
      SendResult result = channel.send(message(DispatchId.of("contract-success")));
      assertThat(result).as("send() result").isNotNull();
      assertThat(result.providerMessageId()).as("providerMessageId").isNotBlank();
    }
  }

  @Test
  @DisplayName("a failed send throws ChannelException, without secrets or the address")
  void failedSendThrowsChannelException() {
    try (Channel channel = create()) {
      assumeTrue(prepareFailingSend(), "prepareFailingSend() returns false: no failure scenario");
      Throwable thrown = catchThrowable(() -> channel.send(message(DispatchId.of("contract-failure"))));
      assertThat(thrown).as("what a failed send throws").isInstanceOf(ChannelException.class);
      assertNoLeak(String.valueOf(thrown.getMessage()), "the message of the ChannelException");
    }
  }

  @Test
  @DisplayName("sends from 8 threads at once all succeed")
  void concurrentSendsSucceed() throws InterruptedException {
    List<SendResult> results = new ArrayList<>();
    try (Channel channel = create()) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<SendResult>>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          futures.add(pool.submit(() -> sendMany(channel, thread, start)));
        }
        start.countDown();
        for (Future<List<SendResult>> f : futures) {
          results.addAll(f.get(60, TimeUnit.SECONDS));
        }
      } catch (ExecutionException e) {
        fail("a concurrent send threw " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        fail("concurrent sends did not finish within 60 seconds: a deadlock?", e);
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(results).hasSize(THREADS * SENDS_PER_THREAD)
        .allSatisfy(r -> assertThat(r.providerMessageId()).isNotBlank());
  }

  private List<SendResult> sendMany(Channel channel, int thread, CountDownLatch start)
      throws InterruptedException {
    start.await();
    List<SendResult> results = new ArrayList<>();
    for (int i = 0; i < SENDS_PER_THREAD; i++) {
      synchronized (prepareLock) {
        prepareSuccessfulSend();
      }
      results.add(channel.send(message(DispatchId.of("contract-t" + thread + "-" + i))));
    }
    return results;
  }

  @Test
  @DisplayName("close() can be called twice")
  void closeIsIdempotent() {
    Channel channel = create();
    assertThatCode(() -> {
      channel.close();
      channel.close();
    }).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("toString() of provider, channel and context shows no secret and no full address")
  void toStringShowsNoSecrets() {
    ChannelProvider p = provider();
    TestChannelContext context = context(settings(), secrets());
    try (Channel channel = p.create(context)) {
      prepareSuccessfulSend();
      channel.send(message(DispatchId.of("contract-tostring")));
      assertNoLeak(p.toString(), "provider.toString()");
      assertNoLeak(channel.toString(), "channel.toString()");
      assertNoLeak(context.toString(), "context.toString()");
    }
  }

  @Test
  @DisplayName("looking up an unknown dispatch id answers and does not throw")
  void lookupOfUnknownDispatchAnswers() {
    try (Channel channel = create()) {
      prepareLookup();
      LookupResult result = assertDoesNotThrow(
          () -> channel.lookup(DispatchId.of("contract-unknown")),
          "lookup() must answer UNKNOWN rather than throw when it cannot tell");
      assertThat(result).as("lookup() result").isNotNull();
    }
  }

  private Channel create() {
    Channel channel = provider().create(context(settings(), secrets()));
    return Objects.requireNonNull(channel, "provider().create(context) returned null");
  }

  private void createAndClose(ChannelProvider p, Map<String, String> settings, Map<String, String> secrets) {
    Channel channel = p.create(context(settings, secrets));
    if (channel != null) {
      channel.close(); // creation should have failed; release what it opened anyway
    }
  }

  private TestChannelContext context(Map<String, String> settings, Map<String, String> secrets) {
    return TestChannelContext.builder()
        .channelName(CHANNEL_NAME)
        .providerId(provider().id())
        .settings(settings)
        .secrets(secrets)
        .clock(clock())
        .services(services())
        .build();
  }

  private void assertNoLeak(String text, String what) {
    OutboundMessage m = message(DispatchId.of("contract-leak"));
    for (String value : ContractMessages.sensitive(secrets(), m.to())) {
      assertThat(text).as("%s must not show a secret or a full address", what).doesNotContain(value);
    }
  }
}
