package io.touchbase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.ContactId;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordingChannelTest {
  private final RecordingChannel.Provider provider = RecordingChannel.provider("recording-sms");
  private final RecordingChannel channel = provider.channel();

  private static OutboundMessage message(String dispatchId, String contactId) {
    return new OutboundMessage(DispatchId.of(dispatchId), "sms", ContactId.of(contactId),
        Address.phone("+8613800138000"), Purpose.MARKETING, "renewal-1", Map.of(), Optional.empty(),
        Optional.empty());
  }

  @Test
  @DisplayName("the provider defaults to SMS to phone numbers and shows its id")
  void providerDefaults() {
    assertThat(provider.id()).isEqualTo("recording-sms");
    assertThat(provider.channelType()).isEqualTo(ChannelType.SMS);
    assertThat(provider.requiredAddressKinds()).containsExactly(AddressKind.PHONE);
    assertThat(provider.toString()).contains("recording-sms");
    RecordingChannel.Provider mail = RecordingChannel.provider("mail", ChannelType.EMAIL, AddressKind.EMAIL);
    assertThat(mail.channelType()).isEqualTo(ChannelType.EMAIL);
    assertThat(mail.requiredAddressKinds()).containsExactly(AddressKind.EMAIL);
    assertThat(RecordingChannel.provider("x", ChannelType.SMS).requiredAddressKinds())
        .containsExactly(AddressKind.PHONE);
  }

  @Test
  @DisplayName("the provider rejects an id that is not lower-kebab-case")
  void providerRejectsBadId() {
    assertThatThrownBy(() -> RecordingChannel.provider("Recording SMS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id must be lower-kebab-case, but was 'Recording SMS'");
  }

  @Test
  @DisplayName("every create returns the same channel, so engines share one record")
  void createReturnsOneInstance() {
    assertThat(provider.create(TestChannelContext.builder().build())).isSameAs(channel);
    assertThat(provider.create(null)).isSameAs(channel);
  }

  @Test
  @DisplayName("records sends in order, duplicates included, with ids rec-1, rec-2 ...")
  void recordsInOrder() {
    SendResult first = channel.send(message("d1", "u1"));
    channel.send(message("d2", "u2"));
    SendResult again = channel.send(message("d1", "u1"));
    assertThat(first.providerMessageId()).isEqualTo("rec-1");
    assertThat(again.providerMessageId()).isEqualTo("rec-3");
    assertThat(channel.sent()).extracting(m -> m.dispatchId().value()).containsExactly("d1", "d2", "d1");
    assertThat(channel.sentTo(ContactId.of("u1"))).hasSize(2);
    assertThat(channel.count()).isEqualTo(3);
    assertThat(channel.toString()).contains("recording-sms");
  }

  @Test
  @DisplayName("sent() is a copy that later sends do not change")
  void sentIsCopy() {
    channel.send(message("d1", "u1"));
    var snapshot = channel.sent();
    channel.send(message("d2", "u1"));
    assertThat(snapshot).hasSize(1);
    assertThatThrownBy(() -> snapshot.clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("failNext fails queued sends one by one and records nothing for them")
  void failNextQueues() {
    ChannelException throttled = ChannelException.retryable("Throttling", "too many requests");
    ChannelException bad = ChannelException.permanent("isv.MOBILE_NUMBER_ILLEGAL", "bad number");
    channel.failNext(throttled).failNext(bad);
    assertThatThrownBy(() -> channel.send(message("d1", "u1"))).isSameAs(throttled);
    assertThatThrownBy(() -> channel.send(message("d1", "u1"))).isSameAs(bad);
    assertThat(channel.sent()).isEmpty();
    channel.send(message("d1", "u1"));
    assertThat(channel.count()).isEqualTo(1);
  }

  @Test
  @DisplayName("failAlways fails every send until succeed")
  void failAlwaysUntilSucceed() {
    ChannelException down = ChannelException.retryable("isp.SYSTEM_ERROR", "system error");
    channel.failAlways(down);
    assertThatThrownBy(() -> channel.send(message("d1", "u1"))).isSameAs(down);
    assertThatThrownBy(() -> channel.send(message("d2", "u1"))).isSameAs(down);
    channel.succeed();
    channel.send(message("d3", "u1"));
    assertThat(channel.sent()).extracting(m -> m.dispatchId().value()).containsExactly("d3");
  }

  @Test
  @DisplayName("look-up finds recorded dispatch ids, not others, and can be told to answer UNKNOWN")
  void lookup() {
    channel.send(message("d1", "u1"));
    assertThat(channel.lookup(DispatchId.of("d1"))).isEqualTo(LookupResult.found("rec-1"));
    assertThat(channel.lookup(DispatchId.of("d2")).status()).isEqualTo(LookupResult.Status.NOT_FOUND);
    channel.lookupAnswers(LookupResult.Status.UNKNOWN);
    assertThat(channel.lookup(DispatchId.of("d1")).status()).isEqualTo(LookupResult.Status.UNKNOWN);
    channel.lookupAnswers(LookupResult.Status.NOT_FOUND);
    assertThat(channel.lookup(DispatchId.of("d1")).status()).isEqualTo(LookupResult.Status.FOUND);
    assertThatThrownBy(() -> channel.lookupAnswers(LookupResult.Status.FOUND))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("blockSends holds sends in flight until releaseSends")
  void blockAndRelease() throws Exception {
    channel.blockSends();
    CompletableFuture<SendResult> first = CompletableFuture.supplyAsync(() -> channel.send(message("d1", "u1")));
    CompletableFuture<SendResult> second = CompletableFuture.supplyAsync(() -> channel.send(message("d2", "u2")));
    assertThat(channel.awaitInFlight(2, Duration.ofSeconds(10))).isTrue();
    assertThat(channel.count()).isZero();
    assertThat(first).isNotDone();
    channel.releaseSends();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    assertThat(channel.count()).isEqualTo(2);
    assertThat(channel.awaitInFlight(1, Duration.ofMillis(20))).as("nothing held any more").isFalse();
  }

  @Test
  @DisplayName("clear forgets the record and scripted failures, and releases held sends")
  void clearResets() throws Exception {
    channel.send(message("d1", "u1"));
    channel.failAlways(ChannelException.permanent("x", "x")).lookupAnswers(LookupResult.Status.UNKNOWN);
    channel.blockSends();
    CompletableFuture<SendResult> held = CompletableFuture.supplyAsync(() -> channel.send(message("d2", "u1")));
    assertThat(channel.awaitInFlight(1, Duration.ofSeconds(10))).isTrue();
    channel.clear();
    assertThat(held.get(10, TimeUnit.SECONDS).providerMessageId()).isEqualTo("rec-2");
    assertThat(channel.sent()).extracting(m -> m.dispatchId().value()).containsExactly("d2");
    assertThat(channel.lookup(DispatchId.of("d1")).status()).isEqualTo(LookupResult.Status.NOT_FOUND);
  }

  @Test
  @DisplayName("close does nothing, so the record outlives the engine")
  void closeKeepsRecord() {
    channel.send(message("d1", "u1"));
    channel.close();
    channel.send(message("d2", "u1"));
    assertThat(channel.count()).isEqualTo(2);
  }
}
