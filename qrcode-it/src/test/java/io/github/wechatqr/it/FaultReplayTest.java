package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.JournalEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class FaultReplayTest {
  private static final List<Fault> FAULTS = List.of(Fault.errcode(-1), Fault.errcode(45009), Fault.status(502));

  @Test
  void the_replay_counts_exactly_the_faults_the_fake_injected_into_as_many_requests() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (FakeWeChatServer fake = FakeWeChatServer.start()) {
      fake.faultRandomly(0.3, 42, FAULTS);
      for (int i = 0; i < 200; i++) {
        http.send(HttpRequest.newBuilder(URI.create(fake.baseUri() + FakeWeChatServer.TOKEN + "?grant_type="
            + "client_credential&appid=" + fake.appId() + "&secret=" + fake.secret())).build(),
            HttpResponse.BodyHandlers.discarding());
      }
      List<JournalEntry> journal = fake.journal().entries();

      Map<Fault, Long> replayed = FaultReplay.injected(0.3, 42, FAULTS, journal.size());

      assertThat(replayed.get(Fault.errcode(-1))).isEqualTo(errcodes(journal, -1)).isPositive();
      assertThat(replayed.get(Fault.errcode(45009))).isEqualTo(errcodes(journal, 45009)).isPositive();
      assertThat(replayed.get(Fault.status(502)))
          .isEqualTo(journal.stream().filter(e -> e.status() == 502).count()).isPositive();
    }
  }

  @Test
  void no_rate_no_fault() {
    assertThat(FaultReplay.injected(0, 1, FAULTS, 1000)).containsValues(0L, 0L, 0L);
  }

  private static long errcodes(List<JournalEntry> journal, int errcode) {
    return journal.stream().filter(e -> Objects.equals(e.errcode(), errcode)).count();
  }
}
