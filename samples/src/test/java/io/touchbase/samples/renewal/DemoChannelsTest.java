package io.touchbase.samples.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ChannelConfig;
import io.touchbase.api.ConfigurationException;
import io.touchbase.api.QuietHours;
import io.touchbase.api.touchpoint.Touchpoint;
import io.touchbase.api.touchpoint.TouchpointKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoChannelsTest {
  @TempDir Path dir;

  private static Properties props(String text) throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(text));
    return p;
  }

  @Test
  void withoutAConfigurationBothChannelsAreDryRun() throws Exception {
    DemoChannels c = DemoChannels.load(Map.of(), new Properties());
    assertThat(c.live()).isFalse();
    assertThat(c.channels()).extracting(ChannelConfig::name).containsExactly("sms", "voice");
    assertThat(c.channels().get(0).providers().get(0).providerId()).isEqualTo("dry-run");
  }

  @Test
  void providersAndTheirSettingsComeFromTheFile() throws Exception {
    Path file = dir.resolve("demo.properties");
    Files.writeString(file, """
        sms.providers=aliyun-sms, tencent-sms
        sms.aliyun-sms.accessKeyId=LTAI-1
        sms.aliyun-sms.template.renewal-sms-1.code=SMS_1
        sms.tencent-sms.secretId=AKID-1
        demo.recipients=+8613800000001, +8613800000002
        demo.wait=PT30S
        """, StandardCharsets.UTF_8);
    DemoChannels c = DemoChannels.load(Map.of("TOUCHBASE_DEMO_CONFIG", file.toString()), new Properties());
    assertThat(c.live()).isTrue();
    assertThat(c.recipients()).containsExactly("+8613800000001", "+8613800000002");
    assertThat(c.roundWait()).isEqualTo(Duration.ofSeconds(30));
    ChannelConfig sms = c.channels().get(0);
    assertThat(sms.providers()).extracting(p -> p.providerId()).containsExactly("aliyun-sms", "tencent-sms");
    assertThat(sms.providers().get(0).settings())
        .containsEntry("accessKeyId", "LTAI-1").containsEntry("template.renewal-sms-1.code", "SMS_1");
    assertThat(c.channels().get(1).providers().get(0).providerId()).as("voice stays dry-run").isEqualTo("dry-run");
  }

  @Test
  void providersWithoutRecipientsOrWithABadWaitAreRefused() throws Exception {
    assertThatThrownBy(() -> DemoChannels.from(props("sms.providers=aliyun-sms"), "demo.properties"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("demo.recipients is required");
    assertThatThrownBy(() -> DemoChannels.from(props("sms.providers=dry-run\ndemo.recipients=+8613800000001\ndemo.wait=soon"),
        "demo.properties"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("demo.wait");
  }

  @Test
  void liveModeRunsTheThreeRoundsOnTheSystemClock() throws Exception {
    DemoChannels c = DemoChannels.from(props("""
        sms.providers=dry-run
        voice.providers=dry-run
        voice.dry-run.channelType=phone
        demo.recipients=+8613800000001
        demo.wait=PT1S
        """), "test");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Touchpoint> seen = RenewalDemo.runLive(dir, c, QuietHours.none(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(seen).filteredOn(t -> t.kind() == TouchpointKind.SENT).extracting(t -> t.round().getAsInt())
        .containsExactly(1, 2, 3);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("Every enrollment has ended.").doesNotContain("+8613800000001");
  }
}
