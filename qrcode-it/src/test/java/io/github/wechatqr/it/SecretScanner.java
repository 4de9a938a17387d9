package io.github.wechatqr.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Scans what the reactor's test runs left under each module's {@code target/}: every {@code *.log} (the
 * DEBUG logs the root pom has every module's tests write), and every file of {@code surefire-reports/},
 * {@code surefire-reports-java25/} and {@code failsafe-reports/} (test output, exception messages and stack
 * traces). The secret ledgers are not scanned: holding the secrets is their job.
 */
final class SecretScanner {
  static final int MAX_HITS = 50;

  /**
   * A secret found in a file.
   *
   * @param file the file
   * @param line the line number, from 1
   * @param secret the secret, masked so that reporting the hit leaks nothing
   */
  record Hit(Path file, long line, String secret) {
    @Override
    public String toString() {
      return file + ":" + line + " holds " + secret;
    }
  }

  /**
   * What a scan covered and found.
   *
   * @param files the files read
   * @param lines the lines read
   * @param bytes the bytes read
   * @param hits the secrets found, at most {@link #MAX_HITS}
   */
  record Report(int files, long lines, long bytes, List<Hit> hits) {}

  private final SecretMatcher matcher;

  SecretScanner(SecretMatcher matcher) {
    this.matcher = matcher;
  }

  /** @return the log and report files under the {@code target/} of each module of {@code reactorRoot} */
  static List<Path> files(Path reactorRoot) {
    List<Path> files = new ArrayList<>();
    for (Path target : modules(reactorRoot).stream().map(module -> module.resolve("target"))
        .filter(Files::isDirectory).toList()) {
      try (Stream<Path> walk = Files.walk(target)) {
        walk.filter(Files::isRegularFile).filter(file -> scanned(target, file)).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /**
   * @return the directories where {@code reactorRoot}'s modules may be: each one right below it, and each one
   *     level further down, for a module in a folder of modules ({@code examples/spring-boot-login})
   */
  static List<Path> modules(Path reactorRoot) {
    try (Stream<Path> directories = Files.walk(reactorRoot, 2)) {
      return directories.filter(Files::isDirectory).filter(directory -> !directory.equals(reactorRoot)).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean scanned(Path target, Path file) {
    Path relative = target.relativize(file);
    if (relative.startsWith("secret-ledger")) {
      return false;
    }
    String top = relative.getName(0).toString();
    // surefire-reports-java25 too: the second run of the suite, on Java 25.
    return file.getFileName().toString().endsWith(".log")
        || top.startsWith("surefire-reports") || top.startsWith("failsafe-reports");
  }

  Report scan(List<Path> files) {
    List<Hit> hits = new ArrayList<>();
    long lines = 0;
    long bytes = 0;
    for (Path file : files) {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
        String line;
        long number = 0;
        while ((line = in.readLine()) != null) {
          number++;
          Optional<String> found = matcher.find(line);
          if (found.isPresent() && hits.size() < MAX_HITS) {
            hits.add(new Hit(file, number, SecretMatcher.masked(found.get())));
          }
        }
        lines += number;
        bytes += Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot scan " + file, e);
      }
    }
    return new Report(files.size(), lines, bytes, List.copyOf(hits));
  }
}
