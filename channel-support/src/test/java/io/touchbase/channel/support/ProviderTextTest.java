package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProviderTextTest {

  @Test
  void masksNumbersWrittenWithSeparators() {
    assertThat(ProviderText.redact("number 13800138000 is illegal")).isEqualTo("number *** is illegal");
    assertThat(ProviderText.redact("To +1 (415) 555-0100 is invalid")).isEqualTo("To *** is invalid");
    assertThat(ProviderText.redact("bad: +86 138-0013-8000.")).isEqualTo("bad: ***.");
  }

  @Test
  void keepsShortNumbersAndCodes() {
    assertThat(ProviderText.redact("触发分钟级流控Permits:1, error 21211, 123456"))
        .isEqualTo("触发分钟级流控Permits:1, error 21211, 123456");
    assertThat(ProviderText.redact("12 34 56")).isEqualTo("12 34 56");
  }

  @Test
  void masksEmailsWholly() {
    assertThat(ProviderText.redact("to jane.doe+shop@example.com failed")).isEqualTo("to ***@*** failed");
    assertThat(ProviderText.redact("13800138000@qq.com")).isEqualTo("***@***");
  }

  @Test
  void stripsAndCapsTheLength() {
    assertThat(ProviderText.redact("  spaced \n")).isEqualTo("spaced");
    String cut = ProviderText.redact("x".repeat(250));
    assertThat(cut).isEqualTo("x".repeat(ProviderText.MAX_LENGTH) + "...");
    assertThat(ProviderText.redact("y".repeat(ProviderText.MAX_LENGTH))).isEqualTo("y".repeat(200));
  }

  @Test
  void masksBeforeCapping() {
    String text = "a".repeat(195) + " 13800138000";
    assertThat(ProviderText.redact(text)).isEqualTo("a".repeat(195) + " ***").doesNotContain("13800");
  }

  @Test
  void nullIsAMistake() {
    assertThatThrownBy(() -> ProviderText.redact(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("providerText");
  }
}
