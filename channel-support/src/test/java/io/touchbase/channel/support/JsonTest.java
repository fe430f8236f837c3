package io.touchbase.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void anObjectIsReadAsItIs() {
    JsonNode node = Json.objectOrEmpty(MAPPER, "{\"Code\":\"OK\",\"BizId\":\"900\"}");

    assertThat(Json.text(node, "Code")).contains("OK");
    assertThat(Json.text(node, "BizId")).contains("900");
  }

  @Test
  void anythingButAnObjectReadsAsAnEmptyObject() {
    for (String body : new String[] {"<html>502 Bad Gateway</html>", "", "  ", "[{\"Code\":\"OK\"}]", "\"OK\"",
        "42", "null", "{\"Code\":"}) {
      JsonNode node = Json.objectOrEmpty(MAPPER, body);
      assertThat(node.isObject()).as(body).isTrue();
      assertThat(node.size()).as(body).isZero();
    }
  }

  @Test
  void fieldsReadAsTextWhateverTheirType() {
    JsonNode node = Json.objectOrEmpty(MAPPER,
        "{\"s\":\"a b\",\"n\":12,\"f\":1.5,\"b\":true,\"blank\":\" \",\"empty\":\"\",\"nil\":null,"
            + "\"o\":{\"x\":1},\"a\":[1]}");

    assertThat(Json.text(node, "s")).contains("a b");
    assertThat(Json.text(node, "n")).contains("12");
    assertThat(Json.text(node, "f")).contains("1.5");
    assertThat(Json.text(node, "b")).contains("true");
    assertThat(Json.text(node, "blank")).contains(" ");
    assertThat(Json.text(node, "empty")).contains("");
    assertThat(Json.text(node, "nil")).isEmpty();
    assertThat(Json.text(node, "o")).isEmpty();
    assertThat(Json.text(node, "a")).isEmpty();
    assertThat(Json.text(node, "missing")).isEmpty();
  }

  @Test
  void nonBlankTextDropsBlanksAndKeepsTheRestAsItIs() {
    JsonNode node = Json.objectOrEmpty(MAPPER, "{\"s\":\" a \",\"blank\":\" \",\"empty\":\"\",\"n\":0}");

    assertThat(Json.nonBlankText(node, "s")).contains(" a ");
    assertThat(Json.nonBlankText(node, "n")).contains("0");
    assertThat(Json.nonBlankText(node, "blank")).isEmpty();
    assertThat(Json.nonBlankText(node, "empty")).isEmpty();
    assertThat(Json.nonBlankText(node, "missing")).isEmpty();
  }

  @Test
  void fieldsOfANonObjectAreAbsent() {
    assertThat(Json.text(MAPPER.createArrayNode().add("x"), "0")).isEmpty();
    assertThat(Json.text(MAPPER.missingNode(), "Code")).isEmpty();
  }
}
