package io.github.wechatqr.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds any of many secrets in a line in one pass (Rabin-Karp on each secret's first
 * {@link KnownSecrets#MIN_LENGTH} characters, then an exact comparison), so thousands of tokens can be
 * looked for in megabytes of logs in a second or two.
 */
final class SecretMatcher {
  private static final int K = KnownSecrets.MIN_LENGTH;
  private static final int BASE = 31;
  private static final int TOP = pow(BASE, K - 1);

  private final Map<Integer, List<String>> byPrefixHash = new HashMap<>();
  private final int size;

  SecretMatcher(Set<String> secrets) {
    for (String secret : secrets) {
      if (secret.length() < K) {
        throw new IllegalArgumentException("a secret shorter than " + K + " characters cannot be told from text");
      }
      byPrefixHash.computeIfAbsent(hash(secret, 0), h -> new ArrayList<>()).add(secret);
    }
    this.size = secrets.size();
  }

  int size() {
    return size;
  }

  /** @return the first secret found in {@code text}, if any */
  Optional<String> find(CharSequence text) {
    if (text.length() < K) {
      return Optional.empty();
    }
    int h = hash(text, 0);
    for (int i = 0; ; i++) {
      List<String> candidates = byPrefixHash.get(h);
      if (candidates != null) {
        for (String secret : candidates) {
          if (matchesAt(text, i, secret)) {
            return Optional.of(secret);
          }
        }
      }
      if (i + K >= text.length()) {
        return Optional.empty();
      }
      h = (h - text.charAt(i) * TOP) * BASE + text.charAt(i + K);
    }
  }

  /** @return the secret shortened to its first four characters and its length, safe to print */
  static String masked(String secret) {
    return secret.substring(0, 4) + "…(" + secret.length() + " chars)";
  }

  private static boolean matchesAt(CharSequence text, int at, String secret) {
    if (at + secret.length() > text.length()) {
      return false;
    }
    for (int j = 0; j < secret.length(); j++) {
      if (text.charAt(at + j) != secret.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  private static int hash(CharSequence text, int from) {
    int h = 0;
    for (int i = from; i < from + K; i++) {
      h = h * BASE + text.charAt(i);
    }
    return h;
  }

  private static int pow(int base, int exponent) {
    int result = 1;
    for (int i = 0; i < exponent; i++) {
      result *= base;
    }
    return result;
  }
}
