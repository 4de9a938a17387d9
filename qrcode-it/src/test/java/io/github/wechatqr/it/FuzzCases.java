package io.github.wechatqr.it;

import static org.quicktheories.generators.Generate.frequency;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The generators of the differential fuzzing: scene ids across the whole int range (weighted towards the
 * permanent range and the edges), scene strings of 0..100 code points drawn from alphabets that matter
 * (ASCII, {@code +/=&%#}, XML's own {@code <>&]]>}, whitespace, control characters, emoji, CJK, unpaired
 * surrogates, non-characters; {@code qrscene_} prefixes; whitespace-only strings), lifetimes from minus
 * ten years to plus ten years (negative, zero, sub-second parts, the 30-day edge), and both kinds.
 */
final class FuzzCases {
  private static final long YEARS_10 = Duration.ofDays(3650).toSeconds();
  private static final long MAX_LIFETIME = 2_592_000;

  private FuzzCases() {}

  static Gen<FuzzCase> all() {
    Gen<Boolean> permanent = Generate.booleans();
    Gen<FuzzCase> byId = permanent.zip(ids(), lifetimes(), FuzzCase::ofId);
    Gen<FuzzCase> byStr = permanent.zip(strings(), lifetimes(), FuzzCase::ofStr);
    return frequency(List.of(Pair.of(2, byId), Pair.of(3, byStr)));
  }

  static Gen<Integer> ids() {
    return frequency(List.of(
        Pair.of(4, integers().all()),
        Pair.of(3, integers().between(1, 100_000)),
        Pair.of(2, integers().between(-1000, 1000)),
        Pair.of(1, pick(List.of(Integer.MIN_VALUE, -1, 0, 1, 100_000, 100_001, Integer.MAX_VALUE)))));
  }

  static Gen<String> strings() {
    return frequency(List.of(
        Pair.of(4, text(codePoints(), 0, 100)),
        Pair.of(6, text(printable(), 1, 64)),
        Pair.of(2, text(printable(), 0, 100)),
        Pair.of(2, text(printable(), 0, 60).map(s -> "qrscene_" + s)),
        Pair.of(1, text(codePoints(), 0, 60).map(s -> "qrscene_" + s)),
        Pair.of(1, text(whitespace(), 0, 70)),
        Pair.of(1, pick(List.of("", " ", "qrscene_", "qrscene_qrscene_1", "123", "0", "-7", "0123", "+5",
            "a".repeat(64), "a".repeat(65), "\uD83D\uDE00".repeat(64), "\uD83D\uDE00".repeat(65), "]]>",
            "a]]>b", "%41", "a+b/c=d&e%f#g", "<xml>&amp;</xml>", "\u0000", "\uFFFF", "\uD800")))));
  }

  static Gen<Duration> lifetimes() {
    return frequency(List.of(
        Pair.of(4, longs().between(1, MAX_LIFETIME).map((Long seconds) -> Duration.ofSeconds(seconds))),
        Pair.of(2, longs().between(-YEARS_10, YEARS_10).map((Long seconds) -> Duration.ofSeconds(seconds))),
        Pair.of(2, longs().between(0, 5_000_000).zip(range(1, 999_999_999),
            (seconds, nanos) -> Duration.ofSeconds(seconds, nanos))),
        Pair.of(1, longs().between(-3_600, 0).map((Long seconds) -> Duration.ofSeconds(seconds))),
        Pair.of(1, pick(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(MAX_LIFETIME),
            Duration.ofSeconds(MAX_LIFETIME + 1), Duration.ofSeconds(-1), Duration.ofNanos(1),
            Duration.ofMillis(999), Duration.ofMillis(1500), Duration.ofSeconds(MAX_LIFETIME).plusNanos(1),
            Duration.ofSeconds(YEARS_10))))));
  }

  /** Strings of {@code min..max} code points drawn from {@code alphabet}. */
  static Gen<String> text(Gen<Integer> alphabet, int min, int max) {
    return lists().of(alphabet).ofSizeBetween(min, max).map(FuzzCases::joined);
  }

  /** Every alphabet: the printable ones, plus control characters, unpaired surrogates and non-characters. */
  static Gen<Integer> codePoints() {
    return frequency(List.of(
        Pair.of(20, printable()),
        Pair.of(2, whitespace()),
        Pair.of(1, frequency(List.of(Pair.of(1, range(0x00, 0x1F)), Pair.of(1, range(0x7F, 0x9F))))),
        Pair.of(1, range(0xD800, 0xDFFF)),
        Pair.of(1, pick(List.of(0xFFFE, 0xFFFF)))));
  }

  /** What a scene string may hold: ASCII, {@code +/=&%#} and XML's specials, spaces, emoji, CJK, the rest. */
  static Gen<Integer> printable() {
    return frequency(List.of(
        Pair.of(30, range(0x21, 0x7E)),
        Pair.of(8, pick(List.of((int) '+', (int) '/', (int) '=', (int) '&', (int) '%', (int) '#', (int) '<',
            (int) '>', (int) ']', (int) '"', (int) '\''))),
        Pair.of(3, pick(List.of((int) ' ', 0x3000, 0x00A0, 0x2028, 0x200B))),
        Pair.of(6, range(0x1F300, 0x1FAFF)),
        Pair.of(6, range(0x4E00, 0x9FFF)),
        Pair.of(4, range(0x00A0, 0xD7FF)),
        Pair.of(1, pick(List.of(0xFDD0, 0xFEFF, 0x10FFFF)))));
  }

  static Gen<Integer> whitespace() {
    return pick(List.of((int) ' ', (int) '\t', (int) '\n', (int) '\r', 0x3000, 0x00A0, 0x2028, 0x200B, 0x000B));
  }

  private static String joined(List<Integer> codePoints) {
    StringBuilder out = new StringBuilder();
    codePoints.forEach(out::appendCodePoint);
    return out.toString();
  }
}
