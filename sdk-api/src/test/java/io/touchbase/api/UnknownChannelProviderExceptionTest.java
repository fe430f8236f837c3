package io.touchbase.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownChannelProviderExceptionTest {

  @Test
  void namesTheChannelTheRequestedIdAndTheIdsFound() {
    UnknownChannelProviderException e =
        new UnknownChannelProviderException("sms", "aliyun-smss", List.of("aliyun-sms", "dry-run"));
    assertThat(e)
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Channel 'sms' names provider 'aliyun-smss', which is not on the classpath; providers"
                + " found: [aliyun-sms, dry-run]");
    assertThat(e.requestedId()).isEqualTo("aliyun-smss");
    assertThat(e.availableIds()).containsExactly("aliyun-sms", "dry-run");
  }

  @Test
  void availableIdsAreAnUnmodifiableCopy() {
    List<String> ids = new ArrayList<>(List.of("dry-run"));
    UnknownChannelProviderException e = new UnknownChannelProviderException("sms", "x", ids);
    ids.add("aliyun-sms");
    assertThat(e.availableIds()).containsExactly("dry-run");
    assertThatThrownBy(() -> e.availableIds().add("y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void requestedIdIsRequired() {
    assertThatThrownBy(() -> new UnknownChannelProviderException("sms", null, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("requestedId");
  }
}
