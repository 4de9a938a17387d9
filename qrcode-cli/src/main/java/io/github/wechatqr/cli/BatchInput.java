package io.github.wechatqr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a batch file: CSV with a header naming a {@code scene} column and optionally a {@code kind} column
 * ({@code str} or {@code id}); without a header, the first field is the scene and the second the kind.
 * Blank lines and lines starting with {@code #} are skipped.
 */
final class BatchInput {
  private BatchInput() {}

  static List<BatchRow> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<BatchRow> rows = new ArrayList<>();
    int sceneColumn = 0;
    int kindColumn = 1;
    int first = 0;
    if (!lines.isEmpty()) {
      List<String> header = lower(Csv.split(stripBom(lines.get(0))));
      if (header.contains("scene")) {
        sceneColumn = header.indexOf("scene");
        kindColumn = header.contains("kind") ? header.indexOf("kind") : -1;
        first = 1;
      }
    }
    for (int i = first; i < lines.size(); i++) {
      String line = i == 0 ? stripBom(lines.get(i)) : lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = split(line, i + 1);
      if (sceneColumn >= fields.size()) {
        throw new IllegalArgumentException("line " + (i + 1) + " of " + file.getFileName() + " has no scene");
      }
      String kind = kindColumn >= 0 && kindColumn < fields.size()
          ? fields.get(kindColumn).trim().toLowerCase(Locale.ROOT) : "";
      if (!kind.isEmpty() && !kind.equals("str") && !kind.equals("id")) {
        throw new IllegalArgumentException("line " + (i + 1) + ": kind must be str or id, was " + kind);
      }
      rows.add(new BatchRow(i + 1, fields.get(sceneColumn), kind.equals("str")));
    }
    return rows;
  }

  private static List<String> split(String line, int number) {
    try {
      return Csv.split(line);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
    }
  }

  private static List<String> lower(List<String> fields) {
    return fields.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }
}
