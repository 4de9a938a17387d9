package io.github.wechatqr.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The built {@code qrcode.jar} run as a separate process, as users run it. */
final class JarProcess implements AutoCloseable {
  private final Process process;
  private final Thread outReader;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();

  private JarProcess(Process process) {
    this.process = process;
    this.outReader = pump(process.getInputStream(), out);
    pump(process.getErrorStream(), err);
  }

  static JarProcess start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", System.getProperty("qrcode.jar")));
    command.addAll(List.of(args));
    return new JarProcess(new ProcessBuilder(command).start());
  }

  /** Runs to the end (at most {@code limit}) and returns the exit code. */
  static JarProcess run(Duration limit, String... args) throws Exception {
    JarProcess run = start(args);
    if (!run.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      run.process.destroyForcibly();
      throw new AssertionError("qrcode " + String.join(" ", args) + " did not finish within " + limit);
    }
    run.outReader.join(5_000);
    return run;
  }

  int exit() {
    return process.exitValue();
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  /** Waits (bounded) until standard output holds {@code text}. */
  void awaitOutput(String text, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!out.toString().contains(text)) {
      if (System.nanoTime() > deadline || !process.isAlive() && !out.toString().contains(text)) {
        throw new AssertionError("no '" + text + "' in: " + out + err);
      }
      Thread.onSpinWait();
    }
  }

  /** SIGTERM, as Ctrl-C: shutdown hooks run. */
  int interrupt(Duration limit) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not stop within " + limit);
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static Thread pump(java.io.InputStream stream, StringBuffer into) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          into.append(line).append('\n');
        }
      } catch (IOException closed) {
        // the process ended
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
