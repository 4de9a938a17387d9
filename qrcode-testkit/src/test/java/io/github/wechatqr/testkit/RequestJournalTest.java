package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestJournalTest {
  private final FakeWeChatServer fake = FakeWeChatServer.start();
  private final WeChatClient client = new WeChatClient(fake);

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void each_request_is_recorded_with_decoded_query_body_status_and_errcode() throws Exception {
    String token = client.token(fake);
    client.create(token, WeChatClient.temporaryId(9, 60));
    client.create(token, "{}");
    var creates = fake.journal().entries(FakeWeChatServer.CREATE);
    assertThat(creates).hasSize(2);
    assertThat(creates.get(0).method()).isEqualTo("POST");
    assertThat(creates.get(0).query()).containsEntry("access_token", token);
    assertThat(creates.get(0).body()).isEqualTo(WeChatClient.temporaryId(9, 60));
    assertThat(creates.get(0).status()).isEqualTo(200);
    assertThat(creates.get(0).errcode()).isNull();
    assertThat(creates.get(1).errcode()).isEqualTo(40097);
    assertThat(fake.journal().count(FakeWeChatServer.TOKEN)).isEqualTo(1);
    assertThat(fake.journal().tokenFetches()).isEqualTo(1);
    assertThat(fake.journal().entries()).hasSize(3);
  }

  @Test
  void to_string_redacts_tokens_and_secrets_everywhere() throws Exception {
    String token = client.token(fake);
    client.create(token, WeChatClient.temporaryId(9, 60));
    client.post(FakeWeChatServer.STABLE_TOKEN, "{\"grant_type\":\"client_credential\",\"appid\":\""
        + fake.appId() + "\",\"secret\":\"" + fake.secret() + "\"}");
    String printed = fake.journal().toString();
    assertThat(printed).doesNotContain(token).doesNotContain(fake.secret())
        .contains("access_token=<redacted>", "secret=<redacted>", "\"secret\":\"<redacted>\"")
        .contains("POST /cgi-bin/qrcode/create", "-> 200");
  }

  @Test
  void a_request_is_journaled_when_it_arrives_and_completed_when_it_is_answered() throws Exception {
    fake.failNext(FakeWeChatServer.TOKEN, Fault.delay(Duration.ofSeconds(30)), 1);
    CompletableFuture<Integer> pending = CompletableFuture.supplyAsync(() -> {
      try {
        return client.get(FakeWeChatServer.TOKEN + "?grant_type=client_credential").statusCode();
      } catch (Exception e) {
        return -1;
      }
    }, NewThreads.named("request-journal-test"));
    Await.until("the delayed token call to arrive", () -> fake.journal().inFlight(FakeWeChatServer.TOKEN),
        n -> n == 1, Duration.ofSeconds(10));
    JournalEntry arrived = fake.journal().entries(FakeWeChatServer.TOKEN).get(0);
    assertThat(arrived.inFlight()).isTrue();
    assertThat(arrived.status()).isEqualTo(JournalEntry.IN_FLIGHT);
    assertThat(arrived.errcode()).isNull();
    assertThat(arrived.query()).containsEntry("grant_type", "client_credential");
    assertThat(arrived.toString()).endsWith("-> (in flight)");
    assertThat(fake.journal().count(FakeWeChatServer.TOKEN)).isEqualTo(1);

    fake.close(); // interrupts the delay: the answer is decided and journaled
    assertThat(pending.get(10, TimeUnit.SECONDS)).isNotEqualTo(200);
    JournalEntry answered = fake.journal().entries(FakeWeChatServer.TOKEN).get(0);
    assertThat(answered.inFlight()).isFalse();
    assertThat(answered.status()).isEqualTo(503);
    assertThat(fake.journal().inFlight(FakeWeChatServer.TOKEN)).isZero();
  }

  @Test
  void clearing_forgets_everything() throws Exception {
    client.token(fake);
    fake.journal().clear();
    assertThat(fake.journal().entries()).isEmpty();
  }
}
