package io.touchbase.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.cadence.Wait;
import io.touchbase.api.contact.Contact;
import io.touchbase.api.contact.Consent;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.touchpoint.TouchpointQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Regressions for defects found when the API's tests were written. */
class ReviewFindingsTest {
  @Test
  void windowErrorNamesDelayFields() {
    assertThatThrownBy(() -> Wait.between(Duration.ofDays(7), Duration.ofDays(5)))
        .hasMessage("delay.max must not be less than delay.min (PT168H), but was PT120H");
  }

  @Test
  void localeFallbackIsDeterministicAndPrefersTheBareLanguage() {
    Template t = Template.of("t", "default")
        .withLocale(Locale.forLanguageTag("zh-TW"), "tw")
        .withLocale(Locale.forLanguageTag("zh-SG"), "sg")
        .withLocale(Locale.forLanguageTag("zh-MO"), "mo");
    assertThat(t.bodyFor(Locale.forLanguageTag("zh-HK"))).isEqualTo("mo");
    assertThat(t.withLocale(Locale.forLanguageTag("zh"), "zh").bodyFor(Locale.forLanguageTag("zh-HK"))).isEqualTo("zh");
  }

  @Test
  void jdbcToStringHidesParametersAndUserInfo() {
    assertThat(Database.jdbc("jdbc:h2:./x;USER=sa;PASSWORD=hunter2", "sa", "pw").toString()).doesNotContain("hunter2");
    assertThat(Database.jdbc("jdbc:mysql://user:s3cret@host/db", "u", "pw").toString()).doesNotContain("s3cret");
  }

  @Test
  void unknownProviderListsIdsSorted() {
    UnknownChannelProviderException e = new UnknownChannelProviderException("sms", "x", List.of("z-sms", "a-sms"));
    assertThat(e.availableIds()).containsExactly("a-sms", "z-sms");
    assertThat(e.getMessage()).endsWith("[a-sms, z-sms]");
  }

  @Test
  void nullElementsAreNamed() {
    assertThatThrownBy(() -> new TouchpointQuery(Optional.empty(), Optional.empty(), OptionalInt.empty(), null,
        Optional.empty(), Optional.empty(), 10)).hasMessage("query.kinds must not be null");
    List<Consent> consents = new ArrayList<>();
    consents.add(null);
    assertThatThrownBy(() -> new Contact(ContactId.of("u"), List.of(), Map.of(), java.util.Set.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), consents)).hasMessage("contact.consents[0] must not be null");
  }

  @Test
  void aFailingRoundSpecIsNotDisguisedAsAValidationError() {
    assertThatThrownBy(() -> CadenceDefinition.builder("c").round(r -> {
      throw new IllegalStateException("host bug");
    })).isInstanceOf(IllegalStateException.class).hasMessage("host bug");
  }
}
