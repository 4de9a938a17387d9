package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.UpstreamUnavailable;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedRedis.class)
class RedisOpsTest {
  private final RedisCommands<String, String> raw = SharedRedis.raw();
  private final RedisOps ops = SharedRedis.stores().ops();
  private final String key = "test:" + SharedRedis.freshAppId();

  @Test
  void a_hash_is_read_whole_and_an_absent_key_reads_empty() {
    raw.hset(key, Map.of("v", "1", "a", "b"));
    assertThat(ops.fields(key)).isEqualTo(Map.of("v", "1", "a", "b"));
    assertThat(ops.fields(key + ":absent")).isEmpty();
  }

  @Test
  void a_hash_read_shows_none_of_its_values_where_lettuce_logs_the_completed_command() {
    RedisOps.RedactedMapOutput output = new RedisOps.RedactedMapOutput();
    output.multi(2);
    output.set(ByteBuffer.wrap("value".getBytes(StandardCharsets.UTF_8)));
    output.set(ByteBuffer.wrap("token-never-logged".getBytes(StandardCharsets.UTF_8)));

    assertThat(output.get()).containsEntry("value", "token-never-logged");
    assertThat(output.toString()).doesNotContain("token-never-logged").contains("<redacted>");
  }

  @Test
  void a_key_of_another_type_reads_empty_instead_of_failing() {
    raw.set(key, "a string");
    assertThat(ops.fields(key)).isEmpty();
  }

  @Test
  void set_if_absent_sets_once() {
    assertThat(ops.exists(key)).isFalse();
    assertThat(ops.setIfAbsent(key, "one", Duration.ofSeconds(5))).isTrue();
    assertThat(ops.setIfAbsent(key, "two", Duration.ofSeconds(5))).isFalse();
    assertThat(raw.get(key)).isEqualTo("one");
    assertThat(ops.exists(key)).isTrue();
  }

  @Test
  void a_script_error_becomes_upstream_unavailable_naming_the_operation_without_the_redis_exception() {
    assertThatThrownBy(() -> ops.script("testing a broken script", "return redis.call('nosuchcommand')",
        new String[] {key}))
        .isInstanceOf(UpstreamUnavailable.class)
        .hasMessage("Redis unavailable while testing a broken script: RedisCommandExecutionException")
        .hasNoCause();
  }

  @Test
  void a_script_without_an_integer_answer_counts_as_zero() {
    assertThat(ops.script("answering nil", "return nil", new String[] {key})).isZero();
    assertThat(ops.script("answering 3", "return 3", new String[] {key})).isEqualTo(3);
  }
}
