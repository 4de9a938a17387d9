package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretLedgerTest {
  @TempDir
  Path dir;
  private Path ledger;
  private String previous;

  @BeforeEach
  void pointTheLedgerAtATemporaryFile() {
    ledger = dir.resolve("nested/secrets.txt");
    previous = System.getProperty(SecretLedger.PROPERTY);
    System.setProperty(SecretLedger.PROPERTY, ledger.toString());
  }

  @AfterEach
  void restoreTheBuildsLedger() {
    if (previous == null) {
      System.clearProperty(SecretLedger.PROPERTY);
    } else {
      System.setProperty(SecretLedger.PROPERTY, previous);
    }
  }

  @Test
  void each_recorded_secret_is_appended_as_a_line_and_read_back_once() {
    SecretLedger.record("first-secret");
    SecretLedger.record("second-secret");
    SecretLedger.record("first-secret");

    assertThat(SecretLedger.read(ledger)).containsExactly("first-secret", "second-secret");
  }

  @Test
  void empty_and_multi_line_values_are_not_recorded() {
    SecretLedger.record(null);
    SecretLedger.record("");
    SecretLedger.record("two\nlines");

    assertThat(ledger).doesNotExist();
    assertThat(SecretLedger.read(ledger)).isEmpty();
  }

  @Test
  void without_the_property_nothing_is_written() {
    System.clearProperty(SecretLedger.PROPERTY);

    SecretLedger.record("unrecorded-secret");

    assertThat(ledger).doesNotExist();
  }

  @Test
  void the_fake_records_its_account_secrets_every_token_it_issues_and_its_callback_credentials() throws Exception {
    try (FakeWeChatServer fake = FakeWeChatServer.builder().account("wxledger", "ledger-account-secret").start()) {
      String first = new WeChatClient(fake).token(fake);
      String second = new WeChatClient(fake).token(fake);
      fake.callback(Callback.safe(URI.create("http://127.0.0.1:9/cb"), SecretLedger.CALLBACK_TOKEN,
          SecretLedger.ENCODING_AES_KEY));

      assertThat(SecretLedger.read(ledger)).containsExactly("ledger-account-secret", first, second,
          SecretLedger.CALLBACK_TOKEN, SecretLedger.ENCODING_AES_KEY);
    }
    assertThat(Files.readString(ledger)).doesNotContain(FakeWeChatServer.DEFAULT_SECRET);
  }

  @Test
  void the_fixed_secrets_are_the_default_account_secret_the_callback_token_and_the_aes_key() {
    assertThat(SecretLedger.fixedSecrets()).containsExactly(FakeWeChatServer.DEFAULT_SECRET,
        SecretLedger.CALLBACK_TOKEN, SecretLedger.ENCODING_AES_KEY);
    assertThat(new PushCrypto(SecretLedger.ENCODING_AES_KEY).encrypt("<xml/>", "wx")).isNotBlank();
  }
}
