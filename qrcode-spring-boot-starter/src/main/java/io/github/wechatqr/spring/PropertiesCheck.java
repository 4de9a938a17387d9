package io.github.wechatqr.spring;

import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.redis.RedisStoreSettings;
import io.github.wechatqr.spring.WeChatQrCodeProperties.CallbackSettings;
import io.github.wechatqr.spring.WeChatQrCodeProperties.CallbackSettings.Mode;
import io.github.wechatqr.spring.WeChatQrCodeProperties.RetrySettings;
import io.github.wechatqr.spring.WeChatQrCodeProperties.ReuseSettings.Policy;
import io.github.wechatqr.spring.WeChatQrCodeProperties.StoreType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * The rules of {@link WeChatQrCodeProperties}, one message per broken rule, each naming the property.
 * Messages describe what is wrong with a value (its length, a character class) and never quote it: a
 * secret or a URL with a password must not reach a log through a start-up failure.
 *
 * <p>Each rule is kept once, by its owner: the gateway's settings are checked by the Feign adapter's builder,
 * the token durations by {@link TokenPolicy}, the callback's secrets by the events adapter's handler builder,
 * the Redis settings by {@code RedisStoreSettings}. This class hands each property to its owner and reports
 * the refusal with the owner's name for it ({@code refreshAhead}, {@code encodingAesKey}) replaced by the
 * property's ({@code wechat.qrcode.token.refresh-ahead}, {@code wechat.qrcode.callback.encoding-aes-key});
 * a duration the refusal quotes after a name moves to the end. What is left here is the starter's own:
 * properties no adapter knows (the callback path and mode, the cache bounds, the reuse policy), the checks
 * across them, and one check of Spring's own: a property holding a secret ({@link SecretProperties}) whose
 * {@code ${…}} placeholder nothing resolved, which Spring binds as its text.
 */
final class PropertiesCheck {
  private static final String P = WeChatQrCodeProperties.PREFIX + ".";
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/._~-]*");
  private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][A-Za-z]*");
  /** The Feign adapter's names of the gateway settings. */
  static final Names GATEWAY = new Names(Map.of("appId", "app-id", "secret", "secret", "apiBase", "api-base",
      "mpBase", "mp-base", "connectTimeout", "connect-timeout", "readTimeout", "read-timeout",
      "maxAttempts", "retry.max-attempts", "initialBackoff", "retry.initial-backoff",
      "maxBackoff", "retry.max-backoff", "retryBudget", "retry.budget"));
  /** {@link TokenPolicy}'s components, under {@code token.}. */
  static final Names TOKEN = new Names(Arrays.stream(TokenPolicy.class.getRecordComponents())
      .map(RecordComponent::getName)
      .collect(Collectors.toMap(name -> name, name -> "token." + kebab(name))));
  /** The events adapter's names of the callback's secrets. */
  static final Names CALLBACK = new Names(Map.of("token", "callback.token",
      "encodingAesKey", "callback.encoding-aes-key", "appId", "app-id"));
  /** {@code RedisStoreSettings}' components, under {@code redis.}. */
  static final Names REDIS = new Names(Map.of("keyPrefix", "redis.key-prefix",
      "commandTimeout", "redis.command-timeout", "lockTtl", "redis.lock-ttl", "lockWait", "redis.lock-wait"));
  /** A push is a few hundred bytes; the limit only bounds what a stranger can make us buffer. */
  static final DataSize MAX_BODY_SIZE = DataSize.ofMegabytes(16);

  private final List<String> problems = new ArrayList<>();
  private String appId;

  private PropertiesCheck() {}

  static List<String> problems(WeChatQrCodeProperties properties) {
    PropertiesCheck check = new PropertiesCheck();
    check.appId = properties.getAppId();
    check.account(properties);
    check.retry(properties.getRetry());
    check.reuse(properties);
    check.token(properties);
    check.callback(properties.getCallback());
    check.stores(properties);
    return List.copyOf(check.problems);
  }

  private void account(WeChatQrCodeProperties p) {
    if (p.getAppId() == null) {
      problems.add(P + "app-id is required: the appid of the Official Account");
    } else {
      owned(GATEWAY, () -> FeignQrCodeGateway.builder().appId(p.getAppId()));
    }
    if (p.getSecret() != null && resolved("secret", p.getSecret())) {
      owned(GATEWAY, () -> FeignQrCodeGateway.builder().secret(p.getSecret()));
    }
    present("token-mode", p.getTokenMode());
    present("store", p.getStore());
    if (p.getApiBase() != null) { // else WeChat's own
      owned(GATEWAY, () -> FeignQrCodeGateway.builder().apiBase(p.getApiBase()));
    }
    if (p.getMpBase() != null) {
      owned(GATEWAY, () -> FeignQrCodeGateway.builder().mpBase(p.getMpBase()));
    }
    owned(GATEWAY, () -> FeignQrCodeGateway.builder().connectTimeout(p.getConnectTimeout()));
    owned(GATEWAY, () -> FeignQrCodeGateway.builder().readTimeout(p.getReadTimeout()));
  }

  private void retry(RetrySettings retry) {
    owned(GATEWAY, () -> FeignQrCodeGateway.builder().maxAttempts(retry.getMaxAttempts()));
    owned(GATEWAY, () -> FeignQrCodeGateway.builder().backoff(retry.getInitialBackoff(), retry.getMaxBackoff()));
    owned(GATEWAY, () -> FeignQrCodeGateway.builder().retryBudget(retry.getBudget()));
  }

  private void reuse(WeChatQrCodeProperties p) {
    Policy policy = p.getReuse().getPolicy();
    if (present("reuse.policy", policy) && policy == Policy.AT_LEAST) {
      positive("reuse.min-remaining", p.getReuse().getMinRemaining());
    }
  }

  private void token(WeChatQrCodeProperties p) {
    owned(TOKEN, () -> p.getToken().toPolicy());
  }

  /**
   * @param policyMessage a refusal of {@link TokenPolicy}, which names its components and quotes only durations
   * @return the refusal naming the properties instead; the durations it quoted after a name follow at the end
   */
  static String underPropertyNames(String policyMessage) {
    return TOKEN.apply(policyMessage);
  }

  private void callback(CallbackSettings c) {
    if (c.getPath() == null || !PATH.matcher(c.getPath()).matches()) {
      problems.add(P + "callback.path must start with / and hold only letters, digits and / . _ ~ -");
    }
    boolean mounted = c.getToken() != null;
    if (mounted && resolved("callback.token", c.getToken())) {
      owned(CALLBACK, () -> WeChatCallbackHandler.builder().token(c.getToken()));
    }
    String key = c.getEncodingAesKey();
    if (key != null) {
      String appId = this.appId; // a missing app-id is reported once, as such
      if (resolved("callback.encoding-aes-key", key)) {
        owned(CALLBACK, () -> {
          try {
            WeChatCallbackHandler.builder().encodingAesKey(key, appId);
          } catch (IllegalArgumentException refused) {
            if (appId != null || !refused.getMessage().startsWith("appId ")) {
              throw refused;
            }
          }
        });
      }
      if (!mounted) {
        problems.add(P + "callback.encoding-aes-key is set but " + P + "callback.token is not: the callback"
            + " endpoint needs the token too");
      }
    }
    if (present("callback.mode", c.getMode()) && mounted) {
      if (c.getMode() != Mode.PLAIN && key == null) {
        problems.add(P + "callback.encoding-aes-key is required in " + mode(c.getMode()) + " mode (or set "
            + P + "callback.mode=plain, which does not authenticate the body)");
      } else if (c.getMode() == Mode.PLAIN && key != null) {
        problems.add(P + "callback.encoding-aes-key is set but " + P + "callback.mode is plain: set the mode of"
            + " the account's server settings (safe or compatible), or remove the key");
      }
    }
    boolean skew = positive("callback.max-skew", c.getMaxSkew());
    if (skew && c.getMaxSkew().toSeconds() < 1) {
      problems.add(P + "callback.max-skew must be at least 1s, was " + c.getMaxSkew());
    }
    if (c.getMaxBodySize() == null || c.getMaxBodySize().toBytes() < 1
        || c.getMaxBodySize().toBytes() > MAX_BODY_SIZE.toBytes()) {
      problems.add(P + "callback.max-body-size must be 1B..16MB, was " + c.getMaxBodySize());
    }
    if (skew && c.getDedupWindow() != null && c.getDedupWindow().compareTo(c.getMaxSkew().multipliedBy(2)) < 0) {
      problems.add(P + "callback.dedup-window (" + c.getDedupWindow() + ") must cover twice callback.max-skew ("
          + c.getMaxSkew() + "), or a replayed push stamped ahead of the clock could be delivered twice");
    }
    if (c.getDedupCapacity() < 1) {
      problems.add(P + "callback.dedup-capacity must be positive, was " + c.getDedupCapacity());
    }
  }

  private void stores(WeChatQrCodeProperties p) {
    if (p.getCache().getMaxCodes() < 1) {
      problems.add(P + "cache.max-codes must be positive, was " + p.getCache().getMaxCodes());
    }
    if (p.getCache().getMaxImageSize() == null || p.getCache().getMaxImageSize().isNegative()) {
      problems.add(P + "cache.max-image-size must be 0 (no image cache) or more, was " + p.getCache().getMaxImageSize());
    }
    if (p.getStore() == StoreType.REDIS && p.getRedis().getUri() != null) {
      resolved("redis.uri", p.getRedis().getUri());
    }
    if (ClassUtils.isPresent(RedisStoreConfiguration.REDIS_STORES, PropertiesCheck.class.getClassLoader())) {
      RedisRules.check(p.getRedis(), this); // the adapter is optional: its class is loaded only when present
    }
  }

  /** The rules of {@code RedisStoreSettings}, one property at a time so each broken one is reported. */
  private static final class RedisRules {
    static void check(WeChatQrCodeProperties.RedisSettings redis, PropertiesCheck check) {
      RedisStoreSettings defaults = RedisStoreSettings.defaults();
      check.owned(REDIS, () -> defaults.withKeyPrefix(redis.getKeyPrefix()));
      check.owned(REDIS, () -> defaults.withCommandTimeout(redis.getCommandTimeout()));
      check.owned(REDIS, () -> defaults.withLockTtl(redis.getLockTtl()));
      check.owned(REDIS, () -> defaults.withLockWait(redis.getLockWait()));
    }
  }

  /**
   * A secret's own rules are its owner's (blank, length, characters); an unresolved {@code ${…}} is a notion
   * of Spring's, which binds the placeholder's text when nothing resolves it, so it is caught here, first:
   * else that text would pass some owners' rules and be sent to WeChat as the secret.
   */
  private boolean resolved(String name, String value) {
    if (SecretProperties.unresolved(value)) {
      problems.add(P + name + " holds a ${...} placeholder that nothing resolves: set the environment variable"
          + " or property it names");
      return false;
    }
    return true;
  }

  private boolean present(String name, Object value) {
    if (value == null) {
      problems.add(P + name + " must be set");
      return false;
    }
    return true;
  }

  private boolean positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      problems.add(P + name + " must be positive, was " + value);
      return false;
    }
    return true;
  }

  private static String mode(Mode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  /** Runs an owner's rule; a refusal becomes a problem under the property's name. */
  private void owned(Names names, Runnable rule) {
    try {
      rule.run();
    } catch (NullPointerException unset) { // Objects.requireNonNull(value, name), or "name must not be null"
      String message = String.valueOf(unset.getMessage());
      problems.add(names.apply(IDENTIFIER.matcher(message).matches() ? message + " must be set" : message));
    } catch (IllegalArgumentException refused) {
      problems.add(names.apply(refused.getMessage()));
    }
  }

  private static String kebab(String camel) {
    return CAMEL_HUMP.matcher(camel).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  /** An owner's names of its settings, and the property each stands for (under {@code wechat.qrcode.}). */
  static final class Names {
    private final Map<String, String> properties;
    private final Pattern named;

    Names(Map<String, String> properties) {
      this.properties = Map.copyOf(properties);
      // A name, with the value it quotes in parentheses, if any.
      this.named = Pattern.compile("\\b(" + String.join("|", properties.keySet()) + ")\\b(?: \\(([^)]*)\\))?");
    }

    /** @return the message naming the properties; the values it quoted after a name follow at the end */
    String apply(String message) {
      Matcher name = named.matcher(message);
      StringBuilder mapped = new StringBuilder();
      List<String> values = new ArrayList<>();
      while (name.find()) {
        String property = properties.get(name.group(1));
        name.appendReplacement(mapped, Matcher.quoteReplacement(P + property));
        if (name.group(2) != null) {
          values.add(property + "=" + name.group(2));
        }
      }
      name.appendTail(mapped);
      if (!values.isEmpty()) {
        mapped.append(" (").append(String.join(", ", values)).append(')');
      }
      return mapped.toString();
    }
  }
}
