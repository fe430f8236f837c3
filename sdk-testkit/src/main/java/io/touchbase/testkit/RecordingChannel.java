package io.touchbase.testkit;

import io.touchbase.api.contact.AddressKind;
import io.touchbase.api.contact.ChannelType;
import io.touchbase.api.contact.ContactId;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelContext;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.ChannelProvider;
import io.touchbase.spi.channel.DispatchId;
import io.touchbase.spi.channel.LookupResult;
import io.touchbase.spi.channel.OutboundMessage;
import io.touchbase.spi.channel.SendResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An in-memory channel for tests of code that sends through Touchbase. It records every message
 * it is asked to send, in order and duplicates included, so a test can see a message sent twice.
 * It can fail on demand, hold sends in flight, and answers look-ups from what it recorded.
 *
 * <p>Register its {@link #provider} with {@code Touchbase.builder().addChannelProvider(..)} and
 * read the record from {@link Provider#channel()}. Thread-safe; {@link #close()} does nothing, so
 * the record outlives the engines that used it.
 */
public final class RecordingChannel implements Channel {
  private final String providerId;
  // One lock for all state, so a send's failure check and its record are one step.
  private final Object lock = new Object();
  private final List<OutboundMessage> sent = new ArrayList<>();
  private final Map<DispatchId, String> idsByDispatch = new HashMap<>();
  private final Deque<ChannelException> failures = new ArrayDeque<>();
  private final SendGate gate = new SendGate();
  private ChannelException alwaysFail;
  private long sequence;
  private boolean lookupUnknown;

  private RecordingChannel(String providerId) {
    this.providerId = providerId;
  }

  /** A provider with this id that sends {@link ChannelType#SMS} to {@link AddressKind#PHONE}. */
  public static Provider provider(String id) {
    return provider(id, ChannelType.SMS, AddressKind.PHONE);
  }

  /**
   * A provider with this id, channel type and address kinds (in preference order; none means
   * {@link AddressKind#PHONE}).
   */
  public static Provider provider(String id, ChannelType type, AddressKind... kinds) {
    return new Provider(id, type, kinds.length == 0 ? List.of(AddressKind.PHONE) : List.of(kinds));
  }

  /**
   * Records the message and answers {@code rec-<n>}, unless a failure is scripted: then it throws
   * that and records nothing. Waits first while sends are {@linkplain #blockSends() blocked}.
   */
  @Override
  public SendResult send(OutboundMessage message) {
    Objects.requireNonNull(message, "message");
    gate.pass();
    synchronized (lock) {
      ChannelException failure = failures.poll();
      if (failure == null) {
        failure = alwaysFail;
      }
      if (failure != null) {
        throw failure;
      }
      String id = "rec-" + ++sequence;
      sent.add(message);
      idsByDispatch.put(message.dispatchId(), id);
      return SendResult.of(id);
    }
  }

  /**
   * {@code FOUND} with the provider message id when a send with this dispatch id was recorded,
   * {@code NOT_FOUND} otherwise; always {@code UNKNOWN} after {@code lookupAnswers(UNKNOWN)}.
   */
  @Override
  public LookupResult lookup(DispatchId dispatchId) {
    Objects.requireNonNull(dispatchId, "dispatchId");
    synchronized (lock) {
      if (lookupUnknown) {
        return LookupResult.unknown("RecordingChannel is set to answer UNKNOWN");
      }
      String id = idsByDispatch.get(dispatchId);
      return id != null
          ? LookupResult.found(id)
          : LookupResult.notFound("RecordingChannel recorded no send with this dispatch id");
    }
  }

  /** The messages sent, in send order: a copy. */
  public List<OutboundMessage> sent() {
    synchronized (lock) {
      return List.copyOf(sent);
    }
  }

  /** The messages sent to one contact, in send order. */
  public List<OutboundMessage> sentTo(ContactId contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return sent().stream().filter(m -> m.contactId().equals(contactId)).toList();
  }

  /** How many messages were sent. */
  public int count() {
    synchronized (lock) {
      return sent.size();
    }
  }

  /**
   * Back to as new, for the next test: forgets the record and every scripted failure, answers
   * look-ups truthfully again, and releases held sends. Provider message ids keep counting up.
   */
  public void clear() {
    synchronized (lock) {
      sent.clear();
      idsByDispatch.clear();
      failures.clear();
      alwaysFail = null;
      lookupUnknown = false;
    }
    releaseSends();
  }

  /** The next send throws {@code failure} and records nothing. Calls queue up, one per send. */
  public RecordingChannel failNext(ChannelException failure) {
    Objects.requireNonNull(failure, "failure");
    synchronized (lock) {
      failures.add(failure);
    }
    return this;
  }

  /** Every send throws {@code failure} until {@link #succeed()}; queued failures come first. */
  public RecordingChannel failAlways(ChannelException failure) {
    Objects.requireNonNull(failure, "failure");
    synchronized (lock) {
      alwaysFail = failure;
    }
    return this;
  }

  /** Ends {@link #failAlways}. Failures queued by {@link #failNext} stay. */
  public RecordingChannel succeed() {
    synchronized (lock) {
      alwaysFail = null;
    }
    return this;
  }

  /** Sends wait until {@link #releaseSends()}, so a test can act while a send is in flight. */
  public RecordingChannel blockSends() {
    gate.shut();
    return this;
  }

  /** Lets held sends go on, and later sends pass. */
  public RecordingChannel releaseSends() {
    gate.open();
    return this;
  }

  /**
   * Waits until at least {@code n} sends are held by {@link #blockSends()}.
   *
   * @return whether they were before {@code timeout}; false also if the thread is interrupted
   */
  public boolean awaitInFlight(int n, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return gate.awaitHeld(n, timeout);
  }

  /**
   * How {@link #lookup} answers. {@code UNKNOWN} makes every look-up unknown, as for a provider
   * with no query API; {@code NOT_FOUND} restores the default, truthful answer.
   *
   * @throws IllegalArgumentException for {@code FOUND}, which needs a provider message id: send
   *     the message instead
   */
  public RecordingChannel lookupAnswers(LookupResult.Status status) {
    Objects.requireNonNull(status, "status");
    if (status == LookupResult.Status.FOUND) {
      throw new IllegalArgumentException(
          "status must be UNKNOWN or NOT_FOUND, but was FOUND; send the message to make it found");
    }
    synchronized (lock) {
      lookupUnknown = status == LookupResult.Status.UNKNOWN;
    }
    return this;
  }

  @Override
  public String toString() {
    return "RecordingChannel{provider=" + providerId + ", sent=" + count() + "}";
  }

  /**
   * The provider of one {@link RecordingChannel}: {@link #create} returns that same instance
   * every time, whatever the context, so two engines in one JVM share one record.
   */
  public static final class Provider implements ChannelProvider {
    private final String id;
    private final ChannelType type;
    private final List<AddressKind> kinds;
    private final RecordingChannel channel;

    private Provider(String id, ChannelType type, List<AddressKind> kinds) {
      Objects.requireNonNull(id, "id");
      if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
        throw new IllegalArgumentException("id must be lower-kebab-case, but was '" + id + "'");
      }
      this.id = id;
      this.type = Objects.requireNonNull(type, "type");
      this.kinds = kinds;
      this.channel = new RecordingChannel(id);
    }

    /** The one channel this provider creates, to read and script in a test. */
    public RecordingChannel channel() {
      return channel;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public ChannelType channelType() {
      return type;
    }

    @Override
    public List<AddressKind> requiredAddressKinds() {
      return kinds;
    }

    /** Returns {@link #channel()}; the context is ignored and may be null. */
    @Override
    public RecordingChannel create(ChannelContext context) {
      return channel;
    }

    @Override
    public String toString() {
      return "RecordingChannel.Provider{id=" + id + ", type=" + type + ", kinds=" + kinds + "}";
    }
  }
}
