package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.testkit.SecretLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The leak scan of the whole reactor: every module's tests log at DEBUG into a file under its
 * {@code target/} and write down the secrets and tokens they used (the root pom arranges both); this
 * module builds last, and this class runs last in it (see {@code junit-platform.properties}), so every
 * log line, test output and stack trace of the run is there to read. One hit fails the build, naming
 * file and line (the secret itself masked).
 */
@Order(Integer.MAX_VALUE)
class LeakScanTest {
  private final Path root = Reliability.reactorRoot();

  @Test
  void no_log_line_test_output_or_stack_trace_of_the_reactor_holds_a_secret_or_token_of_the_run() throws Exception {
    Set<String> secrets = KnownSecrets.of(root);
    List<Path> ledgers = KnownSecrets.ledgers(root);
    List<Path> files = SecretScanner.files(root);

    SecretScanner.Report report = new SecretScanner(new SecretMatcher(secrets)).scan(files);

    assertThat(ledgers).as("this module's ledger, at least").contains(Path.of("").toAbsolutePath()
        .resolve(KnownSecrets.LEDGER).normalize());
    assertThat(SecretLedger.read(Path.of(KnownSecrets.LEDGER))).as("tokens this module's fakes issued")
        .hasSizeGreaterThan(10);
    List<String> ownLog = Files.readAllLines(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")));
    long lettuce = ownLog.stream().filter(line -> line.contains(" DEBUG io.lettuce.")).count();
    assertThat(ownLog).as("this module's own log is captured at DEBUG")
        .anyMatch(line -> line.contains(" DEBUG io.github.wechatqr."));
    assertThat(report.hits()).as("secrets found in the logs and test reports").isEmpty();
    Reliability.publish("leaks", String.format("| | |%n|---|---:|%n| secrets and tokens looked for | %d |%n"
            + "| ledgers read | %d |%n| files scanned | %d |%n| lines scanned | %d |%n| bytes scanned | %d |%n"
            + "| of which Lettuce DEBUG lines (the cluster simulation's Redis clients) | %d |%n| hits | %d |%n",
        secrets.size(), ledgers.size(), report.files(), report.lines(), report.bytes(), lettuce,
        report.hits().size()));
  }
}
