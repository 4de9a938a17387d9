package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.testkit.SecretLedger;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The leak scan bites: a secret planted in a log line or a test report under a module's {@code target/}
 * is found and named by file and line; the ledgers that hold the secrets on purpose are not scanned.
 */
class SecretScannerTest {
  private static final String TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGhIjKlMnOpQrStUvWxYz01";
  /** A reactor of its own, under this module's target/, so the real scan never sees the plants. */
  private final Path reactor = Path.of("target", "leak-scan-canary").toAbsolutePath();

  @AfterEach
  void removeThePlants() throws IOException {
    try (Stream<Path> planted = Files.walk(reactor)) {
      planted.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private Path plant(String relative, String... lines) throws IOException {
    Path file = reactor.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  private SecretScanner.Report scan() {
    Set<String> secrets = KnownSecrets.of(reactor);
    return new SecretScanner(new SecretMatcher(secrets)).scan(SecretScanner.files(reactor));
  }

  @Test
  void a_token_from_a_ledger_planted_in_a_log_line_is_found_with_file_and_line() throws IOException {
    plant("mod-a/" + KnownSecrets.LEDGER, TOKEN);
    Path log = plant("mod-b/target/test-debug.log", "[main] DEBUG io.github.wechatqr.feign.WeChatApi - ok",
        "[main] DEBUG io.github.wechatqr.feign.WeChatApi - ---> POST /cgi-bin/qrcode/create?access_token=" + TOKEN);

    SecretScanner.Report report = scan();

    assertThat(report.hits()).singleElement().satisfies(hit -> {
      assertThat(hit.file()).isEqualTo(log);
      assertThat(hit.line()).isEqualTo(2);
      assertThat(hit.toString()).doesNotContain(TOKEN).contains("test-debug.log:2", TOKEN.substring(0, 4));
    });
    assertThat(report.files()).as("the ledger is not scanned").isEqualTo(1);
  }

  @Test
  void fixed_and_literal_secrets_are_found_in_the_reports_of_both_test_runs_as_sent_and_url_encoded() throws IOException {
    String secret = KnownSecrets.LITERAL_IN_TESTS.get(4);
    plant("mod/target/surefire-reports/TEST-x.xml", "<system-out>" + SecretLedger.CALLBACK_TOKEN + "</system-out>");
    plant("mod/target/surefire-reports/x-output.txt", "secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8));
    plant("mod/target/surefire-reports-java25/y-output.txt", SecretLedger.CALLBACK_TOKEN);
    plant("mod/target/classes/not-a-report.txt", SecretLedger.ENCODING_AES_KEY);

    assertThat(scan().hits()).extracting(hit -> hit.file().getFileName().toString())
        .containsExactlyInAnyOrder("TEST-x.xml", "x-output.txt", "y-output.txt");
  }

  @Test
  void a_module_in_a_folder_of_modules_is_scanned_too() throws IOException {
    plant("examples/app/" + KnownSecrets.LEDGER, TOKEN);
    Path log = plant("examples/app/target/application/app.log", "token " + TOKEN);

    assertThat(scan().hits()).singleElement().satisfies(hit -> assertThat(hit.file()).isEqualTo(log));
  }

  @Test
  void clean_files_give_no_hit_and_are_counted() throws IOException {
    plant("mod/target/test-debug.log", "[main] INFO x - the access token was refreshed (value <redacted>)", "");

    SecretScanner.Report report = scan();

    assertThat(report.hits()).isEmpty();
    assertThat(report.files()).isEqualTo(1);
    assertThat(report.lines()).isEqualTo(2);
  }
}
