package io.github.wechatqr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** Medians and the small JSON files the harnesses leave for {@code bench/run.sh}. */
final class Stats {
  private Stats() {}

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElseThrow();
  }

  /** Writes a flat JSON object: numbers, strings and arrays of numbers. */
  static void writeJson(Path file, Map<String, Object> fields) {
    String json = fields.entrySet().stream()
        .map(e -> "  \"" + e.getKey() + "\": " + value(e.getValue()))
        .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String value(Object value) {
    if (value instanceof double[] numbers) {
      return Arrays.stream(numbers).mapToObj(Stats::number).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof long[] numbers) {
      return Arrays.stream(numbers).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Number number) {
      return number instanceof Double d ? number(d) : number.toString();
    }
    return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String number(double d) {
    return String.format(java.util.Locale.ROOT, "%.3f", d);
  }
}
