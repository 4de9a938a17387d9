package io.github.wechatqr.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code DIR/manifest.csv}: one line per finished row, appended and flushed at once, so an interrupted
 * batch loses no finished row and a re-run knows what is done. The last line of a scene wins. It is opened
 * through {@link OutDir}, never through a link: an existing manifest must be a regular file of the user
 * running the batch, a missing one is created with {@code CREATE_NEW}; anything else is {@link UnsafeOutput}.
 */
final class Manifest implements Closeable {
  static final String FILE = "manifest.csv";
  static final List<String> HEADER =
      List.of("scene", "type", "ticket", "url", "expiresAt", "file", "status", "error");
  static final String DONE = "done";
  static final String FAILED = "failed";

  private final Map<String, String> status = new HashMap<>();
  private final BufferedWriter out;

  private Manifest(OutDir dir) throws IOException {
    SeekableByteChannel channel = openOrCreate(dir);
    this.out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
    if (channel.size() == 0) {
      write(HEADER);
    }
  }

  static Manifest open(OutDir dir) throws IOException {
    return new Manifest(dir);
  }

  private SeekableByteChannel openOrCreate(OutDir dir) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Optional<BasicFileAttributes> existing = dir.entry(FILE);
      if (existing.isEmpty()) {
        try {
          return dir.create(FILE, StandardOpenOption.APPEND);
        } catch (FileAlreadyExistsException planted) {
          if (attempt > 0) {
            throw planted;
          }
          continue; // something appeared under the name just now: judge it as an existing one
        }
      }
      BasicFileAttributes file = existing.get();
      String where = dir.path().resolve(FILE).toString();
      if (file.isSymbolicLink()) {
        throw new UnsafeOutput(where + " is a symbolic link: refused (the batch never writes through a link; "
            + "remove it)");
      }
      if (!file.isRegularFile()) {
        throw new UnsafeOutput(where + " is not a regular file: refused (remove it)");
      }
      if (!OutDir.ownedByMe(file)) {
        throw new UnsafeOutput(where + " belongs to another user: refused (its lines would decide what is done)");
      }
      try (BufferedReader lines = new BufferedReader(
          Channels.newReader(dir.open(FILE, StandardOpenOption.READ), StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE), -1))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          remember(line);
        }
      }
      return dir.open(FILE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
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
      // a line cut short by a hard kill (its bytes too, perhaps): its row simply counts as not done
    }
  }

  private static String key(String type, String scene) {
    return type + '\u0000' + scene;
  }
}
