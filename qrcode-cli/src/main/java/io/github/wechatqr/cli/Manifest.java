package io.github.wechatqr.cli;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code DIR/manifest.csv}: one line per finished row, appended and flushed at once, so an interrupted
 * batch loses no finished row and a re-run knows what is done. The last line of a scene wins.
 */
final class Manifest implements Closeable {
  static final String FILE = "manifest.csv";
  static final List<String> HEADER =
      List.of("scene", "type", "ticket", "url", "expiresAt", "file", "status", "error");
  static final String DONE = "done";
  static final String FAILED = "failed";

  private final Map<String, String> status = new HashMap<>();
  private final BufferedWriter out;

  private Manifest(Path file) throws IOException {
    boolean fresh = !Files.exists(file);
    if (!fresh) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        remember(line);
      }
    }
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    if (fresh) {
      write(HEADER);
    }
  }

  static Manifest open(Path dir) throws IOException {
    Files.createDirectories(dir);
    return new Manifest(dir.resolve(FILE));
  }

  synchronized boolean isDone(String type, String scene) {
    return DONE.equals(status.get(key(type, scene)));
  }

  /** Appends one finished row and flushes it to the file before returning. */
  synchronized void append(List<String> row) throws IOException {
    write(row);
    status.put(key(row.get(1), row.get(0)), row.get(6));
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  private void write(List<String> fields) throws IOException {
    out.write(Csv.join(fields));
    out.newLine();
    out.flush();
  }

  private void remember(String line) {
    try {
      List<String> fields = Csv.split(line);
      if (fields.size() == HEADER.size() && !fields.equals(HEADER)) {
        status.put(key(fields.get(1), fields.get(0)), fields.get(6));
      }
    } catch (IllegalArgumentException torn) {
      // a line cut short by a hard kill: its row simply counts as not done
    }
  }

  private static String key(String type, String scene) {
    return type + '\u0000' + scene;
  }
}
