package io.touchbase.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.Cadences;
import io.touchbase.api.callback.Callbacks;
import io.touchbase.api.contact.Contacts;
import io.touchbase.api.event.Events;
import io.touchbase.api.event.TouchbaseListener;
import io.touchbase.api.touchpoint.Touchpoints;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.ChannelProviderLoader;
import io.touchbase.spi.engine.EngineProvider;
import io.touchbase.spi.engine.TouchbaseConfig;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TouchbaseTest {

  @TempDir Path tempDir;

  private static Touchbase.Builder builder() {
    return Touchbase.builder().instanceName("test-instance");
  }

  // ---- setters -------------------------------------------------------------------------------

  @Test
  void countSettersRejectZeroAndNegativeValues() {
    Touchbase.Builder b = builder();
    assertThatThrownBy(() -> b.schedulerThreads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schedulerThreads must be greater than 0, but was 0");
    assertThatThrownBy(() -> b.schedulerThreads(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schedulerThreads must be greater than 0, but was -1");
    assertThatThrownBy(() -> b.maxSendAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSendAttempts must be greater than 0, but was 0");
    assertThatThrownBy(() -> b.maxSendAttempts(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSendAttempts must be greater than 0, but was -1");
  }

  @Test
  void durationSettersRejectZeroAndNegativeValues() {
    Touchbase.Builder b = builder();
    assertThatThrownBy(() -> b.pollingInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pollingInterval must be greater than 0, but was PT0S");
    assertThatThrownBy(() -> b.pollingInterval(Duration.ofSeconds(-1)))
        .hasMessage("pollingInterval must be greater than 0, but was PT-1S");
    assertThatThrownBy(() -> b.heartbeatInterval(Duration.ZERO))
        .hasMessage("heartbeatInterval must be greater than 0, but was PT0S");
    assertThatThrownBy(() -> b.heartbeatInterval(Duration.ofMinutes(-1)))
        .hasMessage("heartbeatInterval must be greater than 0, but was PT-1M");
    assertThatThrownBy(() -> b.retryBackoff(Duration.ZERO))
        .hasMessage("retryBackoff must be greater than 0, but was PT0S");
    assertThatThrownBy(() -> b.retryBackoff(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retryBackoff must be greater than 0, but was PT-0.001S");
    assertThatThrownBy(() -> b.pollingInterval(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("pollingInterval must not be null");
  }

  @Test
  void settersRejectNullNamingTheSetting() {
    Touchbase.Builder b = builder();
    assertNullRejected(() -> b.database(null), "database");
    assertNullRejected(() -> b.clock(null), "clock");
    assertNullRejected(() -> b.channel(null), "channel");
    assertNullRejected(() -> b.template(null), "template");
    assertNullRejected(() -> b.cadence(null), "cadence");
    assertNullRejected(() -> b.channelProviderLoader(null), "channelProviderLoader");
    assertNullRejected(() -> b.addChannelProvider(null), "channelProvider");
    assertNullRejected(() -> b.secretResolver(null), "secretResolver");
    assertNullRejected(() -> b.addListener(null), "listener");
    assertNullRejected(() -> b.inDoubtPolicy(null), "inDoubtPolicy");
    assertNullRejected(() -> b.quietHours(null), "quietHours");
    assertNullRejected(() -> b.marketingConsent(null), "marketingConsent");
    assertNullRejected(() -> b.defaultZone(null), "defaultZone");
    assertNullRejected(() -> b.instanceName(null), "instanceName");
  }

  private static void assertNullRejected(Callable<?> call, String field) {
    assertThatThrownBy(call::call)
        .isInstanceOf(NullPointerException.class)
        .hasMessage(field + " must not be null");
  }

  @Test
  void instanceNameMustBeAName() {
    assertThatThrownBy(() -> Touchbase.builder().instanceName("my instance"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("instanceName must start with a letter or digit");
  }

  // ---- toConfig ------------------------------------------------------------------------------

  @Test
  void toConfigCarriesDocumentedDefaults() {
    TouchbaseConfig c = builder().toConfig();
    assertThat(c.database()).isEqualTo(Database.h2File(Database.DEFAULT_H2_PATH));
    assertThat(c.clock()).isEqualTo(Clock.systemUTC());
    assertThat(c.channels()).isEmpty();
    assertThat(c.templates()).isEmpty();
    assertThat(c.cadences()).isEmpty();
    assertThat(c.channelProviders()).isEmpty();
    assertThat(c.listeners()).isEmpty();
    assertThat(c.channelProviderLoader()).isNotNull();
    assertThat(c.secretResolver()).isNotNull();
    assertThat(c.schedulerThreads()).isEqualTo(Touchbase.Builder.DEFAULT_SCHEDULER_THREADS).isEqualTo(10);
    assertThat(c.pollingInterval())
        .isEqualTo(Touchbase.Builder.DEFAULT_POLLING_INTERVAL)
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(c.heartbeatInterval())
        .isEqualTo(Touchbase.Builder.DEFAULT_HEARTBEAT_INTERVAL)
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(c.maxSendAttempts()).isEqualTo(Touchbase.Builder.DEFAULT_MAX_SEND_ATTEMPTS).isEqualTo(3);
    assertThat(c.retryBackoff())
        .isEqualTo(Touchbase.Builder.DEFAULT_RETRY_BACKOFF)
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(c.instanceName()).isEqualTo("test-instance");
    assertThat(c.inDoubtPolicy()).isEqualTo(InDoubtPolicy.TREAT_AS_SENT);
    assertThat(c.quietHours()).isEqualTo(QuietHours.DEFAULT);
    assertThat(c.marketingConsent()).isEqualTo(MarketingConsent.OPT_IN_REQUIRED);
    assertThat(c.defaultZone()).isEqualTo(ZoneId.systemDefault());
    assertThat(c.attributionWindow())
        .isEqualTo(Touchbase.Builder.DEFAULT_ATTRIBUTION_WINDOW)
        .isEqualTo(Duration.ofDays(3));
  }

  @Test
  void toConfigCarriesEverySetValue() {
    Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    ChannelProvider provider = fakeChannelProvider();
    ChannelProviderLoader loader = ChannelProviderLoader.of();
    SecretResolver resolver = SecretResolver.none();
    TouchbaseListener listener = new TouchbaseListener() {};
    CadenceDefinition cadence =
        CadenceDefinition.builder("renewal").round(r -> r.channel("sms").template("renewal-1")).build();
    QuietHours quiet = QuietHours.between(LocalTime.of(22, 0), LocalTime.of(7, 0));

    TouchbaseConfig c =
        Touchbase.builder()
            .database(Database.h2InMemory("test"))
            .clock(clock)
            .channel("sms", "dry-run")
            .channel(ChannelConfig.of("email", "dry-run"))
            .template("renewal-1", "Hi {{name}}")
            .template(Template.of("renewal-2", "Bye"))
            .cadence(cadence)
            .channelProviderLoader(loader)
            .addChannelProvider(provider)
            .secretResolver(resolver)
            .addListener(listener)
            .schedulerThreads(2)
            .pollingInterval(Duration.ofMillis(50))
            .heartbeatInterval(Duration.ofSeconds(5))
            .instanceName("node-1")
            .inDoubtPolicy(InDoubtPolicy.RESEND)
            .quietHours(quiet)
            .marketingConsent(MarketingConsent.UNLESS_OPTED_OUT)
            .defaultZone(ZoneId.of("Asia/Shanghai"))
            .maxSendAttempts(5)
            .retryBackoff(Duration.ofSeconds(30))
            .attributionWindow(Duration.ofHours(12))
            .toConfig();

    assertThat(c.database()).isEqualTo(Database.h2InMemory("test"));
    assertThat(c.clock()).isSameAs(clock);
    assertThat(c.channels()).extracting(ChannelConfig::name).containsExactly("sms", "email");
    assertThat(c.templates()).extracting(Template::id).containsExactly("renewal-1", "renewal-2");
    assertThat(c.cadences()).containsExactly(cadence);
    assertThat(c.channelProviderLoader()).isSameAs(loader);
    assertThat(c.channelProviders()).containsExactly(provider);
    assertThat(c.secretResolver()).isSameAs(resolver);
    assertThat(c.listeners()).containsExactly(listener);
    assertThat(c.schedulerThreads()).isEqualTo(2);
    assertThat(c.pollingInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.instanceName()).isEqualTo("node-1");
    assertThat(c.inDoubtPolicy()).isEqualTo(InDoubtPolicy.RESEND);
    assertThat(c.quietHours()).isEqualTo(quiet);
    assertThat(c.marketingConsent()).isEqualTo(MarketingConsent.UNLESS_OPTED_OUT);
    assertThat(c.defaultZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(c.maxSendAttempts()).isEqualTo(5);
    assertThat(c.retryBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.attributionWindow()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void attributionWindowMayBeZeroButNotNegative() {
    assertThat(builder().attributionWindow(Duration.ZERO).toConfig().attributionWindow()).isZero();
    assertThatThrownBy(() -> builder().attributionWindow(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attributionWindow must not be negative, but was PT-1S");
    assertThatThrownBy(() -> builder().attributionWindow(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("attributionWindow must not be null");
  }

  @Test
  void toConfigNamesTheInstanceAfterTheHostWhenUnset() {
    String name = Touchbase.builder().toConfig().instanceName();
    assertThat(name).matches("[A-Za-z0-9._-]{1,40}-[0-9a-f]{8}");
  }

  @Test
  void toConfigRejectsAChannelNameGivenTwice() {
    Touchbase.Builder b =
        builder().channel("sms", "dry-run").channel("email", "dry-run").channel("sms", "aliyun-sms");
    assertThatThrownBy(b::toConfig)
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("channels: channel 'sms' is configured twice");
  }

  @Test
  void toConfigRejectsATemplateIdGivenTwice() {
    Touchbase.Builder b =
        builder().template("renewal-1", "Hi").template("renewal-2", "Yo").template("renewal-1", "Hey");
    assertThatThrownBy(b::toConfig)
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("templates: template 'renewal-1' is given twice");
  }

  @Test
  void toConfigIsASnapshot() {
    Touchbase.Builder b = builder().channel("sms", "dry-run").template("t1", "Hi");
    TouchbaseConfig c = b.toConfig();
    b.channel("email", "dry-run").template("t2", "Yo").addListener(new TouchbaseListener() {});
    assertThat(c.channels()).hasSize(1);
    assertThat(c.templates()).hasSize(1);
    assertThat(c.listeners()).isEmpty();
    assertThatThrownBy(() -> c.channels().add(ChannelConfig.of("x", "dry-run")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.templates().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  // ---- build ---------------------------------------------------------------------------------

  @Test
  void buildWithoutAnEngineNamesTheArtifactToAdd() {
    assertThatThrownBy(() -> builder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("No Touchbase engine found on the classpath")
        .hasMessageContaining("io.touchbase:touchbase-sdk-core")
        .hasMessageNotContaining("failed to load");
  }

  @Test
  void buildReportsEnginesThatFailedToLoad() throws IOException {
    withEngines(
        List.of("io.touchbase.api.NoSuchEngineProvider"),
        () ->
            assertThatThrownBy(() -> builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("io.touchbase:touchbase-sdk-core")
                .hasMessageContaining("engines that failed to load")
                .hasMessageContaining("io.touchbase.api.NoSuchEngineProvider"));
  }

  @Test
  void buildHandsTheConfigToTheOneEngineFound() throws IOException {
    withEngines(
        List.of(FakeEngine.class.getName()),
        () -> {
          Touchbase touchbase = builder().channel("sms", "dry-run").schedulerThreads(3).build();
          assertThat(touchbase).isInstanceOf(FakeTouchbase.class);
          TouchbaseConfig config = ((FakeTouchbase) touchbase).config;
          assertThat(config.instanceName()).isEqualTo("test-instance");
          assertThat(config.schedulerThreads()).isEqualTo(3);
          assertThat(config.channels()).extracting(ChannelConfig::name).containsExactly("sms");
        });
  }

  @Test
  void buildRefusesSeveralEngines() throws IOException {
    withEngines(
        List.of(FakeEngine.class.getName(), OtherFakeEngine.class.getName()),
        () ->
            assertThatThrownBy(() -> builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                    "Several Touchbase engines found on the classpath: [fake-engine,"
                        + " other-fake-engine]; keep exactly one"));
  }

  @Test
  void buildChecksTheConfigurationWhenAnEngineIsPresent() throws IOException {
    withEngines(
        List.of(FakeEngine.class.getName()),
        () ->
            assertThatThrownBy(
                    () -> builder().channel("sms", "dry-run").channel("sms", "dry-run").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("channels: channel 'sms' is configured twice"));
  }

  /** Runs {@code body} with a context class loader whose services list these engine classes. */
  private void withEngines(List<String> classNames, Runnable body) throws IOException {
    Path services = tempDir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.write(services.resolve(EngineProvider.class.getName()), classNames);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {tempDir.toUri().toURL()}, TouchbaseTest.class.getClassLoader())) {
      thread.setContextClassLoader(loader);
      body.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  // ---- Touchbase.unwrap ----------------------------------------------------------------------

  @Test
  void unwrapReturnsThisInstanceOnlyForMatchingTypes() {
    FakeTouchbase touchbase = new FakeTouchbase(builder().toConfig());
    assertThat(touchbase.unwrap(FakeTouchbase.class)).containsSame(touchbase);
    assertThat(touchbase.unwrap(AutoCloseable.class)).containsSame(touchbase);
    assertThat(touchbase.unwrap(String.class)).isEqualTo(Optional.empty());
  }

  // ---- fakes ---------------------------------------------------------------------------------

  private static ChannelProvider fakeChannelProvider() {
    return (ChannelProvider)
        Proxy.newProxyInstance(
            TouchbaseTest.class.getClassLoader(),
            new Class<?>[] {ChannelProvider.class},
            (proxy, method, args) -> {
              if (method.getName().equals("equals")) {
                return proxy == args[0];
              }
              if (method.getName().equals("hashCode")) {
                return System.identityHashCode(proxy);
              }
              if (method.getName().equals("toString")) {
                return "FakeChannelProvider";
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  /** A Touchbase that only remembers its configuration. */
  public static final class FakeTouchbase implements Touchbase {
    final TouchbaseConfig config;

    FakeTouchbase(TouchbaseConfig config) {
      this.config = config;
    }

    @Override
    public Contacts contacts() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Touchpoints touchpoints() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Cadences cadences() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Events events() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Callbacks callbacks() {
      throw new UnsupportedOperationException();
    }

    @Override
    public io.touchbase.api.task.StaffTasks staffTasks() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  /** Loaded by ServiceLoader in the tests above. */
  public static final class FakeEngine implements EngineProvider {
    public FakeEngine() {}

    @Override
    public String name() {
      return "fake-engine";
    }

    @Override
    public Touchbase create(TouchbaseConfig config) {
      return new FakeTouchbase(config);
    }
  }

  /** A second engine, to provoke the "several engines" error. */
  public static final class OtherFakeEngine implements EngineProvider {
    public OtherFakeEngine() {}

    @Override
    public String name() {
      return "other-fake-engine";
    }

    @Override
    public Touchbase create(TouchbaseConfig config) {
      return new FakeTouchbase(config);
    }
  }
}
