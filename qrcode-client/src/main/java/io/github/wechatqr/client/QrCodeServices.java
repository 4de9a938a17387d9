package io.github.wechatqr.client;

import io.github.wechatqr.domain.service.QrCodeService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@link QrCodeService} of each of several Official Accounts, by a name the application chooses
 * ({@code "shop-a"}). Each account is wired on its own (its own gateway, token store and code store), so one
 * account's tickets and tokens never reach another; this registry only finds them by name.
 *
 * <pre>{@code
 * try (QrCodeServices accounts = QrCodeServices.builder()
 *     .account("shop-a", WeChatQrCodes.builder().appId(appIdA).secret(secretA).build())
 *     .account("shop-b", WeChatQrCodes.builder().appId(appIdB).secret(secretB).build())
 *     .build()) {
 *   QrCode login = accounts.get("shop-a").temporary(SceneValue.of("session-42"), Duration.ofMinutes(10));
 * }
 * }</pre>
 *
 * <p>It owns what {@link Builder#account(String, WeChatQrCodes)} hands it and closes those on {@link #close()};
 * a service given by {@link Builder#service(String, QrCodeService)} belongs to its caller (a host that
 * manages its parts itself, as the Spring Boot starter does). Thread-safe and immutable.
 */
public final class QrCodeServices implements AutoCloseable {
  /** Names go into property names, metric tags and URLs: keep them plain. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final Map<String, QrCodeService> services;
  private final List<WeChatQrCodes> owned;

  private QrCodeServices(Map<String, QrCodeService> services, List<WeChatQrCodes> owned) {
    this.services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    this.owned = List.copyOf(owned);
  }

  /**
   * Starts a registry; at least one account is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the service of an account.
   *
   * @param name the account's name, as given to the builder
   * @return its service, the same instance on every call
   * @throws IllegalArgumentException naming the known accounts, if none is called {@code name}
   * @throws NullPointerException if {@code name} is null
   */
  public QrCodeService get(String name) {
    QrCodeService service = services.get(Objects.requireNonNull(name, "name must not be null"));
    if (service == null) {
      throw new IllegalArgumentException("no account named '" + printable(name) + "'; the accounts are "
          + String.join(", ", services.keySet()));
    }
    return service;
  }

  /**
   * Checks a name against the rule of {@link Builder#account}: for hosts that read names from their
   * configuration and report a bad one before wiring anything.
   *
   * @param name a name
   * @return the name
   * @throws IllegalArgumentException if it is not 1..64 of lower-case letters, digits, {@code -} and {@code _},
   *     starting with a letter or digit
   * @throws NullPointerException if it is null
   */
  public static String requireValidName(String name) {
    Objects.requireNonNull(name, "name must not be null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must be 1..64 of a-z, 0-9, - and _, starting with a letter or"
          + " digit, was '" + printable(name) + "'");
    }
    return name;
  }

  /** Returns the names of the accounts, in the order they were added. */
  public Set<String> names() {
    return services.keySet();
  }

  /**
   * Closes what the registry owns: each {@link WeChatQrCodes} handed to {@link Builder#account}, in reverse
   * order ({@link WeChatQrCodes#close()} logs a part that fails to close and goes on). Idempotent.
   */
  @Override
  public void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      owned.get(i).close();
    }
  }

  /** Names the accounts; never a secret. */
  @Override
  public String toString() {
    return "QrCodeServices" + services.keySet();
  }

  /** A name that is not an account's is the caller's text: print it without control characters, shortened. */
  private static String printable(String name) {
    String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
    return shown.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  /** Collects the accounts; names are checked as they are added. */
  public static final class Builder {
    private final Map<String, QrCodeService> services = new LinkedHashMap<>();
    private final List<WeChatQrCodes> owned = new ArrayList<>();

    private Builder() {}

    /**
     * Adds an account wired by {@link WeChatQrCodes#builder()}; the registry closes it.
     *
     * @param name 1..64 of lower-case letters, digits, {@code -} and {@code _}, starting with a letter or digit
     * @param wechat the account's wiring
     * @return this builder
     * @throws IllegalArgumentException if the name is malformed or already taken
     * @throws NullPointerException if an argument is null
     */
    public Builder account(String name, WeChatQrCodes wechat) {
      Objects.requireNonNull(wechat, "wechat must not be null");
      add(name, wechat.service());
      owned.add(wechat);
      return this;
    }

    /**
     * Adds an account whose service the caller made and keeps: the registry never closes anything of it.
     *
     * @param name as for {@link #account}
     * @param service the account's service
     * @return this builder
     * @throws IllegalArgumentException if the name is malformed or already taken
     * @throws NullPointerException if an argument is null
     */
    public Builder service(String name, QrCodeService service) {
      add(name, Objects.requireNonNull(service, "service must not be null"));
      return this;
    }

    private void add(String name, QrCodeService service) {
      requireValidName(name);
      if (services.containsKey(name)) {
        throw new IllegalArgumentException("name '" + name + "' is already an account's");
      }
      services.put(name, service);
    }

    /**
     * Returns the registry.
     *
     * @return the registry of the accounts added
     * @throws IllegalStateException if no account was added
     */
    public QrCodeServices build() {
      if (services.isEmpty()) {
        throw new IllegalStateException("no account: add one with account(name, wechat) or service(name, service)");
      }
      return new QrCodeServices(services, owned);
    }
  }
}
