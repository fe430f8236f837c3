package io.touchbase.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The contract must fail for providers that break it, or it proves nothing when it passes. */
class ContractCatchesBrokenProvidersTest {

  /** A provider that breaks every rule it is told to; by default it keeps them all. */
  private static class Broken implements ChannelProvider {
    String id = "broken";
    boolean leakyToString;
    boolean wrongException;
    boolean checksSettings = true;

    @Override
    public String id() {
      return id;
    }

    @Override
    public ChannelType channelType() {
      return ChannelType.SMS;
    }

    @Override
    public List<AddressKind> requiredAddressKinds() {
      return List.of(AddressKind.PHONE);
    }

    @Override
    public Set<String> requiredSettings() {
      return Set.of("endpoint");
    }

    @Override
    public Set<String> requiredSecrets() {
      return Set.of("token");
    }

    @Override
    public Channel create(ChannelContext context) {
      if (checksSettings) {
        context.settings().require("endpoint");
      }
      String token = context.secrets().get("token").orElse("");
      return new Channel() {
        @Override
        public SendResult send(OutboundMessage message) {
          if (wrongException) {
            throw new IllegalStateException("boom");
          }
          return SendResult.of("b-1");
        }

        @Override
        public String toString() {
          return leakyToString ? "Broken{token=" + token + "}" : "Broken";
        }
      };
    }
  }

  private static ChannelProviderContractTest contract(Broken broken) {
    return new ChannelProviderContractTest() {
      @Override
      protected ChannelProvider provider() {
        return broken;
      }

      @Override
      protected Map<String, String> settings() {
        return Map.of("endpoint", "https://example.com");
      }

      @Override
      protected Map<String, String> secrets() {
        return Map.of("token", "very-secret-token");
      }

      @Override
      protected boolean prepareFailingSend() {
        broken.wrongException = true;
        return true;
      }
    };
  }

  @Test
  @DisplayName("a provider that keeps the rules passes these checks")
  void wellBehavedPasses() {
    ChannelProviderContractTest contract = contract(new Broken());
    assertThatCode(() -> {
      contract.idIsLowerKebabCaseAndStable();
      contract.missingRequiredSettingIsNamed();
      contract.toStringShowsNoSecrets();
    }).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("fails a provider not listed in META-INF/services")
  void catchesMissingRegistration() {
    assertThatThrownBy(() -> contract(new Broken()).registeredThroughServiceLoader())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("META-INF/services/io.touchbase.spi.channel.ChannelProvider");
  }

  @Test
  @DisplayName("fails an id that is not lower-kebab-case")
  void catchesBadId() {
    Broken broken = new Broken();
    broken.id = "Broken_Provider";
    assertThatThrownBy(() -> contract(broken).idIsLowerKebabCaseAndStable()).isInstanceOf(AssertionError.class);
  }

  @Test
  @DisplayName("fails a provider that does not check a required setting")
  void catchesUncheckedSetting() {
    Broken broken = new Broken();
    broken.checksSettings = false;
    assertThatThrownBy(() -> contract(broken).missingRequiredSettingIsNamed())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("endpoint");
  }

  @Test
  @DisplayName("fails a channel whose toString shows a secret")
  void catchesLeakyToString() {
    Broken broken = new Broken();
    broken.leakyToString = true;
    assertThatThrownBy(() -> contract(broken).toStringShowsNoSecrets())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("channel.toString()");
  }

  @Test
  @DisplayName("fails a send that throws something other than ChannelException")
  void catchesWrongException() {
    assertThatThrownBy(() -> contract(new Broken()).failedSendThrowsChannelException())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ChannelException");
  }

  @Test
  @DisplayName("skips the failure check when there is no failure scenario")
  void skipsWithoutFailureScenario() {
    ChannelProviderContractTest contract = new ChannelProviderContractTest() {
      @Override
      protected ChannelProvider provider() {
        return RecordingChannel.provider("recording-sms");
      }
    };
    assertThatThrownBy(contract::failedSendThrowsChannelException)
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("prepareFailingSend()");
  }
}
