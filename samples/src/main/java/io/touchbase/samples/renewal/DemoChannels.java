package io.touchbase.samples.renewal;

import io.touchbase.api.ChannelConfig;
import io.touchbase.api.ConfigurationException;
import io.touchbase.api.ProviderBinding;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Which providers carry the demo's {@code sms} and {@code voice} channels. Without a configuration
 * file both use {@code dry-run} and the demo simulates 1,000 members. A properties file binds them
 * to real providers and lists the only numbers the demo may message:
 *
 * <pre>
 * sms.providers=aliyun-sms,tencent-sms
 * sms.aliyun-sms.accessKeyId=LTAI...
 * sms.aliyun-sms.signName=...
 * sms.aliyun-sms.template.renewal-sms-1.code=SMS_...
 * sms.aliyun-sms.template.renewal-sms-1.params=name,tier,endsOn,link
 * voice.providers=aliyun-voice
 * demo.recipients=+8613800000000
 * demo.wait=PT1M
 * </pre>
 *
 * Every key {@code <channel>.<provider>.<setting>} becomes a setting of that provider; secrets
 * come from the environment ({@code TOUCHBASE_SMS_ACCESS_KEY_SECRET} ...), never from the file.
 *
 * @param channels the channel configurations
 * @param recipients the numbers to message in live mode; empty in the simulation
 * @param roundWait the wait between rounds in live mode
 * @param source where the configuration came from, for the demo's first line
 */
record DemoChannels(List<ChannelConfig> channels, List<String> recipients, Duration roundWait, String source) {
  static final List<String> CHANNELS = List.of("sms", "voice");

  /** Both channels on dry-run: the simulation. */
  static DemoChannels dryRun() {
    return new DemoChannels(List.of(ChannelConfig.of("sms", "dry-run"),
        ChannelConfig.builder("voice").provider("dry-run", p -> p.setting("channelType", "phone")).build()),
        List.of(), Duration.ofMinutes(1), "dry-run (no demo configuration found)");
  }

  /**
   * The file named by environment variable {@code TOUCHBASE_DEMO_CONFIG} or system property
   * {@code touchbase.demo.config}, else {@code demo.properties} in the working directory if it
   * exists, else {@link #dryRun()}.
   */
  static DemoChannels load(Map<String, String> env, Properties system) throws IOException {
    Optional<Path> file = Optional.ofNullable(env.get("TOUCHBASE_DEMO_CONFIG"))
        .or(() -> Optional.ofNullable(system.getProperty("touchbase.demo.config")))
        .map(Path::of)
        .or(() -> Optional.of(Path.of("demo.properties")).filter(Files::exists));
    if (file.isEmpty()) {
      return dryRun();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return from(p, file.get().toString());
  }

  static DemoChannels from(Properties p, String source) {
    DemoChannels defaults = dryRun();
    List<ChannelConfig> channels = new ArrayList<>();
    for (int i = 0; i < CHANNELS.size(); i++) {
      String channel = CHANNELS.get(i);
      String providers = p.getProperty(channel + ".providers", "").strip();
      if (providers.isEmpty()) {
        channels.add(defaults.channels().get(i));
        continue;
      }
      ChannelConfig.Builder b = ChannelConfig.builder(channel);
      for (String id : Arrays.stream(providers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
        ProviderBinding.Builder binding = ProviderBinding.builder(id);
        String prefix = channel + "." + id + ".";
        for (String key : p.stringPropertyNames()) {
          if (key.startsWith(prefix)) {
            binding.setting(key.substring(prefix.length()), p.getProperty(key).strip());
          }
        }
        b.provider(binding.build());
      }
      channels.add(b.build());
    }
    List<String> recipients = Arrays.stream(p.getProperty("demo.recipients", "").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (recipients.isEmpty()) {
      throw new ConfigurationException(source + ": demo.recipients is required: with providers configured the"
          + " demo messages only the numbers listed there (comma-separated, E.164)");
    }
    Duration wait;
    try {
      wait = Duration.parse(p.getProperty("demo.wait", "PT1M").strip());
    } catch (DateTimeParseException e) {
      throw new ConfigurationException(source + ": demo.wait must be a duration such as PT1M, but was '"
          + p.getProperty("demo.wait") + "'");
    }
    return new DemoChannels(channels, recipients, wait, source);
  }

  /** Whether real numbers are messaged on the system clock, rather than a simulation. */
  boolean live() {
    return !recipients.isEmpty();
  }
}
