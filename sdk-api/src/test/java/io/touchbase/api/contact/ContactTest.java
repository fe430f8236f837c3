package io.touchbase.api.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContactTest {
  private static final String PHONE = "+8613800138000";
  private static final String EMAIL = "jane.doe@example.com";
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private static Contact full() {
    return Contact.builder("user-42")
        .phone(PHONE)
        .email(EMAIL)
        .address(Address.wechatOpenId("wx1", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"))
        .attribute("name", "Jane Doe")
        .attribute("tier", "gold")
        .tag("vip")
        .tag("beta")
        .timeZone(ZoneId.of("Asia/Shanghai"))
        .locale(Locale.SIMPLIFIED_CHINESE)
        .lifecycleStage("member")
        .consent(Consent.optIn(ChannelType.SMS, Purpose.MARKETING, T0, "signup-form"))
        .build();
  }

  private static Contact of(List<Address> addresses) {
    return new Contact(
        ContactId.of("u1"),
        addresses,
        Map.of(),
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  @Test
  void builderSetsEveryComponent() {
    Contact c = full();
    assertThat(c.id()).isEqualTo(ContactId.of("user-42"));
    assertThat(c.addresses())
        .extracting(Address::kind)
        .containsExactly(AddressKind.PHONE, AddressKind.EMAIL, AddressKind.WECHAT_OPENID);
    assertThat(c.attributes()).containsOnly(Map.entry("name", "Jane Doe"), Map.entry("tier", "gold"));
    assertThat(c.tags()).containsExactlyInAnyOrder("vip", "beta");
    assertThat(c.timeZone()).contains(ZoneId.of("Asia/Shanghai"));
    assertThat(c.locale()).contains(Locale.SIMPLIFIED_CHINESE);
    assertThat(c.lifecycleStage()).contains("member");
    assertThat(c.consents()).hasSize(1);
  }

  @Test
  void minimalBuilderLeavesOptionalsEmpty() {
    Contact c = Contact.builder(ContactId.of("u1")).build();
    assertThat(c.addresses()).isEmpty();
    assertThat(c.attributes()).isEmpty();
    assertThat(c.tags()).isEmpty();
    assertThat(c.timeZone()).isEmpty();
    assertThat(c.locale()).isEmpty();
    assertThat(c.lifecycleStage()).isEmpty();
    assertThat(c.consents()).isEmpty();
    assertThat(Contact.builder("u1").build()).isEqualTo(c);
  }

  @Test
  void toBuilderRoundTripsToAnEqualContact() {
    Contact c = full();
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
  }

  @Test
  void toBuilderChangesACopyOnly() {
    Contact c = full();
    Contact changed = c.toBuilder().tag("lapsed").phone("+8613900139000").build();
    assertThat(changed.tags()).contains("lapsed");
    assertThat(changed.address(AddressKind.PHONE)).map(Address::value).contains("+8613900139000");
    assertThat(c.tags()).doesNotContain("lapsed");
    assertThat(c.address(AddressKind.PHONE)).map(Address::value).contains(PHONE);
  }

  @Test
  void builderReplacesAnAddressOfTheSameKindAndScope() {
    Contact c = Contact.builder("u1").phone(PHONE).phone("+8613900139000").build();
    assertThat(c.addresses()).containsExactly(Address.phone("+8613900139000"));

    Contact openIds =
        Contact.builder("u1")
            .address(Address.wechatOpenId("wx1", "openid-aaaa"))
            .address(Address.wechatOpenId("wx2", "openid-bbbb"))
            .address(Address.wechatOpenId("wx1", "openid-cccc"))
            .build();
    assertThat(openIds.addresses())
        .containsExactlyInAnyOrder(
            Address.wechatOpenId("wx2", "openid-bbbb"), Address.wechatOpenId("wx1", "openid-cccc"));
  }

  @Test
  void removeAddressRemovesEveryScopeOfTheKind() {
    Contact c =
        Contact.builder("u1")
            .phone(PHONE)
            .address(Address.wechatOpenId("wx1", "openid-aaaa"))
            .address(Address.wechatOpenId("wx2", "openid-bbbb"))
            .removeAddress(AddressKind.WECHAT_OPENID)
            .build();
    assertThat(c.addresses()).containsExactly(Address.phone(PHONE));
  }

  @Test
  void addressReturnsTheFirstOfAKind() {
    Contact c =
        Contact.builder("u1")
            .address(Address.wechatOpenId("wx1", "openid-aaaa"))
            .address(Address.wechatOpenId("wx2", "openid-bbbb"))
            .build();
    assertThat(c.address(AddressKind.WECHAT_OPENID)).map(Address::scope).contains("wx1");
    assertThat(c.address(AddressKind.EMAIL)).isEmpty();
  }

  @Test
  void constructorRejectsTwoAddressesOfTheSameKindAndScope() {
    assertThatThrownBy(() -> of(List.of(Address.phone(PHONE), Address.phone("+8613900139000"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "contact.addresses[1] repeats kind 'phone': a contact has at most one address per kind"
                + " and scope");
    assertThatThrownBy(
            () ->
                of(
                    List.of(
                        Address.email(EMAIL),
                        Address.wechatOpenId("wx1", "openid-aaaa"),
                        Address.wechatOpenId("wx1", "openid-bbbb"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("contact.addresses[2] repeats kind 'wechat-openid' for scope 'wx1'");
  }

  @Test
  void constructorAcceptsTheSameKindInDifferentScopes() {
    Contact c =
        of(List.of(Address.wechatOpenId("wx1", "openid-aaaa"), Address.wechatOpenId("wx2", "openid-aaaa")));
    assertThat(c.addresses()).hasSize(2);
  }

  @Test
  void constructorNamesEveryNullComponent() {
    ContactId id = ContactId.of("u1");
    Optional<ZoneId> z = Optional.empty();
    Optional<Locale> l = Optional.empty();
    Optional<String> s = Optional.empty();
    assertThatThrownBy(() -> new Contact(null, List.of(), Map.of(), Set.of(), z, l, s, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("contact.id must not be null");
    assertThatThrownBy(() -> new Contact(id, null, Map.of(), Set.of(), z, l, s, List.of()))
        .hasMessage("contact.addresses must not be null");
    assertThatThrownBy(() -> new Contact(id, List.of(), null, Set.of(), z, l, s, List.of()))
        .hasMessage("contact.attributes must not be null");
    assertThatThrownBy(() -> new Contact(id, List.of(), Map.of(), null, z, l, s, List.of()))
        .hasMessage("contact.tags must not be null");
    assertThatThrownBy(() -> new Contact(id, List.of(), Map.of(), Set.of(), null, l, s, List.of()))
        .hasMessage("contact.timeZone must not be null");
    assertThatThrownBy(() -> new Contact(id, List.of(), Map.of(), Set.of(), z, null, s, List.of()))
        .hasMessage("contact.locale must not be null");
    assertThatThrownBy(() -> new Contact(id, List.of(), Map.of(), Set.of(), z, l, null, List.of()))
        .hasMessage("contact.lifecycleStage must not be null");
    assertThatThrownBy(() -> new Contact(id, List.of(), Map.of(), Set.of(), z, l, s, null))
        .hasMessage("contact.consents must not be null");
  }

  @Test
  void constructorValidatesAttributesTagsAndStage() {
    ContactId id = ContactId.of("u1");
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("name", null);
    assertThatThrownBy(
            () ->
                new Contact(id, List.of(), nullValue, Set.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("contact.attributes[name] must not be null");
    assertThatThrownBy(
            () ->
                new Contact(id, List.of(), Map.of("first name", "Jane"), Set.of(), Optional.empty(),
                    Optional.empty(), Optional.empty(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("contact.attributes key must start with a letter or digit");
    assertThatThrownBy(
            () ->
                new Contact(id, List.of(), Map.of(), Set.of("not a tag"), Optional.empty(),
                    Optional.empty(), Optional.empty(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("contact.tags[] must start with a letter or digit");
    assertThatThrownBy(
            () ->
                new Contact(id, List.of(), Map.of(), Set.of(), Optional.empty(), Optional.empty(),
                    Optional.of("-lapsed"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("contact.lifecycleStage must start with a letter or digit");
  }

  @Test
  void builderValidatesEachSetter() {
    Contact.Builder b = Contact.builder("u1");
    assertThatThrownBy(() -> Contact.builder((ContactId) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("contact.id must not be null");
    assertThatThrownBy(() -> Contact.builder(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contactId must not be blank");
    assertThatThrownBy(() -> b.address(null)).hasMessage("address must not be null");
    assertThatThrownBy(() -> b.attribute("first name", "Jane"))
        .hasMessageStartingWith("attribute name must start with a letter or digit");
    assertThatThrownBy(() -> b.attribute("name", null)).hasMessage("attributes[name] must not be null");
    assertThatThrownBy(() -> b.tag("")).hasMessage("tag must not be blank");
    assertThatThrownBy(() -> b.timeZone(null)).hasMessage("timeZone must not be null");
    assertThatThrownBy(() -> b.locale(null)).hasMessage("locale must not be null");
    assertThatThrownBy(() -> b.lifecycleStage(" ")).hasMessage("lifecycleStage must not be blank");
    assertThatThrownBy(() -> b.consent(null)).hasMessage("consent must not be null");
    assertThatThrownBy(() -> b.phone("13800138000"))
        .hasMessageStartingWith("address.value must be a phone number in E.164 form");
  }

  @Test
  void builderAttributesAddsEveryEntry() {
    Contact c = Contact.builder("u1").attribute("a", "1").attributes(Map.of("b", "2", "a", "3")).build();
    assertThat(c.attributes()).containsOnly(Map.entry("a", "3"), Map.entry("b", "2"));
  }

  @Test
  void consentReturnsTheNewestForTypeAndPurpose() {
    Consent oldIn = Consent.optIn(ChannelType.SMS, Purpose.MARKETING, T0, "signup-form");
    Consent newOut =
        Consent.optOut(ChannelType.SMS, Purpose.MARKETING, T0.plusSeconds(3600), "sms-reply:TD");
    Consent middleIn =
        Consent.optIn(ChannelType.SMS, Purpose.MARKETING, T0.plusSeconds(60), "support-call");
    Consent emailIn =
        Consent.optIn(ChannelType.EMAIL, Purpose.MARKETING, T0.plusSeconds(7200), "newsletter");
    Consent smsTransactional =
        Consent.optIn(ChannelType.SMS, Purpose.TRANSACTIONAL, T0.plusSeconds(9000), "checkout");
    Contact c =
        Contact.builder("u1")
            .consent(oldIn)
            .consent(newOut)
            .consent(middleIn)
            .consent(emailIn)
            .consent(smsTransactional)
            .build();

    assertThat(c.consent(ChannelType.SMS, Purpose.MARKETING)).contains(newOut);
    assertThat(c.consent(ChannelType.EMAIL, Purpose.MARKETING)).contains(emailIn);
    assertThat(c.consent(ChannelType.SMS, Purpose.TRANSACTIONAL)).contains(smsTransactional);
    assertThat(c.consent(ChannelType.EMAIL, Purpose.TRANSACTIONAL)).isEmpty();
    assertThat(c.consent(ChannelType.WECHAT, Purpose.MARKETING)).isEmpty();
  }

  @Test
  void consentAtTheSameInstantPrefersTheLaterEntry() {
    Consent first = Consent.optIn(ChannelType.SMS, Purpose.MARKETING, T0, "form");
    Consent second = Consent.optOut(ChannelType.SMS, Purpose.MARKETING, T0, "reply");
    Contact c = Contact.builder("u1").consent(first).consent(second).build();
    assertThat(c.consent(ChannelType.SMS, Purpose.MARKETING)).contains(second);
  }

  @Test
  void collectionsAreUnmodifiableCopies() {
    List<Address> addresses = new ArrayList<>(List.of(Address.phone(PHONE)));
    Map<String, String> attributes = new HashMap<>(Map.of("name", "Jane"));
    Set<String> tags = new HashSet<>(Set.of("vip"));
    List<Consent> consents =
        new ArrayList<>(List.of(Consent.optIn(ChannelType.SMS, Purpose.MARKETING, T0, "form")));
    Contact c =
        new Contact(ContactId.of("u1"), addresses, attributes, tags, Optional.empty(),
            Optional.empty(), Optional.empty(), consents);

    addresses.add(Address.email(EMAIL));
    attributes.put("tier", "gold");
    tags.add("beta");
    consents.clear();

    assertThat(c.addresses()).hasSize(1);
    assertThat(c.attributes()).containsOnlyKeys("name");
    assertThat(c.tags()).containsExactly("vip");
    assertThat(c.consents()).hasSize(1);
    assertThatThrownBy(() -> c.addresses().add(Address.email(EMAIL)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.attributes().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.consents().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builtContactDoesNotChangeWithItsBuilder() {
    Contact.Builder b = Contact.builder("u1").phone(PHONE).tag("vip");
    Contact c = b.build();
    b.email(EMAIL).tag("beta").attribute("name", "Jane");
    assertThat(c.addresses()).hasSize(1);
    assertThat(c.tags()).containsExactly("vip");
    assertThat(c.attributes()).isEmpty();
  }

  @Test
  void toStringMasksAddressesAndOmitsAttributeValues() {
    String s = full().toString();
    assertThat(s)
        .contains("user-42")
        .contains("+861******8000")
        .contains("j***@example.com")
        .contains("name")
        .contains("timeZone=Asia/Shanghai")
        .contains("locale=zh-CN")
        .contains("lifecycleStage=member")
        .contains("consents=1")
        .doesNotContain(PHONE)
        .doesNotContain("13800138000")
        .doesNotContain(EMAIL)
        .doesNotContain("jane.doe")
        .doesNotContain("o6_bmjrPTlm6_2sgVt7hMZOPfL2M")
        .doesNotContain("Jane Doe")
        .doesNotContain("gold");
  }
}
