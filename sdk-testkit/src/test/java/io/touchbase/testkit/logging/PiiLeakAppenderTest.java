package io.touchbase.testkit.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchbase.api.contact.Address;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class PiiLeakAppenderTest {
  private static final Logger log = LoggerFactory.getLogger(PiiLeakAppenderTest.class);

  @Test
  void catchesFullNumbersAndEmailsButNotMaskedOnes() {
    PiiLeakAppender.drain();
    log.debug("sending to {}", Address.phone("+8613800138000"));
    log.info("email {}", Address.email("jane.doe@example.com"));
    log.info("ids {} {}", 1772416800000L, "e12r1a1");
    assertThat(PiiLeakAppender.drain()).isEmpty();

    log.info("sending to {}", "+8613800138000");
    log.warn("failed", new IllegalStateException("bad address jane.doe@example.com"));
    log.info("bare mobile 13800138000");
    assertThat(PiiLeakAppender.drain()).hasSize(3);
  }

  @Test
  void catchesRegisteredSecrets() {
    PiiLeakAppender.drain();
    PiiLeakAppender.forbid("s3cret-token-value", "abc");
    log.info("token check failed for s3cret-token-value");
    log.info("abc is too short to be registered");
    assertThat(PiiLeakAppender.drain()).singleElement().asString().contains("token check failed");
  }
}
