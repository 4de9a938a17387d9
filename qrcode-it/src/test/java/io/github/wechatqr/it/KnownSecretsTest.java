package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.SecretLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownSecretsTest {
  @TempDir
  Path reactor;

  @Test
  void fixed_literal_and_ledgered_secrets_are_gathered_with_their_url_encoded_forms() throws IOException {
    Path ledger = reactor.resolve("mod").resolve(KnownSecrets.LEDGER);
    Files.createDirectories(ledger.getParent());
    Files.write(ledger, List.of("ledgered+secret/1", "tiny"));
    Path nested = reactor.resolve("examples/app").resolve(KnownSecrets.LEDGER);
    Files.createDirectories(nested.getParent());
    Files.write(nested, List.of("nested-module-secret"));
    Files.createDirectories(reactor.resolve("other/target"));

    Set<String> secrets = KnownSecrets.of(reactor);

    assertThat(KnownSecrets.ledgers(reactor)).containsExactly(nested, ledger);
    assertThat(secrets).contains("nested-module-secret");
    assertThat(secrets).contains(FakeWeChatServer.DEFAULT_SECRET, SecretLedger.CALLBACK_TOKEN,
        SecretLedger.ENCODING_AES_KEY, "tok3nNeverPrinted", "ledgered+secret/1", "ledgered%2Bsecret%2F1",
        "s3cr%2Bt%2F%3D").doesNotContain("tiny");
  }
}
