package io.github.wechatqr.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.regex.Pattern;

/**
 * What the command prints comes from WeChat, Redis, a push or an input file, so none of it reaches the
 * terminal raw: control characters (C0, DEL, C1), the line and paragraph separators and the bidirectional
 * controls are shown escaped, so a value can neither move the cursor, recolour or clear the screen, nor
 * reorder what follows it. {@link #text} and {@link #block} are for text output ({@code \x1B},
 * {@code \u202E}); {@link #JSON_ESCAPES} does the same inside Jackson's JSON strings ({@code \u001B}).
 * {@link #redacted} takes the password out of any URI in a message.
 */
final class Terminal {
  /** Jackson escapes C0 itself; this adds DEL, C1, the separators and the bidi controls. */
  static final CharacterEscapes JSON_ESCAPES = new JsonEscapes();

  // scheme://user:password@ or scheme://password@ (Lettuce reads a user-less userinfo as the password), up to
  // the last @ before a blank: a malformed URI may have '/' or '@' in its password
  private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)\\S*@");

  private Terminal() {}

  /** @return {@code value} for one line: every unsafe character escaped, tabs and newlines too */
  static String text(String value) {
    return escape(value, false);
  }

  /** @return {@code value} for several lines (a stack trace): as {@link #text}, but tabs and newlines kept */
  static String block(String value) {
    return escape(value, true);
  }

  /** @return the message with the user information (user and password) of every URI in it replaced */
  static String redacted(String message) {
    return message == null ? null : USER_INFO.matcher(message).replaceAll("$1***@");
  }

  /** @return whether printing {@code c} as it is could drive or mislead a terminal */
  static boolean unsafe(int c) {
    return c < 0x20 || c >= 0x7F && c <= 0x9F
        || c == 0x2028 || c == 0x2029                      // line and paragraph separators
        || c == 0x061C || c == 0x200E || c == 0x200F        // bidi marks
        || c >= 0x202A && c <= 0x202E                       // bidi embeddings and overrides
        || c >= 0x2066 && c <= 0x2069;                      // bidi isolates
  }

  private static String escape(String value, boolean lines) {
    if (value == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean keep = !unsafe(c) || lines && (c == '\n' || c == '\t');
      if (keep && out == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(value.length() + 16).append(value, 0, i);
      }
      if (keep) {
        out.append(c);
      } else if (c < 0x100) {
        out.append(String.format("\\x%02X", (int) c));
      } else {
        out.append(String.format("\\u%04X", (int) c));
      }
    }
    return out == null ? value : out.toString();
  }

  private static final class JsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    JsonEscapes() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int c) {
      return unsafe(c) ? new SerializedString(String.format("\\u%04X", c)) : null;
    }
  }
}
