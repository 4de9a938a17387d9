package io.github.wechatqr.redis;

import io.github.wechatqr.domain.port.PushLedger;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * WeChat's retries recognised across the instances of a host application: a claim is {@code SET NX PX} of a
 * random owner under {@code {prefix}:{appid}:push:{fingerprint}} for {@code lockTtl} (so a crashed instance
 * holds it that long at most), a completion overwrites it with {@code done} for the handler's window, an
 * abandonment deletes it only if this instance's claim is still there (compare-and-delete). Made by
 * {@link RedisStores#pushLedger}; give it to {@code WeChatCallbackHandler.Builder.sharedDedup}.
 */
public final class RedisPushLedger implements PushLedger {
  private static final Pattern PUSH_ID = Pattern.compile("[0-9a-f]{64}");
  private static final String DONE = "done";
  private static final String RELEASE = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """;

  private final RedisOps redis;
  private final RedisKeys keys;
  private final Duration claimFor;
  /** The owner of each claim this instance holds, to release only its own. */
  private final Map<String, String> claims = new ConcurrentHashMap<>();

  RedisPushLedger(RedisOps redis, RedisKeys keys, Duration claimFor) {
    this.redis = redis;
    this.keys = keys;
    this.claimFor = claimFor;
  }

  @Override
  public Claim claim(String pushId) {
    String key = keys.push(checked(pushId));
    String owner = UUID.randomUUID().toString();
    if (redis.setIfAbsent(key, owner, claimFor)) {
      claims.put(pushId, owner);
      return Claim.FIRST;
    }
    return DONE.equals(redis.get(key)) ? Claim.DUPLICATE : Claim.IN_PROGRESS;
  }

  @Override
  public void completed(String pushId, Duration remembered) {
    Objects.requireNonNull(remembered, "remembered");
    claims.remove(pushId);
    redis.set(keys.push(checked(pushId)), DONE, remembered);
  }

  @Override
  public void abandoned(String pushId) {
    String owner = claims.remove(checked(pushId));
    if (owner != null) {
      redis.script("releasing a push claim", RELEASE, new String[] {keys.push(pushId)}, owner);
    }
  }

  private static String checked(String pushId) {
    if (pushId == null || !PUSH_ID.matcher(pushId).matches()) {
      throw new IllegalArgumentException("pushId must be 64 lower-case hex digits (a SHA-256)");
    }
    return pushId;
  }

  /** Names the account; never a push. */
  @Override
  public String toString() {
    return "RedisPushLedger[" + keys.prefix() + ":" + keys.appId() + ", claimFor=" + claimFor + "]";
  }
}
