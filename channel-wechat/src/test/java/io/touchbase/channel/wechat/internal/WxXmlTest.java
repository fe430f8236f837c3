package io.touchbase.channel.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.spi.channel.CallbackRejectedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The hardened parser: no DTD, no entity, nothing fetched or read. */
class WxXmlTest {

  @Test
  void readsTheFieldsOfAPush() {
    Element root = WxXml.parse("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1395658920</CreateTime>"
        + "<List><TemplateId>a</TemplateId></List><List><TemplateId>b</TemplateId></List><Empty> </Empty></xml>");
    assertThat(WxXml.text(root, "ToUserName")).hasValue("gh_1");
    assertThat(WxXml.text(root, "CreateTime")).hasValue("1395658920");
    assertThat(WxXml.text(root, "Missing")).isEmpty();
    assertThat(WxXml.nonBlank(root, "Empty")).isEmpty();
    assertThat(WxXml.children(root, "List")).extracting(e -> WxXml.text(e, "TemplateId").orElseThrow())
        .containsExactly("a", "b");
  }

  @Test
  void externalEntityIsRejectedAndTheFileIsNotRead(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT", StandardCharsets.UTF_8);
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
        + "<xml><Content>&xxe;</Content></xml>";
    assertThatThrownBy(() -> WxXml.parse(xxe))
        .isInstanceOf(CallbackRejectedException.class)
        .hasMessageNotContaining("TOP-SECRET")
        .extracting(e -> ((CallbackRejectedException) e).status()).isEqualTo(400);
  }

  @Test
  void externalDtdIsNeverFetched() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setBody("<!ENTITY x \"y\">"));
      server.start();
      String doc = "<?xml version=\"1.0\"?><!DOCTYPE xml SYSTEM \"" + server.url("/evil.dtd") + "\"><xml>&x;</xml>";
      assertThatThrownBy(() -> WxXml.parse(doc)).isInstanceOf(CallbackRejectedException.class);
      String parameterEntity = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY % p SYSTEM \""
          + server.url("/p.dtd") + "\"> %p;]><xml/>";
      assertThatThrownBy(() -> WxXml.parse(parameterEntity)).isInstanceOf(CallbackRejectedException.class);
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void entityExpansionIsRejected() {
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\">"
        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
        + "<xml><Content>&c;</Content></xml>";
    assertThatThrownBy(() -> WxXml.parse(laughs)).isInstanceOf(CallbackRejectedException.class);
  }

  @Test
  void malformedOrForeignDocumentsAreRejected() {
    assertThatThrownBy(() -> WxXml.parse("")).isInstanceOf(CallbackRejectedException.class);
    assertThatThrownBy(() -> WxXml.parse("<xml><a></xml>")).isInstanceOf(CallbackRejectedException.class)
        .hasMessageNotContaining("<a>");
    assertThatThrownBy(() -> WxXml.parse("{\"json\":true}")).isInstanceOf(CallbackRejectedException.class);
    assertThatThrownBy(() -> WxXml.parse("<root/>")).isInstanceOf(CallbackRejectedException.class)
        .hasMessageContaining("<xml>");
  }

  @Test
  void cdataRefusesItsTerminator() {
    assertThat(WxXml.cdata("A", "b")).isEqualTo("<A><![CDATA[b]]></A>");
    assertThatThrownBy(() -> WxXml.cdata("A", "x]]>y")).isInstanceOf(IllegalArgumentException.class);
  }
}
