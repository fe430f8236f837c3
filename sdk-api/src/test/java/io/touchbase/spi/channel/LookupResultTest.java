package io.touchbase.spi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.spi.channel.LookupResult.Status;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LookupResultTest {

  @Test
  void factoriesSetStatusAndId() {
    LookupResult found = LookupResult.found("biz-1");
    assertThat(found.status()).isEqualTo(Status.FOUND);
    assertThat(found.providerMessageId()).contains("biz-1");
    assertThat(found.detail()).isEqualTo("found by dispatch id");

    LookupResult notFound = LookupResult.notFound("no such OutId");
    assertThat(notFound.status()).isEqualTo(Status.NOT_FOUND);
    assertThat(notFound.providerMessageId()).isEmpty();
    assertThat(notFound.detail()).isEqualTo("no such OutId");

    LookupResult unknown = LookupResult.unknown("query API down");
    assertThat(unknown.status()).isEqualTo(Status.UNKNOWN);
    assertThat(unknown.providerMessageId()).isEmpty();
  }

  @Test
  void foundNeedsAProviderMessageId() {
    assertThatThrownBy(() -> new LookupResult(Status.FOUND, Optional.empty(), "found"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("providerMessageId is required when status is FOUND");
  }

  @Test
  void componentsAreNamedWhenNull() {
    assertThatThrownBy(() -> new LookupResult(null, Optional.empty(), "d"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("status must not be null");
    assertThatThrownBy(() -> new LookupResult(Status.UNKNOWN, null, "d"))
        .hasMessage("providerMessageId must not be null");
    assertThatThrownBy(() -> LookupResult.unknown(null)).hasMessage("detail must not be null");
  }
}
