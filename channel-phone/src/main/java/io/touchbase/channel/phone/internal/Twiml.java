package io.touchbase.channel.phone.internal;

import java.util.Optional;

/**
 * Builds the TwiML document of a notification call: the text said once by Twilio's
 * text-to-speech, {@code <Response><Say language=".." voice="..">TEXT</Say></Response>}.
 */
final class Twiml {
  private Twiml() {}

  /**
   * A document that says {@code text}.
   *
   * @param text what to say, as plain text: it is escaped here
   * @param language the {@code language} attribute, when set
   * @param voice the {@code voice} attribute, when set
   */
  static String say(String text, Optional<String> language, Optional<String> voice) {
    StringBuilder xml = new StringBuilder(text.length() + 64).append("<Response><Say");
    language.ifPresent(v -> xml.append(" language=\"").append(escape(v)).append('"'));
    voice.ifPresent(v -> xml.append(" voice=\"").append(escape(v)).append('"'));
    return xml.append('>').append(escape(text)).append("</Say></Response>").toString();
  }

  /**
   * Escapes text for XML content and attribute values. Characters XML 1.0 cannot hold at all
   * (most control characters, lone surrogates) are dropped: TTS would not say them anyway.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (allowed(c)) {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean allowed(char c) {
    return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
  }
}
