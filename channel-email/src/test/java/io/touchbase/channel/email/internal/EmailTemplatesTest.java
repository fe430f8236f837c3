package io.touchbase.channel.email.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.ConfigurationException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmailTemplatesTest {
  private static final ClassLoader LOADER = EmailTemplatesTest.class.getClassLoader();

  private static EmailTemplates templates(Map<String, String> settings) {
    return EmailTemplates.from(settings, LOADER);
  }

  private static Map<String, String> with(String... keyValues) {
    Map<String, String> s = new HashMap<>(EmailTests.templates());
    for (int i = 0; i < keyValues.length; i += 2) {
      s.put(keyValues[i], keyValues[i + 1]);
    }
    return s;
  }

  private static String subject(EmailTemplates t, Optional<Locale> locale) {
    return t.find("renewal", locale).orElseThrow().render(Map.of("name", "N", "date", "D")).subject();
  }

  @Test
  void theVariantIsTheExactTagThenShorterTagsThenTheDefault() {
    EmailTemplates t = templates(with(
        "template.renewal.zh-TW.subject", "TW {{name}}",
        "template.renewal.zh-TW.html", "h",
        "template.renewal.zh-TW.text", "t"));

    assertThat(subject(t, Optional.of(Locale.TRADITIONAL_CHINESE))).isEqualTo("TW N");
    assertThat(subject(t, Optional.of(Locale.SIMPLIFIED_CHINESE))).isEqualTo("N，续费享八折");
    assertThat(subject(t, Optional.of(Locale.forLanguageTag("zh-Hans-CN")))).isEqualTo("N，续费享八折");
    assertThat(subject(t, Optional.of(Locale.CHINESE))).isEqualTo("N，续费享八折");
    assertThat(subject(t, Optional.of(Locale.GERMANY))).isEqualTo("Renew now, N: café € 20% off");
    assertThat(subject(t, Optional.of(Locale.ROOT))).isEqualTo("Renew now, N: café € 20% off");
    assertThat(subject(t, Optional.empty())).isEqualTo("Renew now, N: café € 20% off");
    assertThat(t.find("welcome", Optional.empty())).isEmpty();
  }

  @Test
  void partsMayComeFromClasspathResources() {
    EmailTemplates t = templates(Map.of(
        "template.welcome.subject", "Welcome {{name}}",
        "template.welcome.html.resource", "/templates/welcome.html",
        "template.welcome.text.resource", "templates/welcome.txt"));

    EmailTemplates.Email email = t.find("welcome", Optional.empty()).orElseThrow().render(Map.of("name", "A&B", "shop",
        "S"));
    assertThat(email.html()).isEqualTo("<h1>Welcome, A&amp;B</h1>\n<p>from S</p>\n");
    assertThat(email.text()).isEqualTo("Welcome, A&B, from S.\n");
    assertThat(t.requiredVariables("welcome")).contains(Set.of("name", "shop"));
  }

  @Test
  void everyMistakeNamesTheSetting() {
    assertThatThrownBy(() -> templates(Map.of("template.welcome.subject", "x", "template.welcome.html", "x")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.welcome.text'");
    assertThatThrownBy(() -> templates(with("template.renewal.fr.subject", "x")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.renewal.fr.html'");
    assertThatThrownBy(() -> templates(Map.of("template.only.de.subject", "x", "template.only.de.html", "x",
        "template.only.de.text", "x")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.only.subject'");
    assertThatThrownBy(() -> templates(with("template.renewal.body", "x")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.renewal.body'");
    assertThatThrownBy(() -> templates(with("template.renewal.subject", "Hi {{ na me }}")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.renewal.subject'");
    assertThatThrownBy(() -> templates(with("template.renewal.html.resource", "templates/none.html")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.renewal.html.resource'")
        .hasMessageContaining("templates/none.html");
    assertThatThrownBy(() -> templates(with("template.renewal.html.resource", "templates/welcome.html")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'template.renewal.html'")
        .hasMessageContaining("'template.renewal.html.resource'");
  }

  @Test
  void placeholdersMayHaveSpacesAndRepeat() {
    EmailTemplates t = templates(Map.of("template.a.subject", "{{ x }}{{x}}", "template.a.html", "{{y}}",
        "template.a.text", "plain"));

    assertThat(t.find("a", Optional.empty()).orElseThrow().render(Map.of("x", "1", "y", "<")).subject())
        .isEqualTo("11");
    assertThat(t.requiredVariables("a")).contains(Set.of("x", "y"));
  }
}
