package io.github.wechatqr.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The secrets of a test run, written down so that a later scan of the run's logs can prove none of them
 * leaked: every access token {@link FakeWeChatServer} issues, the secret of each of its accounts, and the
 * callback token and EncodingAESKey it pushes with. Also the one home of the fixed secrets tests share.
 * Writes only while the system property {@value #PROPERTY} names a file (this project's build sets it for
 * every module's tests); otherwise {@link #record} does nothing.
 *
 * <pre>{@code
 * // -Dwechatqr.secretLedger=target/secret-ledger/secrets.txt
 * Set<String> secrets = SecretLedger.read(Path.of("target/secret-ledger/secrets.txt"));
 * }</pre>
 */
public final class SecretLedger {
  /** The system property naming the ledger file. */
  public static final String PROPERTY = "wechatqr.secretLedger";
  /** A callback token for tests; a made-up value, never a real one. */
  public static final String CALLBACK_TOKEN = "itCallbackTok3nNeverLogged";
  /** A 43-character EncodingAESKey for tests; a made-up value, never a real one. */
  public static final String ENCODING_AES_KEY = "ItLeakScanAesKeyNeverPrinted0123456789abcde";

  private static final Set<Path> STARTED = new HashSet<>(); // the ledgers this JVM has started afresh

  private SecretLedger() {}

  /**
   * Returns the fixed secrets of the testkit: the default account's secret, {@link #CALLBACK_TOKEN},
   * {@link #ENCODING_AES_KEY}.
   */
  public static List<String> fixedSecrets() {
    return List.of(FakeWeChatServer.DEFAULT_SECRET, CALLBACK_TOKEN, ENCODING_AES_KEY);
  }

  /**
   * Appends a secret to the ledger named by {@value #PROPERTY}, one per line; does nothing without it.
   *
   * @param secret a secret or token; {@code null}, empty and multi-line values are skipped
   */
  public static void record(@Nullable String secret) {
    String ledger = System.getProperty(PROPERTY);
    if (ledger == null || ledger.isBlank() || secret == null || secret.isEmpty()
        || secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0) {
      return;
    }
    append(Path.of(ledger), secret);
  }

  /**
   * Reads the secrets written to a ledger file.
   *
   * @param ledger a ledger file
   * @return the secrets written to it, in order, without repeats; empty if it does not exist
   */
  public static Set<String> read(Path ledger) {
    if (!Files.isRegularFile(ledger)) {
      return Set.of();
    }
    try {
      return new LinkedHashSet<>(Files.readAllLines(ledger, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the secret ledger " + ledger, e);
    }
  }

  // One writer at a time, so lines of concurrent fakes never interleave. The first write of a JVM starts
  // the file afresh, as slf4j-simple does with its log file, so a ledger and its log describe one run.
  private static synchronized void append(Path ledger, String secret) {
    try {
      if (STARTED.add(ledger)) {
        if (ledger.getParent() != null) {
          Files.createDirectories(ledger.getParent());
        }
        Files.deleteIfExists(ledger);
      }
      Files.writeString(ledger, secret + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the secret ledger " + ledger, e);
    }
  }
}
