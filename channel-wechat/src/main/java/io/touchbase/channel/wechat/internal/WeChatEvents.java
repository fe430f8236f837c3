package io.touchbase.channel.wechat.internal;

import io.touchbase.api.contact.Address;
import io.touchbase.api.contact.Purpose;
import io.touchbase.api.touchpoint.TouchpointKind;
import io.touchbase.spi.channel.CallbackRejectedException;
import io.touchbase.spi.channel.ChannelEvent;
import io.touchbase.spi.channel.ChannelEvent.QuotaChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Turns one verified, decrypted Official Account push into events (providers.md §4.2, §4.3):
 *
 * <ul>
 *   <li>{@code TEMPLATESENDJOBFINISH}: a status report by {@code MsgID}; {@code failed:user block}
 *       also opts the openid out of both purposes;
 *   <li>{@code subscribe_msg_popup_event}, {@code subscribe_msg_change_event}: quota granted or
 *       revoked per template, with event id {@code FromUserName|CreateTime|TemplateId|index};
 *   <li>{@code subscribe_msg_sent_event}: a status report and a quota use per message, the latter
 *       with event id {@code msg:<MsgID>};
 *   <li>{@code unsubscribe}: opt-out of both purposes;
 *   <li>{@code subscribe} (the user follows, or follows again): opt-in to transactional messages
 *       only, which following makes possible again; marketing consent is the host's to record;
 *   <li>a text message: an inbound reply with {@code MsgId}.
 * </ul>
 *
 * <p>Anything else yields no event. Thread-safe.
 *
 * <p>This class is internal and is hence not for public use. Its APIs are unstable and can change
 * at any time.
 */
final class WeChatEvents {
  static final String USER_BLOCK_SOURCE = "wechat:user block";
  static final String UNSUBSCRIBE_SOURCE = "wechat:unsubscribe";
  static final String SUBSCRIBE_SOURCE = "wechat:subscribe";
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");
  private static final int MAX_REASON = 100;

  private final String appId;
  private final Clock clock;

  WeChatEvents(String appId, Clock clock) {
    this.appId = appId;
    this.clock = clock;
  }

  /**
   * @throws CallbackRejectedException (400) when a push we read lacks a field it needs
   */
  List<ChannelEvent> of(Element push) {
    String msgType = WxXml.nonBlank(push, "MsgType")
        .orElseThrow(() -> CallbackRejectedException.malformed("push has no MsgType"));
    if (msgType.equals("text")) {
      return List.of(reply(push));
    }
    if (!msgType.equals("event")) {
      return List.of(); // images, voice, locations ...: nothing a cadence reads
    }
    String event = WxXml.nonBlank(push, "Event").orElse("").toLowerCase(Locale.ROOT);
    return switch (event) {
      case "templatesendjobfinish" -> templateFinished(push);
      case "subscribe_msg_popup_event" -> quota(push, "SubscribeMsgPopupEvent", true);
      case "subscribe_msg_change_event" -> quota(push, "SubscribeMsgChangeEvent", false);
      case "subscribe_msg_sent_event" -> subscribeSent(push);
      case "unsubscribe" -> optOuts(from(push), at(push), UNSUBSCRIBE_SOURCE);
      case "subscribe" -> List.of(new ChannelEvent.OptIn(from(push), Purpose.TRANSACTIONAL, at(push), SUBSCRIBE_SOURCE));
      default -> List.of();
    };
  }

  private ChannelEvent reply(Element push) {
    String text = WxXml.text(push, "Content").orElse("");
    return new ChannelEvent.InboundReply(from(push), text, at(push), WxXml.nonBlank(push, "MsgId"));
  }

  private List<ChannelEvent> templateFinished(Element push) {
    String msgId = WxXml.nonBlank(push, "MsgID")
        .orElseThrow(() -> CallbackRejectedException.malformed("TEMPLATESENDJOBFINISH has no MsgID"));
    String status = WxXml.text(push, "Status").orElse("").strip();
    // Spaces vary ("failed: system failed"): compare without them.
    String compact = status.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
    Instant at = at(push);
    if (compact.equals("success")) {
      return List.of(report(msgId, TouchpointKind.DELIVERED, at, Optional.empty()));
    }
    if (compact.startsWith("failed:userblock")) {
      List<ChannelEvent> events = new ArrayList<>();
      events.add(report(msgId, TouchpointKind.FAILED, at, Optional.of(reason(status))));
      events.addAll(optOuts(from(push), at, USER_BLOCK_SOURCE));
      return events;
    }
    if (compact.startsWith("failed")) {
      return List.of(report(msgId, TouchpointKind.FAILED, at, Optional.of(reason(status))));
    }
    return List.of(); // a status WeChat does not document: better no report than a wrong one
  }

  private List<ChannelEvent> quota(Element push, String container, boolean popup) {
    Address to = from(push);
    String createTime = createTime(push);
    Instant at = Instant.ofEpochSecond(Long.parseLong(createTime));
    List<ChannelEvent> events = new ArrayList<>();
    List<Element> items = items(push, container);
    for (int i = 0; i < items.size(); i++) {
      Element item = items.get(i);
      String templateId = templateId(item, container);
      String status = WxXml.nonBlank(item, "SubscribeStatusString").orElse("").toLowerCase(Locale.ROOT);
      QuotaChange change;
      if (status.equals("reject")) {
        change = QuotaChange.REVOKED;
      } else if (status.equals("accept") && popup) {
        change = QuotaChange.GRANTED;
      } else {
        // A change event documents reject only; an accept there would count a grant twice.
        continue;
      }
      String eventId = to.value() + "|" + createTime + "|" + templateId + "|" + i;
      events.add(new ChannelEvent.SendQuotaChange(to, templateId, change, at, eventId));
    }
    return events;
  }

  private List<ChannelEvent> subscribeSent(Element push) {
    Address to = from(push);
    Instant at = at(push);
    List<ChannelEvent> events = new ArrayList<>();
    for (Element item : items(push, "SubscribeMsgSentEvent")) {
      String msgId = WxXml.nonBlank(item, "MsgID")
          .orElseThrow(() -> CallbackRejectedException.malformed("SubscribeMsgSentEvent item has no MsgID"));
      String templateId = templateId(item, "SubscribeMsgSentEvent");
      String code = WxXml.nonBlank(item, "ErrorCode").orElse("");
      boolean delivered = code.equals("0");
      Optional<String> reason = delivered
          ? Optional.empty()
          : Optional.of(reason(WxXml.nonBlank(item, "ErrorStatus").orElse("error " + code)));
      events.add(report(msgId, delivered ? TouchpointKind.DELIVERED : TouchpointKind.FAILED, at, reason));
      events.add(new ChannelEvent.SendQuotaChange(to, templateId, QuotaChange.USED, at, "msg:" + msgId));
    }
    return events;
  }

  private static List<Element> items(Element push, String container) {
    List<Element> lists = new ArrayList<>();
    for (Element c : WxXml.children(push, container)) {
      lists.addAll(WxXml.children(c, "List"));
    }
    return lists;
  }

  private static String templateId(Element item, String container) {
    return WxXml.nonBlank(item, "TemplateId")
        .orElseThrow(() -> CallbackRejectedException.malformed(container + " item has no TemplateId"));
  }

  private static List<ChannelEvent> optOuts(Address from, Instant at, String source) {
    return List.of(
        new ChannelEvent.OptOut(from, Purpose.MARKETING, at, source),
        new ChannelEvent.OptOut(from, Purpose.TRANSACTIONAL, at, source));
  }

  private static ChannelEvent.StatusReport report(
      String msgId, TouchpointKind kind, Instant at, Optional<String> reason) {
    return new ChannelEvent.StatusReport(Optional.empty(), Optional.of(msgId), kind, at, reason, Map.of());
  }

  private Address from(Element push) {
    String openId = WxXml.nonBlank(push, "FromUserName")
        .orElseThrow(() -> CallbackRejectedException.malformed("push has no FromUserName"));
    try {
      return Address.wechatOpenId(appId, openId);
    } catch (IllegalArgumentException e) {
      throw CallbackRejectedException.malformed("FromUserName is not an openid");
    }
  }

  /** CreateTime, which quota event ids are built from: required there. */
  private static String createTime(Element push) {
    return WxXml.nonBlank(push, "CreateTime").filter(t -> SECONDS.matcher(t).matches())
        .orElseThrow(() -> CallbackRejectedException.malformed("push has no CreateTime in Unix seconds"));
  }

  /** CreateTime as an instant; the engine clock when it is missing or unreadable. */
  private Instant at(Element push) {
    return WxXml.nonBlank(push, "CreateTime").filter(t -> SECONDS.matcher(t).matches())
        .map(t -> Instant.ofEpochSecond(Long.parseLong(t)))
        .orElseGet(clock::instant);
  }

  private static String reason(String providerText) {
    String r = providerText.strip();
    return r.length() <= MAX_REASON ? r : r.substring(0, MAX_REASON);
  }
}
