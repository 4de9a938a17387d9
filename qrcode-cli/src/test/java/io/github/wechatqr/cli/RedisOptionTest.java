package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatqr.testkit.EmbeddedRedis;
import io.github.wechatqr.testkit.FakeWeChatServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --redis}: separate runs of the command share one token and one set of codes. */
class RedisOptionTest {
  private static EmbeddedRedis redis;
  private final FakeWeChatServer fake = FakeWeChatServer.start();

  @BeforeAll
  static void startRedis() {
    redis = EmbeddedRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private JsonNode create(String... rest) throws Exception {
    Cli run = Cli.run(FakeWeChat.concat(FakeWeChat.args(fake, "create", "--redis", redis.uri(), "--json"), rest));
    assertThat(run.exit()).as(run.err()).isZero();
    return CodeOutput.JSON.readTree(run.out());
  }

  @Test
  void a_second_run_reuses_the_token_and_the_code_the_first_run_stored() throws Exception {
    JsonNode first = create("--temporary", "--expire", "1h", "--scene-str", "shared");
    JsonNode second = create("--temporary", "--expire", "1h", "--scene-str", "shared");
    assertThat(second.get("ticket")).isEqualTo(first.get("ticket"));
    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(1);
    assertThat(fake.journal().tokenFetches()).isEqualTo(1);
  }

  @Test
  void without_redis_each_run_starts_from_nothing() throws Exception {
    Cli.run(FakeWeChat.args(fake, "create", "--temporary", "--expire", "1h", "--scene-str", "alone"));
    Cli.run(FakeWeChat.args(fake, "create", "--temporary", "--expire", "1h", "--scene-str", "alone"));
    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(2);
    assertThat(fake.journal().tokenFetches()).isEqualTo(2);
  }

  @Test
  void an_unreachable_redis_is_exit_code_4() {
    Cli down = Cli.run(FakeWeChat.args(fake, "create", "--redis", "redis://127.0.0.1:1", "--temporary",
        "--scene-id", "1"));
    assertThat(down.exit()).isEqualTo(ExitCodes.UPSTREAM_DOWN);
  }
}
