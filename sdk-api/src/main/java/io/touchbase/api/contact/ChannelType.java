package io.touchbase.api.contact;

import io.touchbase.api.internal.Checks;

/**
 * The kind of channel a provider serves, and the unit consent is given for. Built-in types are
 * constants; a plugin may define its own with {@link #of(String)}.
 *
 * @param id stable lower-kebab id
 */
public record ChannelType(String id) {
  public static final ChannelType SMS = new ChannelType("sms");
  public static final ChannelType EMAIL = new ChannelType("email");
  /** WeChat Official Account and Mini Program messages. */
  public static final ChannelType WECHAT = new ChannelType("wechat");
  /** WeCom messages, including staff-confirmed 1:1 messages to external contacts. */
  public static final ChannelType WECOM = new ChannelType("wecom");
  /** Phone calls, automated (text-to-speech) or made by an agent. */
  public static final ChannelType PHONE = new ChannelType("phone");

  public ChannelType {
    Checks.kebabId(id, "channelType");
  }

  public static ChannelType of(String id) {
    return new ChannelType(id);
  }

  @Override
  public String toString() {
    return id;
  }
}
