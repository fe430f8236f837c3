package io.touchbase.api.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.TouchbaseException;
import org.junit.jupiter.api.Test;

class UnknownCadenceExceptionTest {

  @Test
  void carriesTheCadenceId() {
    UnknownCadenceException e = new UnknownCadenceException("renewal");
    assertThat(e)
        .isInstanceOf(TouchbaseException.class)
        .hasMessage("cadenceId: no cadence 'renewal' is registered");
    assertThat(e.cadenceId()).isEqualTo("renewal");
  }
}
