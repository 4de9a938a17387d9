package io.github.wechatqr.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The built {@code qrcode.jar} run as a separate process, as users run it. */
final class JarProcess implements AutoCloseable {
  private final Process process;
  private final Thread outReader;
  private final Thread errReader;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();

  private JarProcess(Process process) {
    this.process = process;
    this.outReader = pump(process.getInputStream(), out);
    this.errReader = pump(process.getErrorStream(), err);
  }

  static JarProcess start(String... args) throws IOException {
    return start(Map.of(), args);
  }

  /** With these variables added to the environment. */
  static JarProcess start(Map<String, String> environment, String... args) throws IOException {
    // failsafe names the jar it built; a surefire run picked by a -Dtest pattern skips instead of failing
    Assumptions.assumeTrue(System.getProperty("qrcode.jar") != null, "no qrcode.jar: run by failsafe (mvn verify)");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", System.getProperty("qrcode.jar")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    return new JarProcess(builder.start());
  }

  /** Writes {@code text} to the process's standard input and closes it. */
  JarProcess input(String text) throws IOException {
    try (var in = process.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  /** Closes the process's standard input: the end of input. */
  void closeInput() throws IOException {
    process.getOutputStream().close();
  }

  /** Waits (bounded) for the end and returns the exit code. */
  int await(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not end within " + limit + ": " + out + err);
    }
    outReader.join(5_000);
    errReader.join(5_000);
    return process.exitValue();
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
  void awaitOutput(String text, Duration limit) throws InterruptedException {
    await(out, text, limit);
  }

  /** Waits (bounded) until standard error holds {@code text}. */
  void awaitError(String text, Duration limit) throws InterruptedException {
    await(err, text, limit);
  }

  /** Woken by the pump at every line and at the end of the stream: no polling. */
  private void await(StringBuffer stream, String text, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (stream) {
      while (stream.indexOf(text) < 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive() && ended(stream)) {
          throw new AssertionError("no '" + text + "' in: " + out + err);
        }
        stream.wait(Math.max(1, Math.min(left / 1_000_000, 100)));
      }
    }
  }

  private boolean ended(StringBuffer stream) {
    Thread reader = stream == out ? outReader : errReader;
    return !reader.isAlive();
  }

  /** SIGTERM, as Ctrl-C: shutdown hooks run. */
  int interrupt(Duration limit) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not stop within " + limit);
    }
    outReader.join(5_000);
    errReader.join(5_000);
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
          synchronized (into) {
            into.append(line).append('\n');
            into.notifyAll();
          }
        }
      } catch (IOException closed) {
        // the process ended
      }
      synchronized (into) {
        into.notifyAll();
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
