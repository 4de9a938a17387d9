package io.github.wechatqr.it;

import io.github.wechatqr.testkit.SecretLedger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every secret the reactor's tests used, in one place, for the leak scan: the testkit's fixed secrets, the
 * secrets other modules' tests spell out literally (listed below with where they come from), and every
 * ledger the test runs wrote (each access token a fake issued, each account secret, callback token and
 * EncodingAESKey a fake was given; see {@link SecretLedger}). Values shorter than {@link #MIN_LENGTH}
 * characters are left out: they cannot be told from ordinary text.
 */
final class KnownSecrets {
  static final int MIN_LENGTH = 6;
  /** Where each module's tests write their ledger (the root pom sets {@value SecretLedger#PROPERTY}). */
  static final String LEDGER = "target/secret-ledger/secrets.txt";

  /** Secrets other modules' tests write out literally, not through a fake. */
  static final List<String> LITERAL_IN_TESTS = List.of(
      "SECRET-TOKEN-VALUE",                              // qrcode-domain AccessTokenTest
      "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",     // WeChat's published sample EncodingAESKey (testkit, events)
      "tok3nNeverPrinted",                               // qrcode-adapter-events SignedRequest
      "s3cr3tAesKeyNeverPrinted0123456789abcdefXYZ",     // qrcode-adapter-events SignedRequest
      "S3cr3t+Redact/Me=0123456789abcd",                 // qrcode-adapter-feign FeignQrCodeGatewayRedactionTest
      "Wr0ng+Secret/Value=9876543210ab",                 // qrcode-adapter-feign FeignQrCodeGatewayRedactionTest
      "stub-access-token-0123456789",                    // qrcode-adapter-feign FeignQrCodeGatewayRedactionTest
      "s3cret-value-0123456789abcdef",                   // qrcode-adapter-feign FeignQrCodeGatewayBuilderTest
      "top-secret-value",                                // qrcode-adapter-feign StableTokenBodyTest
      "tok-secret-value",                                // qrcode-adapter-feign TokenAnswerTest
      "s3cr+t/=",                                        // qrcode-adapter-feign CredentialsClientTest
      "tok+en/1=",                                       // qrcode-adapter-feign CredentialsClientTest
      "s3cret-token");                                   // qrcode-adapter-redis TokenLayoutTest

  private KnownSecrets() {}

  /**
   * @param reactorRoot the directory holding the modules
   * @return the fixed and literal secrets, and those of every module's ledger under {@code reactorRoot}
   */
  static Set<String> of(Path reactorRoot) {
    Set<String> secrets = new LinkedHashSet<>(SecretLedger.fixedSecrets());
    secrets.addAll(LITERAL_IN_TESTS);
    ledgers(reactorRoot).forEach(ledger -> secrets.addAll(SecretLedger.read(ledger)));
    return withEncodedForms(secrets);
  }

  /** @return the ledger files of the modules under {@code reactorRoot} (see {@link SecretScanner#modules}) */
  static List<Path> ledgers(Path reactorRoot) {
    return SecretScanner.modules(reactorRoot).stream().map(module -> module.resolve(LEDGER))
        .filter(Files::isRegularFile).sorted().toList();
  }

  /** Adds each secret's URL-encoded form (a secret may leak inside a URL) and drops the too short. */
  static Set<String> withEncodedForms(Set<String> secrets) {
    Set<String> all = new LinkedHashSet<>();
    for (String secret : secrets) {
      if (secret.length() >= MIN_LENGTH) {
        all.add(secret);
        all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
      }
    }
    return all;
  }
}
