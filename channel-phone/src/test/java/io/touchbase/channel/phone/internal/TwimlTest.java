package io.touchbase.channel.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TwimlTest {

  @Test
  void saysTheTextWithoutAttributesWhenNoneAreSet() {
    assertThat(Twiml.say("Your plan renews tomorrow.", Optional.empty(), Optional.empty()))
        .isEqualTo("<Response><Say>Your plan renews tomorrow.</Say></Response>");
  }

  @Test
  void setsLanguageAndVoice() {
    assertThat(Twiml.say("你好", Optional.of("zh-CN"), Optional.of("Polly.Zhiyu")))
        .isEqualTo("<Response><Say language=\"zh-CN\" voice=\"Polly.Zhiyu\">你好</Say></Response>");
  }

  @Test
  void escapesMarkupSoTextCannotAddVerbs() {
    assertThat(Twiml.say("Tom & Jerry <Hangup/> \"quoted\" it's", Optional.empty(), Optional.of("a\"b")))
        .isEqualTo(
            "<Response><Say voice=\"a&quot;b\">Tom &amp; Jerry &lt;Hangup/&gt; &quot;quoted&quot; it&apos;s"
                + "</Say></Response>");
  }

  @Test
  void dropsCharactersXmlCannotHoldAndKeepsSurrogatePairs() {
    assertThat(Twiml.escape("a\u0000b\u0007c\td\uD83D\uDE00e\uD800f\uFFFEg"))
        .isEqualTo("ab" + "c\td\uD83D\uDE00ef" + "g");
  }
}
