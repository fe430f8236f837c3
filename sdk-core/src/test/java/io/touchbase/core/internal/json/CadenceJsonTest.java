package io.touchbase.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.task.CallPolicy;
import io.touchbase.api.task.CallResult;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CadenceJsonTest {
  private final CadenceJson json = new CadenceJson(new JsonCodec());

  @Test
  @DisplayName("a round's call policy survives storage; the default one is not written")
  void callPolicyRoundTrip() {
    CallPolicy policy = CallPolicy.builder().maxAttempts(5).retryAfter(Duration.ofMinutes(90))
        .on(CallResult.BUSY, CallPolicy.Action.FALL_BACK).whenExhausted(CallPolicy.Action.STOP).build();
    CadenceDefinition d = CadenceDefinition.builder("calls")
        .round(r -> r.channel("sms").template("t1"))
        .round(r -> r.channels("agent-call", "sms").template("t2").callPolicy(policy))
        .build();
    String written = json.write(d);
    assertThat(json.read(written)).isEqualTo(d);
    assertThat(json.read(written).round(2).callPolicy()).isEqualTo(policy);
    assertThat(written).containsOnlyOnce("callPolicy").contains("\"BUSY\":\"FALL_BACK\"")
        .contains("\"maxAttempts\":5");
  }

  @Test
  @DisplayName("a definition stored before call policies existed reads with the default policy")
  void olderDocumentsRead() {
    String stored = "{\"id\":\"renewal\",\"version\":1,\"purpose\":\"MARKETING\","
        + "\"rounds\":[{\"delay\":{\"type\":\"fixed\",\"duration\":\"PT0S\"},\"channels\":[\"sms\"],"
        + "\"template\":\"renewal-1\",\"variables\":{}}],"
        + "\"goals\":[\"membership.renewed\"],\"reentry\":\"AFTER_EXIT\"}";
    CadenceDefinition d = json.read(stored);
    assertThat(d.round(1).callPolicy()).isEqualTo(CallPolicy.DEFAULT);
    assertThat(json.write(d)).doesNotContain("callPolicy");
  }

  @Test
  @DisplayName("a stored definition that is cut short or edited names the wrong field")
  void malformedDocumentsNameTheField() {
    assertThat(catchThrowableOfType(IllegalArgumentException.class,
        () -> json.read(""))).hasMessage("stored cadence definition is not valid JSON");
    assertThat(catchThrowableOfType(IllegalArgumentException.class,
        () -> json.read("{\"id\":\"x\",\"version\":1,\"purpose\":\"MARKETING\"}")))
        .hasMessage("stored cadence definition has no cadence.rounds");
    assertThat(catchThrowableOfType(IllegalArgumentException.class,
        () -> json.read("{\"id\":\"x\",\"version\":1,\"rounds\":[{}]}")))
        .hasMessage("stored cadence definition has no cadence.rounds[0].delay");
    assertThat(catchThrowableOfType(IllegalArgumentException.class,
        () -> json.read("{\"id\":\"x\",\"version\":1,\"purpose\":\"NOPE\",\"rounds\":[],\"goals\":[]}")))
        .hasMessage("stored cadence definition has an unknown cadence.purpose 'NOPE'");
  }
}
