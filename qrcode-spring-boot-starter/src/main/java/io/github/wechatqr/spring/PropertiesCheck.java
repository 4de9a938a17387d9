package io.github.wechatqr.spring;

import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.spring.WeChatQrCodeProperties.CallbackSettings;
import io.github.wechatqr.spring.WeChatQrCodeProperties.CallbackSettings.Mode;
import io.github.wechatqr.spring.WeChatQrCodeProperties.RetrySettings;
import io.github.wechatqr.spring.WeChatQrCodeProperties.ReuseSettings.Policy;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.util.unit.DataSize;

/**
 * The rules of {@link WeChatQrCodeProperties}, one message per broken rule, each naming the property.
 * Messages describe what is wrong with a value (its length, a character class) and never quote it: a
 * secret or a URL with a password must not reach a log through a start-up failure.
 *
 * <p>The {@code token.*} rules are {@link TokenPolicy}'s own: the check builds the policy and reports its
 * refusal with each component's name ({@code refreshAhead}) replaced by the property's
 * ({@code wechat.qrcode.token.refresh-ahead}).
 */
final class PropertiesCheck {
  private static final String P = WeChatQrCodeProperties.PREFIX + ".";
  private static final Pattern CALLBACK_TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*");
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/._~-]*");
  private static final Pattern KEY_PREFIX = Pattern.compile("\\S{1,100}");
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
  /** A component of {@link TokenPolicy} named in its message, with the value it quotes in parentheses, if any. */
  private static final Pattern POLICY_COMPONENT = Pattern.compile("\\b("
      + Arrays.stream(TokenPolicy.class.getRecordComponents()).map(RecordComponent::getName)
          .collect(Collectors.joining("|"))
      + ")\\b(?: \\(([^)]*)\\))?");
  private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
  static final int AES_KEY_LENGTH = 43;
  /** A push is a few hundred bytes; the limit only bounds what a stranger can make us buffer. */
  static final DataSize MAX_BODY_SIZE = DataSize.ofMegabytes(16);

  private final List<String> problems = new ArrayList<>();

  private PropertiesCheck() {}

  static List<String> problems(WeChatQrCodeProperties properties) {
    PropertiesCheck check = new PropertiesCheck();
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
      credential("app-id", p.getAppId());
    }
    if (p.getSecret() != null) {
      credential("secret", p.getSecret());
    }
    present("token-mode", p.getTokenMode());
    present("store", p.getStore());
    base("api-base", p.getApiBase());
    base("mp-base", p.getMpBase());
    timeout("connect-timeout", p.getConnectTimeout());
    timeout("read-timeout", p.getReadTimeout());
  }

  private void retry(RetrySettings retry) {
    if (retry.getMaxAttempts() < 1 || retry.getMaxAttempts() > 10) {
      problems.add(P + "retry.max-attempts must be in 1..10 (1 means no retry), was " + retry.getMaxAttempts());
    }
    boolean initial = positive("retry.initial-backoff", retry.getInitialBackoff());
    boolean max = positive("retry.max-backoff", retry.getMaxBackoff());
    positive("retry.budget", retry.getBudget());
    if (initial && max && retry.getMaxBackoff().compareTo(retry.getInitialBackoff()) < 0) {
      problems.add(P + "retry.max-backoff (" + retry.getMaxBackoff() + ") must be at least retry.initial-backoff ("
          + retry.getInitialBackoff() + ")");
    }
  }

  private void reuse(WeChatQrCodeProperties p) {
    Policy policy = p.getReuse().getPolicy();
    if (present("reuse.policy", policy) && policy == Policy.AT_LEAST) {
      positive("reuse.min-remaining", p.getReuse().getMinRemaining());
    }
  }

  private void token(WeChatQrCodeProperties p) {
    try {
      p.getToken().toPolicy();
    } catch (NullPointerException unset) { // Objects.requireNonNull(value, component)
      problems.add(underPropertyNames(unset.getMessage() + " must be set"));
    } catch (IllegalArgumentException refused) {
      problems.add(underPropertyNames(refused.getMessage()));
    }
  }

  /**
   * @param policyMessage a refusal of {@link TokenPolicy}, which names its components and quotes only durations
   * @return the refusal naming the properties instead; the durations it quoted after a name follow at the end
   */
  static String underPropertyNames(String policyMessage) {
    Matcher component = POLICY_COMPONENT.matcher(policyMessage);
    StringBuilder message = new StringBuilder();
    List<String> values = new ArrayList<>();
    while (component.find()) {
      String property = "token." + CAMEL_HUMP.matcher(component.group(1)).replaceAll("-").toLowerCase(Locale.ROOT);
      component.appendReplacement(message, Matcher.quoteReplacement(P + property));
      if (component.group(2) != null) {
        values.add(property + "=" + component.group(2));
      }
    }
    component.appendTail(message);
    if (!values.isEmpty()) {
      message.append(" (").append(String.join(", ", values)).append(')');
    }
    return message.toString();
  }

  private void callback(CallbackSettings c) {
    if (c.getPath() == null || !PATH.matcher(c.getPath()).matches()) {
      problems.add(P + "callback.path must start with / and hold only letters, digits and / . _ ~ -");
    }
    boolean mounted = c.getToken() != null;
    if (mounted && !CALLBACK_TOKEN.matcher(c.getToken()).matches()) {
      problems.add(P + "callback.token must be 3..32 letters or digits, like the Token of the account's server"
          + " settings; it has " + c.getToken().length() + " characters");
    }
    String key = c.getEncodingAesKey();
    if (key != null) {
      aesKey(key);
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

  private void aesKey(String key) {
    if (key.length() != AES_KEY_LENGTH) {
      problems.add(P + "callback.encoding-aes-key must be " + AES_KEY_LENGTH + " characters of base64, as the"
          + " account's server settings show it; it has " + key.length() + " characters");
    } else if (!BASE64.matcher(key).matches()) {
      problems.add(P + "callback.encoding-aes-key must be " + AES_KEY_LENGTH + " characters of base64"
          + " (A-Z a-z 0-9 + /); it holds other characters");
    }
  }

  private void stores(WeChatQrCodeProperties p) {
    if (p.getCache().getMaxCodes() < 1) {
      problems.add(P + "cache.max-codes must be positive, was " + p.getCache().getMaxCodes());
    }
    if (p.getCache().getMaxImageSize() == null || p.getCache().getMaxImageSize().isNegative()) {
      problems.add(P + "cache.max-image-size must be 0 (no image cache) or more, was " + p.getCache().getMaxImageSize());
    }
    WeChatQrCodeProperties.RedisSettings redis = p.getRedis();
    if (redis.getKeyPrefix() == null || !KEY_PREFIX.matcher(redis.getKeyPrefix()).matches()) {
      problems.add(P + "redis.key-prefix must be 1..100 characters without whitespace");
    }
    positive("redis.command-timeout", redis.getCommandTimeout());
    positive("redis.lock-ttl", redis.getLockTtl());
    positive("redis.lock-wait", redis.getLockWait());
  }

  private void credential(String name, String value) {
    if (value.isBlank()) {
      problems.add(P + name + " must not be blank");
    } else if (!value.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
      problems.add(P + name + " must be printable ASCII without spaces");
    }
  }

  private void base(String name, URI uri) {
    if (uri == null) {
      return; // WeChat's own
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      problems.add(P + name + " must be an absolute http or https URL with a host and no user info, query or fragment");
    }
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

  private void timeout(String name, Duration value) {
    if (positive(name, value) && (value.toMillis() == 0 || value.compareTo(MAX_TIMEOUT) > 0)) {
      problems.add(P + name + " must be 1ms..10m, was " + value);
    }
  }

  private static String mode(Mode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }
}
