package io.github.wechatqr.redis;

import io.github.wechatqr.domain.UpstreamUnavailable;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.MapOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few Redis commands the stores use, with every Lettuce failure turned into
 * {@link UpstreamUnavailable} at this edge. No Lettuce exception is attached as the cause: the message
 * names the operation and the failure's kind, which is all a caller can act on, and nothing of a command's
 * arguments (a token value) can leak through it.
 */
final class RedisOps {
  private static final Logger LOG = LoggerFactory.getLogger(RedisOps.class);
  private final RedisCommands<String, String> commands;

  RedisOps(RedisCommands<String, String> commands) {
    this.commands = commands;
  }

  /**
   * @return the hash's fields, empty if the key is absent or holds another type (logged). Read through
   *     {@link RedactedMapOutput}: Lettuce logs every completed command with its output at DEBUG, and the
   *     token's hash holds the access token.
   */
  Map<String, String> fields(String key) {
    return fields(key, key);
  }

  /**
   * @param shown how the key is named in a failure or a log line: a key that holds a capability (a scan
   *     session's id) is not shown whole
   * @return as {@link #fields(String)}
   */
  Map<String, String> fields(String key, String shown) {
    return call("reading " + shown, () -> {
      try {
        return commands.dispatch(CommandType.HGETALL, new RedactedMapOutput(),
            new CommandArgs<>(StringCodec.UTF8).addKey(key));
      } catch (RedisCommandExecutionException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("WRONGTYPE")) {
          LOG.warn("Ignoring Redis key {}: it holds another type than the hash this library writes",
              Printable.of(shown));
          return Map.of();
        }
        throw e;
      }
    });
  }

  /** @return whether {@code SET key value NX PX ttl} set the key */
  boolean setIfAbsent(String key, String value, Duration ttl) {
    return "OK".equals(call("locking " + key,
        () -> commands.set(key, value, SetArgs.Builder.nx().px(ttl.toMillis()))));
  }

  /** {@code SET key value PX ttl}, unconditionally. */
  void set(String key, String value, Duration ttl) {
    call("writing " + key, () -> commands.set(key, value, SetArgs.Builder.px(ttl.toMillis())));
  }

  /** @return the string at the key; only for keys that hold no secret (Lettuce logs a read value at DEBUG) */
  String get(String key) {
    return call("reading " + key, () -> commands.get(key));
  }

  /**
   * @return whether the key exists. Asked instead of reading the value where only its presence counts: Lettuce
   *     logs a read value at DEBUG, and the rejected-token key holds a token
   */
  boolean exists(String key) {
    return call("reading " + key, () -> commands.exists(key)) > 0;
  }

  /** @return the member's score in the sorted set, null if it has none or the key holds another type (logged) */
  Double score(String key, String member) {
    return call("reading " + key, () -> {
      try {
        return commands.zscore(key, member);
      } catch (RedisCommandExecutionException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("WRONGTYPE")) {
          LOG.warn("Ignoring Redis key {}: it holds another type than the sorted set this library writes",
              Printable.of(key));
          return null;
        }
        throw e;
      }
    });
  }

  /** Runs a script, atomically on the server; scripts that write are idempotent, so a replay is harmless. */
  long script(String what, String script, String[] keys, String... args) {
    Long result = call(what, () -> commands.eval(script, ScriptOutputType.INTEGER, keys, args));
    return result == null ? 0 : result;
  }

  /** Runs a script that answers a list (a status, then the hash it changed), atomically on the server. */
  List<Object> scriptList(String what, String script, String[] keys, String... args) {
    return call(what, () -> commands.eval(script, ScriptOutputType.MULTI, keys, args));
  }

  /** HGETALL's output whose {@code toString}, which Lettuce's DEBUG log prints, shows no field. */
  static final class RedactedMapOutput extends MapOutput<String, String> {
    RedactedMapOutput() {
      super(StringCodec.UTF8);
    }

    @Override
    public String toString() {
      return "MapOutput [output=<redacted>, error='" + getError() + "']";
    }
  }

  private static <T> T call(String what, Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new UpstreamUnavailable("Redis unavailable while " + what + ": " + e.getClass().getSimpleName());
    }
  }
}
