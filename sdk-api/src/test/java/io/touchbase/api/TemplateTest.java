package io.touchbase.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static final Locale ZH_CN = Locale.forLanguageTag("zh-CN");
  private static final Locale ZH_TW = Locale.forLanguageTag("zh-TW");
  private static final Locale ZH_HK = Locale.forLanguageTag("zh-HK");

  @Test
  void ofHasOnlyTheDefaultBody() {
    Template t = Template.of("renewal-1", "Hi {{name}}");
    assertThat(t.localized()).isEmpty();
    assertThat(t.bodyFor(Locale.ENGLISH)).isEqualTo("Hi {{name}}");
    assertThat(t.bodyFor(ZH_CN)).isEqualTo("Hi {{name}}");
  }

  @Test
  void bodyForPrefersTheExactLocale() {
    Template t = Template.of("renewal-1", "Hi").withLocale(ZH_CN, "简体").withLocale(ZH_TW, "繁體");
    assertThat(t.bodyFor(ZH_CN)).isEqualTo("简体");
    assertThat(t.bodyFor(ZH_TW)).isEqualTo("繁體");
  }

  @Test
  void bodyForFallsBackToTheSameLanguage() {
    Template t = Template.of("renewal-1", "Hi").withLocale(ZH_CN, "简体");
    assertThat(t.bodyFor(ZH_HK)).isEqualTo("简体");
    assertThat(t.bodyFor(Locale.CHINESE)).isEqualTo("简体");
  }

  @Test
  void bodyForFallsBackToTheDefaultBody() {
    Template t = Template.of("renewal-1", "Hi").withLocale(ZH_CN, "简体");
    assertThat(t.bodyFor(Locale.FRENCH)).isEqualTo("Hi");
    assertThat(t.bodyFor(Locale.forLanguageTag("en-US"))).isEqualTo("Hi");
  }

  @Test
  void withLocaleReturnsACopy() {
    Template base = Template.of("renewal-1", "Hi");
    Template zh = base.withLocale(ZH_CN, "简体");
    assertThat(base.localized()).isEmpty();
    assertThat(zh.localized()).containsOnly(Map.entry(ZH_CN, "简体"));
    assertThat(zh.withLocale(ZH_CN, "新").bodyFor(ZH_CN)).isEqualTo("新");
    assertThat(zh.bodyFor(ZH_CN)).isEqualTo("简体");
  }

  @Test
  void componentsAreValidated() {
    assertThatThrownBy(() -> Template.of(null, "Hi"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("template.id must not be null");
    assertThatThrownBy(() -> Template.of("renewal 1", "Hi"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("template.id must start with a letter or digit");
    assertThatThrownBy(() -> Template.of("renewal-1", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("template.body must not be blank");
    assertThatThrownBy(() -> new Template("renewal-1", "Hi", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("template.localized must not be null");
    Template t = Template.of("renewal-1", "Hi");
    assertThatThrownBy(() -> t.withLocale(null, "x")).hasMessage("locale must not be null");
    assertThatThrownBy(() -> t.withLocale(ZH_CN, "")).hasMessage("template text must not be blank");
  }

  @Test
  void localizedIsAnUnmodifiableCopy() {
    Map<Locale, String> localized = new HashMap<>(Map.of(ZH_CN, "简体"));
    Template t = new Template("renewal-1", "Hi", localized);
    localized.put(ZH_TW, "繁體");
    assertThat(t.localized()).containsOnlyKeys(ZH_CN);
    assertThatThrownBy(() -> t.localized().put(ZH_TW, "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
