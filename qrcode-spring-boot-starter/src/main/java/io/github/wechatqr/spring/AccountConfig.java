package io.github.wechatqr.spring;

import io.github.wechatqr.feign.TokenMode;
import io.github.wechatqr.spring.WeChatQrCodeProperties.Account;
import io.github.wechatqr.spring.WeChatQrCodeProperties.CallbackSettings;
import io.github.wechatqr.spring.WeChatQrCodeProperties.CallbackSettings.Mode;
import io.github.wechatqr.spring.WeChatQrCodeProperties.StoreType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One account as the starter wires it: its own settings with the shared ones filled in. The one account of
 * {@code app-id} and the rest is named {@link #DEFAULT}; each of {@code accounts.<name>} by its name.
 *
 * @param name the account's name
 * @param prefix the prefix of its own properties, e.g. {@code wechat.qrcode.accounts.shop-a.}
 * @param appId its appid
 * @param secret its AppSecret; a secret
 * @param tokenMode its token mode
 * @param store its store type
 * @param callbackPath the path of its callback endpoint
 * @param callbackToken its callback token, or {@code null} for no endpoint; a secret
 * @param encodingAesKey its EncodingAESKey, or {@code null}; a secret
 * @param mode its callback mode
 */
record AccountConfig(String name, String prefix, @Nullable String appId, @Nullable String secret,
    @Nullable TokenMode tokenMode, @Nullable StoreType store, @Nullable String callbackPath,
    @Nullable String callbackToken, @Nullable String encodingAesKey, @Nullable Mode mode) {
  /** The name of the one account configured the old way, by {@code app-id} and the rest. */
  static final String DEFAULT = "default";

  /** @return the accounts of the properties, in their order; one, {@link #DEFAULT}, without {@code accounts} */
  static List<AccountConfig> of(WeChatQrCodeProperties p) {
    CallbackSettings shared = p.getCallback();
    if (p.getAccounts().isEmpty()) {
      return List.of(new AccountConfig(DEFAULT, WeChatQrCodeProperties.PREFIX + ".", p.getAppId(), p.getSecret(),
          p.getTokenMode(), p.getStore(), shared.getPath(), shared.getToken(), shared.getEncodingAesKey(),
          shared.getMode()));
    }
    List<AccountConfig> accounts = new ArrayList<>();
    for (Map.Entry<String, Account> entry : p.getAccounts().entrySet()) {
      String name = entry.getKey();
      Account a = entry.getValue();
      accounts.add(new AccountConfig(name, WeChatQrCodeProperties.PREFIX + ".accounts." + name + ".", a.getAppId(),
          a.getSecret(), or(a.getTokenMode(), p.getTokenMode()), or(a.getStore(), p.getStore()),
          or(a.getCallback().getPath(), defaultPath(shared.getPath(), name)), a.getCallback().getToken(),
          a.getCallback().getEncodingAesKey(), or(a.getCallback().getMode(), shared.getMode())));
    }
    return List.copyOf(accounts);
  }

  /** @return whether this is one of {@code accounts.<name>}, not the one account of {@code app-id} */
  boolean oneOfSeveral() {
    return !prefix.equals(WeChatQrCodeProperties.PREFIX + ".");
  }

  /** @return whether the endpoint is mounted: the callback token is set */
  boolean mounted() {
    return callbackToken != null;
  }

  /** @return the name of one of this account's own properties, e.g. {@code wechat.qrcode.accounts.shop-a.app-id} */
  String property(String suffix) {
    return prefix + suffix;
  }

  private static @Nullable String defaultPath(@Nullable String shared, String name) {
    return shared == null ? null : (shared.endsWith("/") ? shared : shared + "/") + name;
  }

  private static <T> @Nullable T or(@Nullable T own, @Nullable T shared) {
    return own != null ? own : shared;
  }

  /** Names and settings, never a secret. */
  @Override
  public String toString() {
    return "AccountConfig[name=" + name + ", appId=" + appId + ", tokenMode=" + tokenMode + ", store=" + store
        + ", callbackPath=" + callbackPath + ", mode=" + mode + "]";
  }
}
