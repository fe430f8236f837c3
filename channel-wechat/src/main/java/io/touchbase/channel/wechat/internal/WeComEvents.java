package io.touchbase.channel.wechat.internal;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.Purpose;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.ChannelEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Turns one verified, decrypted WeCom push into events. Only one push concerns a cadence: {@code
 * change_external_contact} with {@code ChangeType del_follow_user}, the customer deleting the
 * staff member, which opts the external user id out of MARKETING on WeCom (source {@code
 * wecom:del_follow_user}); the customer can no longer receive that staff member's messages, and
 * has said they do not want them. The field names ({@code ChangeType}, {@code UserID}, {@code
 * ExternalUserID}) follow WeCom's event docs as commonly read; providers.md does not state them,
 * so they are unconfirmed. Anything else yields no event. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeComEvents {
  static final String DEL_FOLLOW_USER_SOURCE = "wecom:del_follow_user";
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");

  private final String corpId;
  private final Clock clock;

  WeComEvents(String corpId, Clock clock) {
    this.corpId = corpId;
    this.clock = clock;
  }

  /**
   * @throws CallbackRejectedException (400) when a push we read lacks a field it needs
   */
  List<ChannelEvent> of(Element push) {
    String msgType = WxXml.nonBlank(push, "MsgType").orElse("").toLowerCase(Locale.ROOT);
    String event = WxXml.nonBlank(push, "Event").orElse("").toLowerCase(Locale.ROOT);
    String change = WxXml.nonBlank(push, "ChangeType").orElse("").toLowerCase(Locale.ROOT);
    if (!msgType.equals("event") || !event.equals("change_external_contact") || !change.equals("del_follow_user")) {
      return List.of();
    }
    String externalUserId = WxXml.nonBlank(push, "ExternalUserID")
        .orElseThrow(() -> CallbackRejectedException.malformed("del_follow_user has no ExternalUserID"));
    Address from;
    try {
      from = Address.wecomExternalUserId(corpId, externalUserId);
    } catch (IllegalArgumentException e) {
      throw CallbackRejectedException.malformed("ExternalUserID is not an external user id");
    }
    return List.of(new ChannelEvent.OptOut(from, Purpose.MARKETING, at(push), DEL_FOLLOW_USER_SOURCE));
  }

  /** CreateTime as an instant; the engine clock when it is missing or unreadable. */
  private Instant at(Element push) {
    return WxXml.nonBlank(push, "CreateTime").filter(t -> SECONDS.matcher(t).matches())
        .map(t -> Instant.ofEpochSecond(Long.parseLong(t)))
        .orElseGet(clock::instant);
  }
}
