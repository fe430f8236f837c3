package io.touchbase.channel.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.spi.channel.DispatchId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AliyunOutIdTest {

  @Test
  void dispatchIdOfAtMost15BytesIsSentAsItIs() {
    assertThat(AliyunOutId.of(DispatchId.of("d-123"))).isEqualTo("d-123");
    assertThat(AliyunOutId.of(DispatchId.of("123456789012345"))).isEqualTo("123456789012345");
  }

  @Test
  void longerDispatchIdBecomes15CharactersOfItsSha256InBase64Url() {
    DispatchId id = DispatchId.of("1234567890123456");
    // base64url(SHA-256("1234567890123456")), first 15 characters, computed independently.
    assertThat(AliyunOutId.of(id)).isEqualTo("elHQZKGiFqaS91P");
  }

  @Test
  void compactFormIsDeterministicAndFits() {
    DispatchId id = DispatchId.of("enrollment-7f3a9c2e-round-3-attempt-1");
    String outId = AliyunOutId.of(id);
    assertThat(outId).isEqualTo(AliyunOutId.of(DispatchId.of(id.value())));
    assertThat(outId.getBytes(StandardCharsets.UTF_8)).hasSize(15);
    assertThat(outId).matches("[A-Za-z0-9_-]{15}");
    assertThat(outId).isNotEqualTo(AliyunOutId.of(DispatchId.of("enrollment-7f3a9c2e-round-3-attempt-2")));
  }
}
