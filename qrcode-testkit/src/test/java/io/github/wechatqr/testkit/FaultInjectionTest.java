package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  private final FakeWeChatServer fake = FakeWeChatServer.start();
  private final WeChatClient client = new WeChatClient(fake);

  @AfterEach
  void stop() {
    fake.close();
  }

  private int createErrcode(String token) throws Exception {
    return client.create(token, WeChatClient.temporaryId(1, 60)).path("errcode").asInt(0);
  }

  @Test
  void the_next_n_calls_of_a_path_get_the_errcode_then_service_resumes() throws Exception {
    String token = client.token(fake);
    fake.failNext(FakeWeChatServer.CREATE, -1, 2);
    assertThat(createErrcode(token)).isEqualTo(-1);
    assertThat(client.create(token, WeChatClient.temporaryId(1, 60)).get("errmsg").asText()).isEqualTo("system error");
    assertThat(createErrcode(token)).isZero();
  }

  @Test
  void an_injected_40001_also_retires_the_token_it_was_sent_with() throws Exception {
    String token = client.token(fake);
    fake.failNext(FakeWeChatServer.CREATE, 40001, 1);
    assertThat(createErrcode(token)).isEqualTo(40001);
    assertThat(createErrcode(token)).isEqualTo(40001);
    assertThat(createErrcode(client.token(fake))).isZero();
  }

  @Test
  void faults_only_hit_their_own_path() throws Exception {
    fake.failNext(FakeWeChatServer.SHOW_QRCODE, Fault.status(502), 1);
    assertThat(createErrcode(client.token(fake))).isZero();
    assertThat(client.get(FakeWeChatServer.SHOW_QRCODE + "?ticket=x").statusCode()).isEqualTo(502);
  }

  @Test
  void a_status_fault_answers_that_status() throws Exception {
    fake.failNext(FakeWeChatServer.TOKEN, Fault.status(503), 1);
    assertThat(client.get(FakeWeChatServer.TOKEN).statusCode()).isEqualTo(503);
  }

  @Test
  void a_delay_holds_the_answer_past_a_client_timeout() throws Exception {
    fake.failNext(FakeWeChatServer.TOKEN, Fault.delay(Duration.ofSeconds(2)), 1);
    var http = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(fake.baseUri().resolve(FakeWeChatServer.TOKEN))
        .timeout(Duration.ofMillis(200)).build();
    assertThatThrownBy(() -> http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void a_drop_cuts_the_connection_in_the_middle_of_the_answer() throws Exception {
    fake.failNext(FakeWeChatServer.TOKEN, Fault.drop(), 1);
    assertThatThrownBy(() -> client.get(FakeWeChatServer.TOKEN + "?grant_type=client_credential&appid="
        + fake.appId() + "&secret=" + fake.secret())).isInstanceOf(IOException.class);
    assertThat(fake.journal().entries(FakeWeChatServer.TOKEN).get(0).status()).isZero();
    assertThat(client.token(fake)).isNotBlank();
  }

  @Test
  void random_faults_hit_about_the_given_share_of_calls_reproducibly() throws Exception {
    fake.faultRandomly(0.25, 42, List.of(Fault.status(500), Fault.errcode(-1)));
    int faulted = 0;
    for (int i = 0; i < 200; i++) {
      var answer = client.get(FakeWeChatServer.TOKEN + "?grant_type=client_credential&appid=" + fake.appId()
          + "&secret=" + fake.secret());
      if (answer.statusCode() == 500 || new String(answer.body()).contains("\"errcode\":-1")) {
        faulted++;
      }
    }
    assertThat(faulted).isBetween(30, 70);
    fake.clearFaults();
    assertThat(client.token(fake)).isNotBlank();
  }

  @Test
  void a_fault_needs_a_positive_count_and_random_faults_a_sane_rate() {
    assertThatThrownBy(() -> fake.failNext(FakeWeChatServer.CREATE, -1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.faultRandomly(1.5, 1, List.of(Fault.drop())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.faultRandomly(0.5, 1, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
