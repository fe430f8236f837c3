package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendResultTest {

  @Test
  void ofHasNoAttributes() {
    SendResult r = SendResult.of("biz-1");
    assertThat(r.providerMessageId()).isEqualTo("biz-1");
    assertThat(r.attributes()).isEmpty();
  }

  @Test
  void providerMessageIdIsRequired() {
    assertThatThrownBy(() -> SendResult.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("providerMessageId must not be null");
    assertThatThrownBy(() -> SendResult.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("providerMessageId must not be blank");
    assertThatThrownBy(() -> new SendResult("biz-1", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("attributes must not be null");
  }

  @Test
  void attributesAreAnUnmodifiableCopy() {
    Map<String, String> attributes = new HashMap<>(Map.of("segments", "2"));
    SendResult r = new SendResult("biz-1", attributes);
    attributes.put("x", "y");
    assertThat(r.attributes()).containsOnly(Map.entry("segments", "2"));
    assertThatThrownBy(() -> r.attributes().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
