package io.github.wechatqr.redis;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rules shared by the stored hashes. Every hash carries {@code v}, the layout version. A release reads the
 * versions it knows and ignores fields it does not know, so a later release may add fields without
 * changing {@code v}; it raises {@code v} only for a change older readers would misread, and older readers
 * then treat the entry as absent instead of guessing. Instants are ISO-8601 in UTC, to the nanosecond.
 */
final class Layout {
  private static final Logger LOG = LoggerFactory.getLogger(Layout.class);
  /** The layout version this release writes and reads. */
  static final int VERSION = 1;
  static final String V = "v";

  private Layout() {
  }

  /** @return a new, ordered field map that already carries this release's version */
  static Map<String, String> versioned() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(V, Integer.toString(VERSION));
    return fields;
  }

  /** Reads one kind of hash. */
  @FunctionalInterface
  interface Reader<T> {
    T read(Map<String, String> fields) throws UnreadableEntry;
  }

  /**
   * @return the entry, or empty if absent or unreadable; an unreadable entry is logged with the reason
   *     (reasons never quote a field's value, so no token leaks into the log)
   */
  static <T> Optional<T> readOrSkip(String key, Map<String, String> fields, Reader<T> reader) {
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(reader.read(fields));
    } catch (UnreadableEntry e) {
      LOG.warn("Ignoring the Redis entry {}: {}", Printable.of(key), e.getMessage());
      return Optional.empty();
    }
  }

  /** @return {@code head} followed by the fields as name, value, name, value, ... (script arguments) */
  static String[] arguments(Map<String, String> fields, String... head) {
    List<String> args = new ArrayList<>(List.of(head));
    fields.forEach((name, value) -> {
      args.add(name);
      args.add(value);
    });
    return args.toArray(String[]::new);
  }

  static void checkVersion(Map<String, String> fields) throws UnreadableEntry {
    String v = fields.get(V);
    if (v == null) {
      throw new UnreadableEntry("no layout version field 'v'");
    }
    int version;
    try {
      version = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UnreadableEntry("layout version 'v' is not a number");
    }
    if (version > VERSION) {
      throw new UnreadableEntry("written by a newer release (layout v" + version + "; this release reads v"
          + VERSION + ")");
    }
    if (version != VERSION) {
      throw new UnreadableEntry("unknown layout version v" + version);
    }
  }

  static String required(Map<String, String> fields, String name) throws UnreadableEntry {
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      throw new UnreadableEntry("field '" + name + "' is missing");
    }
    return value;
  }

  static Instant instant(Map<String, String> fields, String name) throws UnreadableEntry {
    String value = required(fields, name);
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new UnreadableEntry("field '" + name + "' is not an ISO-8601 instant");
    }
  }

  static long number(Map<String, String> fields, String name) throws UnreadableEntry {
    try {
      return Long.parseLong(required(fields, name));
    } catch (NumberFormatException e) {
      throw new UnreadableEntry("field '" + name + "' is not a whole number");
    }
  }
}
