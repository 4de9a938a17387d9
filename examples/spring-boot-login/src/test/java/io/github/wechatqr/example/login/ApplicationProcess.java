package io.github.wechatqr.example.login;

import io.github.wechatqr.testkit.Await;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example application in a JVM of its own, as it runs in production: started from the class path Maven
 * resolved for it (the paths come from the build, see the pom), configured by environment variables and
 * arguments, its output written to a file under {@code target/} for diagnosis. {@link #close()} always
 * ends it, within bounds: SIGTERM (Spring's graceful shutdown), then a kill.
 */
final class ApplicationProcess implements AutoCloseable {
  private static final String MAIN = LoginApplication.class.getName();
  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
  private static final String STARTED = "Started " + LoginApplication.class.getSimpleName() + " in ";
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration STOP = Duration.ofSeconds(15);

  private final Process process;
  private final Path output;
  private final Thread killOnExit;
  private final int port;

  private ApplicationProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
    // Should the test JVM end before close() (a surefire timeout), the application must not outlive it.
    this.killOnExit = new Thread(process::destroyForcibly, "kill-" + MAIN);
    Runtime.getRuntime().addShutdownHook(killOnExit);
    try {
      this.port = awaitStarted();
    } catch (RuntimeException | AssertionError e) {
      close();
      throw e;
    }
  }

  /**
   * Starts the application and waits until it serves HTTP.
   *
   * @param environment its environment variables, besides the inherited ones (none of which is WECHAT_*)
   * @param arguments Spring Boot's command-line arguments
   * @param output the file its standard output and error go to
   * @throws AssertionError if it exits or does not start within the bound; the message quotes its output's end
   */
  static ApplicationProcess start(Map<String, String> environment, List<String> arguments, Path output)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // What the test JVMs get (the root pom): a fast start on 2 cores.
        property("example.jit"), "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", classPath(), MAIN, "--server.address=127.0.0.1", "--server.port=0"));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("WECHAT_")); // only what the test sets
    builder.environment().putAll(environment);
    Files.createDirectories(output.getParent());
    return new ApplicationProcess(builder.start(), output);
  }

  /** The application's classes, then its runtime class path, as the build wrote them down. */
  private static String classPath() throws IOException {
    String libraries = Files.readString(Path.of(property("example.classpath")), StandardCharsets.UTF_8).trim();
    return property("example.classes") + File.pathSeparator + libraries;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " not set: run this test through Maven");
    }
    return value;
  }

  /** What a look at the starting application saw. */
  private record Look(boolean alive, boolean started, String lastLine) {}

  private int awaitStarted() {
    Look look = Await.until("the application to start (its output: " + output + ")", this::look,
        seen -> seen.started() || !seen.alive(), STARTUP);
    if (!look.started()) {
      throw new AssertionError("the application exited with " + process.exitValue() + " before it started; the end of "
          + output + ":\n" + tail());
    }
    Matcher port = PORT.matcher(output());
    if (!port.find()) {
      throw new AssertionError("the application started but logged no port; the end of " + output + ":\n" + tail());
    }
    return Integer.parseInt(port.group(1));
  }

  private Look look() {
    boolean alive = process.isAlive(); // before reading, so a start logged just before an exit still counts
    String text = output();
    String[] lines = text.strip().split("\n");
    return new Look(alive, text.contains(STARTED), lines[lines.length - 1]);
  }

  /** Returns {@code http://127.0.0.1:PORT} and the path. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Returns everything the application printed so far. */
  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String tail() {
    List<String> lines = output().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Stops the application: SIGTERM, then a kill if it has not ended within the bound. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      removeHook();
    }
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs anyway, and the process has ended
    }
  }
}
