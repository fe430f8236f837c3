package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormsTest {

  @Test
  void decodesUtf8PlusAndRepeatedNamesInOrder() {
    Map<String, List<String>> p = Forms.parse("Body=%E4%BD%A0%E5%A5%BD+there&From=%2B14155550100&A=2&A=1&Empty=&Flag");
    assertThat(p.keySet()).containsExactly("Body", "From", "A", "Empty", "Flag");
    assertThat(p.get("Body")).containsExactly("你好 there");
    assertThat(p.get("From")).containsExactly("+14155550100");
    assertThat(p.get("A")).containsExactly("2", "1");
    assertThat(p.get("Empty")).containsExactly("");
    assertThat(p.get("Flag")).containsExactly("");
    assertThat(Forms.first(p, "A")).contains("2");
    assertThat(Forms.first(p, "Missing")).isEmpty();
  }

  @Test
  void emptyBodyHasNoParameters() {
    assertThat(Forms.parse("")).isEmpty();
    assertThat(Forms.parse("&&")).isEmpty();
  }

  @Test
  void malformedEscapeFailsWithoutEchoingTheText() {
    assertThatThrownBy(() -> Forms.parse("From=%2B1415555%G0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("form data has a malformed percent-escape");
  }

  @Test
  void queryOfAUrl() {
    Map<String, List<String>> q = Forms.queryOf("https://shop.example/cb/sms?token=a%2Db&dispatchId=d-1#frag");
    assertThat(q.keySet()).containsExactly("token", "dispatchId");
    assertThat(Forms.first(q, "token")).contains("a-b");
    assertThat(Forms.queryOf("https://shop.example/cb/sms")).isEmpty();
    assertThat(Forms.queryOf("https://shop.example/cb/sms?")).isEmpty();
  }

  @Test
  void malformedUrlFailsWithoutEchoingIt() {
    assertThatThrownBy(() -> Forms.queryOf("https://shop.example/cb sms?From=+8613800138000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("URL is malformed");
    assertThatThrownBy(() -> Forms.queryOf("https://shop.example/cb?From=%2B86138001%G0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("URL is malformed");
  }
}
