package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.testkit.Await;
import io.github.wechatqr.testkit.NewThreads;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FakeServerCommandTest {

  @Test
  void it_serves_until_stopped_and_prints_what_to_use() throws Exception {
    FakeServerCommand command = new FakeServerCommand();
    StringWriter printed = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(printed, true));
    CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(
        () -> cli.execute("--port", "0", "--appid", "wxcli", "--secret", "s3"),
            NewThreads.named("fake-server-command-test"));
    Await.until("the command to print what to use (or to end)", printed::toString,
        out -> out.contains("use:") || serving.isDone(), Duration.ofSeconds(10));
    assertThat(serving).as("still serving").isNotDone();
    String base = printed.toString().lines().findFirst().orElseThrow().substring("listening on ".length());
    HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        base + "/cgi-bin/token?grant_type=client_credential&appid=wxcli&secret=s3")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(token.body()).contains("access_token");
    assertThat(printed.toString()).contains("appid wxcli secret s3 (made up: this is a fake)",
        "use: --api-base " + base + " --mp-base " + base);
    command.stop.countDown();
    assertThat(serving.get(10, TimeUnit.SECONDS)).isZero();
  }
}
