package io.github.wechatqr.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sizes of the reliability runs and where their figures go, from the system properties the build
 * sets (see this module's pom: small in the default build, large with {@code -Preliability}). Figures are
 * always written to {@code target/reliability/<section>.md}; when {@code reliability.doc} names a file
 * (the profile sets it to {@code docs/reliability.md}), the section between its markers
 * {@code <!-- <section>:begin -->} and {@code <!-- <section>:end -->} is replaced as well.
 */
final class Reliability {
  private Reliability() {}

  static int fuzzCases() {
    return Integer.getInteger("reliability.fuzz.cases", 300);
  }

  static int decodeEvery() {
    return Integer.getInteger("reliability.fuzz.decodeEvery", 10);
  }

  static int soakSeconds() {
    return Integer.getInteger("reliability.soak.seconds", 10);
  }

  /** @return the reactor's root directory (the parent of this module) */
  static Path reactorRoot() {
    return Path.of(System.getProperty("reliability.reactorRoot", "..")).toAbsolutePath().normalize();
  }

  /**
   * @param section e.g. {@code fuzz}
   * @param markdown the figures
   */
  static synchronized void publish(String section, String markdown) {
    try {
      Path report = Path.of(System.getProperty("reliability.report", "target/reliability"));
      Files.createDirectories(report);
      Files.writeString(report.resolve(section + ".md"), markdown, StandardCharsets.UTF_8);
      String doc = System.getProperty("reliability.doc", "");
      if (!doc.isBlank()) {
        Path file = Path.of(doc);
        Files.writeString(file, replaced(Files.readString(file, StandardCharsets.UTF_8), section, markdown),
            StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish the " + section + " figures", e);
    }
  }

  /** Replaces what lies between the section's markers; the markers must be there. */
  static String replaced(String doc, String section, String markdown) {
    String begin = "<!-- " + section + ":begin -->";
    String end = "<!-- " + section + ":end -->";
    int from = doc.indexOf(begin);
    int to = doc.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("the document has no " + begin + " ... " + end + " section");
    }
    return doc.substring(0, from + begin.length()) + "\n" + markdown.strip() + "\n" + doc.substring(to);
  }
}
