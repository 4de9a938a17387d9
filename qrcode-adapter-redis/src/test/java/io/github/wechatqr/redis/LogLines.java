package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What this module's tests logged so far: the build sends every line (slf4j-simple, flushed per line) to
 * the file named by {@code org.slf4j.simpleLogger.logFile}. Tests find their own lines by the fresh appid
 * that every key of theirs carries.
 */
final class LogLines {
  private LogLines() {
  }

  /** @return the whole log so far, exactly as written (a raw CR, LF or ESC would be in it as it is) */
  static String text() {
    String file = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (file == null || file.isBlank()) {
      fail("the tests log to the file the build names in org.slf4j.simpleLogger.logFile: run them through Maven");
    }
    try {
      return new String(Files.readAllBytes(Path.of(file)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the WARN lines that mention {@code needle} */
  static List<String> warnings(String needle) {
    return Arrays.stream(text().split("\n", -1))
        .filter(line -> line.contains(" WARN ") && line.contains(needle))
        .toList();
  }
}
