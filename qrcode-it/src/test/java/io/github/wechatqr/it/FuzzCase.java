package io.github.wechatqr.it;

import io.github.wechatqr.domain.SceneValue;
import java.time.Duration;

/**
 * One generated request, raw: the kind, a scene id or a scene string (exactly one), and a lifetime, none of
 * them checked. {@link #toString()} spells every code point that is not printable ASCII as {@code \\u}{XXXX},
 * so a failing case reads unambiguously in the report.
 *
 * @param permanent whether a permanent code is asked for (the lifetime is then ignored, as the API has none)
 * @param id the scene id, or {@code null} for a string scene
 * @param str the scene string, or {@code null} for an id scene
 * @param lifetime the lifetime asked for a temporary code
 */
record FuzzCase(boolean permanent, Integer id, String str, Duration lifetime) {
  FuzzCase {
    if ((id == null) == (str == null)) {
      throw new IllegalArgumentException("exactly one of id and str");
    }
  }

  static FuzzCase ofId(boolean permanent, int id, Duration lifetime) {
    return new FuzzCase(permanent, id, null, lifetime);
  }

  static FuzzCase ofStr(boolean permanent, String str, Duration lifetime) {
    return new FuzzCase(permanent, null, str, lifetime);
  }

  /** @return the scene the domain builds from it; throws what the domain throws */
  SceneValue scene() {
    return id != null ? SceneValue.of(id) : SceneValue.of(str);
  }

  /** @return {@code temporary-id}, {@code permanent-str} and so on, for the tally */
  String kind() {
    return (permanent ? "permanent" : "temporary") + (id != null ? "-id" : "-str");
  }

  @Override
  public String toString() {
    return kind() + " " + (id != null ? id.toString() : escaped(str))
        + (permanent ? "" : " lifetime " + lifetime);
  }

  /** @return the text quoted, every character but printable ASCII as an escape; valid JSON as well */
  static String escaped(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04X", (int) c));
      }
    }
    return out.append('"').toString();
  }
}
