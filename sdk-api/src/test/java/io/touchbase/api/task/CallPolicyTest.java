package io.touchbase.api.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.cadence.CadenceDefinition;
import io.touchbase.api.task.CallPolicy.Action;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallPolicyTest {

  @Test
  void defaultsRetryNoAnswerBusyAndCallBackThriceFourHoursApart() {
    CallPolicy p = CallPolicy.DEFAULT;
    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.retryAfter()).isEqualTo(Duration.ofHours(4));
    assertThat(p.actionFor(CallResult.NO_ANSWER)).isEqualTo(Action.RETRY);
    assertThat(p.actionFor(CallResult.BUSY)).isEqualTo(Action.RETRY);
    assertThat(p.actionFor(CallResult.CALL_BACK)).isEqualTo(Action.RETRY);
    assertThat(p.actionFor(CallResult.ANSWERED)).isEqualTo(Action.MOVE_ON);
    assertThat(p.actionFor(CallResult.WRONG_NUMBER)).isEqualTo(Action.FALL_BACK);
    assertThat(p.actionFor(CallResult.REFUSED)).isEqualTo(Action.STOP);
    assertThat(p.whenExhausted()).isEqualTo(Action.MOVE_ON);
    assertThat(p.actions()).doesNotContainKey(CallResult.CONVERTED).hasSize(6);
    assertThat(CallPolicy.builder().build()).isEqualTo(CallPolicy.DEFAULT);
  }

  @Test
  void builderOverridesSomeResultsAndKeepsTheOtherDefaults() {
    CallPolicy p = CallPolicy.builder().maxAttempts(5).retryAfter(Duration.ofHours(1))
        .on(CallResult.BUSY, Action.FALL_BACK).whenExhausted(Action.STOP).build();
    assertThat(p.maxAttempts()).isEqualTo(5);
    assertThat(p.actionFor(CallResult.BUSY)).isEqualTo(Action.FALL_BACK);
    assertThat(p.actionFor(CallResult.NO_ANSWER)).isEqualTo(Action.RETRY);
    assertThat(p.whenExhausted()).isEqualTo(Action.STOP);
    assertThat(p.toBuilder().build()).isEqualTo(p);
    assertThat(new CallPolicy(3, Duration.ofHours(4), Map.of(), Action.MOVE_ON)).isEqualTo(CallPolicy.DEFAULT);
  }

  @Test
  void invalidPoliciesNameTheField() {
    assertThatThrownBy(() -> CallPolicy.builder().maxAttempts(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("callPolicy.maxAttempts must be between 1 and 20, but was 0");
    assertThatThrownBy(() -> CallPolicy.builder().retryAfter(Duration.ZERO).build())
        .hasMessage("callPolicy.retryAfter must be greater than 0, but was PT0S");
    assertThatThrownBy(() -> CallPolicy.builder().on(CallResult.WRONG_NUMBER, Action.RETRY).build())
        .hasMessageStartingWith("callPolicy.actions[WRONG_NUMBER] must not be RETRY");
    assertThatThrownBy(() -> CallPolicy.builder().on(CallResult.CONVERTED, Action.MOVE_ON).build())
        .hasMessageStartingWith("callPolicy.actions[CONVERTED] can not be set");
    assertThatThrownBy(() -> CallPolicy.builder().whenExhausted(Action.RETRY).build())
        .hasMessageStartingWith("callPolicy.whenExhausted must not be RETRY");
    assertThatThrownBy(() -> CallPolicy.builder().on(CallResult.BUSY, null).build())
        .hasMessage("callPolicy.actions[BUSY] must not be null");
    assertThatThrownBy(() -> CallPolicy.DEFAULT.actionFor(CallResult.CONVERTED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONVERTED");
  }

  @Test
  void aRoundCarriesItsPolicyAndErrorsCarryTheRoundPath() {
    CallPolicy twice = CallPolicy.builder().maxAttempts(2).build();
    CadenceDefinition d = CadenceDefinition.builder("c")
        .round(r -> r.channel("sms").template("t"))
        .round(r -> r.channel("agent-call").template("t").callPolicy(twice))
        .build();
    assertThat(d.round(1).callPolicy()).isEqualTo(CallPolicy.DEFAULT);
    assertThat(d.round(2).callPolicy()).isEqualTo(twice);
    assertThatThrownBy(() -> CadenceDefinition.builder("c")
        .round(r -> r.channel("sms").template("t"))
        .round(r -> r.channel("agent-call").template("t").callPolicy(CallPolicy.builder().maxAttempts(99).build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rounds[1].callPolicy.maxAttempts must be between 1 and 20");
    assertThatThrownBy(() -> CadenceDefinition.builder("c").round(r -> r.channel("sms").template("t").callPolicy(null)))
        .hasMessage("rounds[0].callPolicy must not be null");
  }
}
